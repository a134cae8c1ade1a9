#!/bin/sh
# sizes.sh: the size of ctbox, per applet and per core module (make sizes)
# SPDX-License-Identifier: MIT
#
# usage: sizes.sh BINARY LINKER_MAP SRC
# Reads the linker's map of the unstripped link: with -ffunction-sections
# every function and object is its own input section, and the map lists the
# ones --gc-sections kept with their sizes and the object they came from.
set -eu
bin=$1 map=$2

total=$(wc -c < "$bin")
arch=$(file -b "$bin" | cut -d, -f2 | sed 's/^ *//')
echo "ctbox: $total bytes stripped ($arch)"
awk '
function hex(s,    i, v) {
	v = 0; s = tolower(s); sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
function module(f,    m) {
	if (f ~ /libseccomp\.a/) return "lib libseccomp"
	if (f ~ /libc\.a|crt[1in]\.o|crt[a-z]*\.o/) return "lib musl libc"
	if (f ~ /libgcc/) return "lib libgcc"
	if (match(f, /obj\/(applets|core)\/[^\/]*\.o$/)) {
		m = substr(f, RSTART + 4, RLENGTH - 6)
		sub(/\//, " ", m)
		sub(/^applets/, "applet", m)
		return m
	}
	return "other"
}
function add(sec, size, file,    m, kind) {
	if (file == "" || size == 0) return
	m = module(file)
	if (sec ~ /^\.(text|init|fini)/) kind = "text"
	else if (sec ~ /^\.(rodata|eh_frame|gcc_except)/) kind = "rodata"
	else if (sec ~ /^\.(data|init_array|fini_array|got|tdata)/) kind = "data"
	else if (sec ~ /^\.(bss|tbss)/ || sec ~ /COMMON/) kind = "bss"
	else return
	sz[m, kind] += size; mods[m] = 1
}
/^Linker script and memory map/ { on = 1; next }
!on { next }
/^\.[A-Za-z_]/ { out = $1; pending = ""; next }
/^ [.A-Z*]/ && $1 != "*fill*" {
	if (NF >= 4 && $2 ~ /^0x/) { add($1, hex($3), $4); pending = "" }
	else if (NF == 1) pending = $1
	next
}
pending != "" && /^  +0x/ && NF >= 3 { add(pending, hex($2), $3); pending = ""; next }
{ pending = "" }
END {
	printf "%8s %8s %8s %8s  %s\n", "text", "rodata", "data", "bss", "module"
	n = 0
	for (m in mods) list[++n] = m
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
		if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
	for (i = 1; i <= n; i++) {
		m = list[i]
		printf "%8d %8d %8d %8d  %s\n", sz[m, "text"], sz[m, "rodata"], sz[m, "data"], sz[m, "bss"], m
		tt += sz[m, "text"]; tr += sz[m, "rodata"]; td += sz[m, "data"]; tb += sz[m, "bss"]
	}
	printf "%8d %8d %8d %8d  %s\n", tt, tr, td, tb, "total (sections; the file adds headers and alignment)"
}' "$map"
