#!/bin/sh
# single.sh: the .config of a build with one applet (make single APPLET=x)
# SPDX-License-Identifier: MIT
#
# usage: single.sh APPLET SRC BUILDDIR    prints the config on stdout
# Every applet symbol of applets/*.c is turned off but APPLET's; features
# keep their defaults (olddefconfig fills them in).
set -eu
applet=$1 src=$2

sym=$(grep -h "^//applet:$applet " "$src"/applets/*.c | cut -d' ' -f3)
if [ -z "$sym" ]; then
	echo "single.sh: no applet '$applet' in applets/" >&2
	exit 1
fi
grep -h '^//applet:' "$src"/applets/*.c | cut -d' ' -f3 | sort -u |
while read -r s; do
	if [ "$s" = "$sym" ]; then
		echo "CONFIG_$s=y"
	else
		echo "# CONFIG_$s is not set"
	fi
done
