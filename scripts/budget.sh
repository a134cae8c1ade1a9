#!/bin/sh
# budget.sh: what a group of applets adds to the binary (make budget)
# SPDX-License-Identifier: MIT
#
# usage: budget.sh SRC BUILDDIR SYMBOL...     e.g. budget.sh . build/budget VETH
# Builds defconfig without seccomp twice in BUILDDIR: as is, and with the
# named Kconfig symbols off. The difference of the two stripped binaries is
# what those applets cost with the core modules only they select, the way
# the issues state their budgets.
set -eu
src=$1 dir=$2
shift 2
[ $# -gt 0 ] || { echo "usage: budget.sh SRC BUILDDIR SYMBOL..." >&2; exit 1; }

build() { # build DIR [SYMBOL...]: defconfig, no seccomp, SYMBOLs off
	d=$1
	shift
	mkdir -p "$d"
	make -s -f "$src/Makefile" O="$d" defconfig >/dev/null
	echo '# CONFIG_SECCOMP is not set' >> "$d/.config"
	for s in "$@"; do echo "# CONFIG_$s is not set" >> "$d/.config"; done
	make -s -f "$src/Makefile" O="$d" olddefconfig >/dev/null
	make -s -f "$src/Makefile" O="$d" all >/dev/null
	wc -c < "$d/ctbox"
}

with=$(build "$dir/with")
without=$(build "$dir/without" "$@")
echo "$*: $((with - without)) bytes ($with with, $without without;" \
	"defconfig without seccomp)"
