#!/bin/sh
# kheaders.sh: make the kernel UAPI headers visible to a musl toolchain
# SPDX-License-Identifier: MIT
#
# usage: kheaders.sh CC MULTIARCH KERNEL_HEADERS DIR
# Fills DIR with links linux/ asm/ asm-generic/ to the target's UAPI headers,
# unless CC finds them by itself (a real musl cross toolchain does). Debian's
# musl-gcc wrappers search neither /usr/include/linux nor the asm/ dirs.
set -eu
cc=$1 ma=$2 kh=$3 dir=$4

probe='#include <linux/types.h>
#include <asm/unistd.h>'
if [ -z "$kh" ] && printf '%s\n' "$probe" | $cc -E -x c - >/dev/null 2>&1; then
	exit 0
fi
if [ -z "$kh" ]; then
	if [ -n "$ma" ] && [ -d "/usr/$ma/include/linux" ]; then
		kh=/usr/$ma/include		# linux-libc-dev-ARCH-cross
	else
		kh=/usr/include
	fi
fi
asm=$kh/asm
[ -d "$asm" ] || asm=$kh/$ma/asm
for d in "$kh/linux" "$asm" "$kh/asm-generic"; do
	if [ ! -d "$d" ]; then
		echo "kheaders.sh: no kernel headers at $d (install linux-libc-dev," \
			"or the -cross package of the target; or pass KERNEL_HEADERS=dir)" >&2
		exit 1
	fi
done
ln -sfn "$kh/linux" "$dir/linux"
ln -sfn "$asm" "$dir/asm"
ln -sfn "$kh/asm-generic" "$dir/asm-generic"
