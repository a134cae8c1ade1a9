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
# When apt refuses a cross toolchain for that reason, scripts/cross-deps.sh
# unpacks it into $XCC_DIR (default build/xcc of the source tree) instead,
# where scripts/targets.mk finds it.
set -eu

groups=${*:-native}

native="make gcc libc6-dev musl-tools musl-dev gperf dpkg-dev file binutils
 libseccomp-dev linux-libc-dev util-linux libcap2-bin cgroup-tools iproute2
 busybox-static iputils-ping hyperfine time procps kconfig-frontends-nox
 python3 psmisc uidmap strace"
cross="qemu-user-static"
# each installed on its own, so that one apt refuses does not hold up the rest
cross_aarch64="gcc-aarch64-linux-gnu musl-dev:arm64 linux-libc-dev-arm64-cross"
cross_armhf="gcc-arm-linux-gnueabihf musl-dev:armhf linux-libc-dev-armhf-cross"
vm="qemu-system-x86 qemu-system-arm cpio xz-utils"
top=$(cd "$(dirname "$0")/.." && pwd)
: "${XCC_DIR:=$top/build/xcc}"

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

# the packages of the list $* that are not installed; a name without
# :ARCH means the host's arch (or all): with musl-dev:arm64 installed,
# dpkg-query musl-dev answers for every arch at once
native_arch=$(dpkg --print-architecture)
missing_of()
{
	for p; do
		case $p in
		*:*) want_re="${p#*:}" ;;
		*) want_re="$native_arch|all" ;;
		esac
		dpkg-query -W -f='${Architecture} ${db:Status-Status}\n' "$p" \
			2>/dev/null | grep -qE "^($want_re) installed\$" ||
			printf ' %s' "$p"
	done
}

# the toolchains still missing: neither installed nor unpacked by
# cross-deps.sh (an unpacked one is not retried with apt on every run)
xcc_missing=
case " $groups " in
*" cross "*)
	for a in aarch64 armhf; do
		eval "pkgs=\$cross_$a"
		[ -z "$(missing_of $pkgs)" ] || [ -x "$XCC_DIR/$a/usr/bin" ] ||
			xcc_missing="$xcc_missing $a"
	done ;;
esac
missing=$(missing_of $want)

if [ -z "$missing" ] && [ -z "$xcc_missing" ] && [ -z "$need_update" ]; then
	exit 0
fi
# one foreign index may fail to update (mirror sync); what we need still installs
apt-get update -q || true
if [ -n "$missing" ]; then
	echo "deps.sh: installing:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends --no-remove $missing
fi
for a in $xcc_missing; do
	eval "pkgs=\$cross_$a"
	p=$(missing_of $pkgs)
	echo "deps.sh: installing:$p"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends --no-remove $p && continue
	echo "deps.sh: apt would have to remove packages to install the $a" \
		"toolchain (gcc-multilib?): unpacking it into $XCC_DIR instead"
	sh "$top/scripts/cross-deps.sh" "$a" "$XCC_DIR"
done
