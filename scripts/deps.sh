#!/bin/sh
# deps.sh: install, with apt, whatever the build and the tests need that is missing
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/deps.sh [native] [cross] [vm]     (default: native)
#
# Idempotent: a package already installed is never named to apt (naming it
# would upgrade it), and apt-get update runs only when something is missing.
# --no-remove: apt refuses rather than removing anything (gcc-multilib and the
# ARM cross compilers conflict on Debian 12; we never ask for gcc-multilib).
set -eu

groups=${*:-native}

native="make gcc libc6-dev musl-tools musl-dev gperf dpkg-dev file binutils
 libseccomp-dev linux-libc-dev util-linux libcap2-bin cgroup-tools iproute2
 busybox-static iputils-ping hyperfine time procps kconfig-frontends-nox
 python3 psmisc uidmap"
cross="gcc-aarch64-linux-gnu musl-dev:arm64 linux-libc-dev-arm64-cross
 gcc-arm-linux-gnueabihf musl-dev:armhf linux-libc-dev-armhf-cross
 qemu-user-static"
vm="qemu-system-x86 qemu-system-arm cpio xz-utils lz4"

want=
for g in $groups; do
	case $g in
	native) want="$want $native" ;;
	cross) want="$want $cross" ;;
	vm) want="$want $vm" ;;
	*) echo "deps.sh: unknown group '$g' (native, cross, vm)" >&2; exit 1 ;;
	esac
done

if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: must run as root to install packages" >&2
	exit 1
fi

case " $groups " in
*" cross "*)
	for a in arm64 armhf; do
		dpkg --print-foreign-architectures | grep -qx $a ||
			dpkg --add-architecture $a
	done ;;
esac

# deb-src entry for libseccomp's source package, derived from the machine's
# own deb entries (same registry).
srcs=/etc/apt/sources.list.d/debian.sources
srcfile=/etc/apt/sources.list.d/ctbox-src.sources
need_update=
if [ -f $srcs ] && ! grep -qs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources; then
	sed 's/^Types: deb$/Types: deb-src/' $srcs > $srcfile
	need_update=1
fi
if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list &&
   ! grep -qs '^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then
	sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/ctbox-src.list
	need_update=1
fi

missing=
for p in $want; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done

if [ -z "$missing" ] && [ -z "$need_update" ]; then
	exit 0
fi
# one foreign index may fail to update (mirror sync); what we need still installs
apt-get update -q || true
[ -z "$missing" ] && exit 0
echo "deps.sh: installing:$missing"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	--no-remove $missing
