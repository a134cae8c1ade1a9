#!/bin/sh
# bloatcheck.sh: what grew and what shrank since a saved size baseline
# SPDX-License-Identifier: MIT
#
# usage: bloatcheck.sh BASELINE NOW     (both are 'make sizes' outputs)
# Per module: text+rodata+data before, after, and the difference; then the
# stripped binary's size.
set -eu
base=$1 now=$2
[ -f "$base" ] || { echo "bloatcheck: no baseline $base (make baseline)" >&2; exit 1; }
awk '
FNR == 1 { file++; if ($1 == "ctbox:") bin[file] = $2; next }
$1 ~ /^[0-9]+$/ && $5 != "total" {
	m = $5; for (i = 6; i <= NF; i++) m = m " " $i
	sz[file, m] = $1 + $2 + $3; mods[m] = 1
}
END {
	printf "%8s %8s %8s  %s\n", "before", "after", "delta", "module"
	for (m in mods) {
		d = sz[2, m] - sz[1, m]; tot += d
		if (d != 0) printf "%8d %8d %+8d  %s\n", sz[1, m], sz[2, m], d, m
	}
	printf "%8s %8s %+8d  %s\n", "", "", tot, "total of the modules"
	printf "%8d %8d %+8d  %s\n", bin[1], bin[2], bin[2] - bin[1], "the stripped binary"
}' "$base" "$now"
