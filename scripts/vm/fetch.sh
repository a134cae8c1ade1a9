#!/bin/sh
# fetch.sh: Debian's kernel, its modules and busybox-static for one VM arch
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/vm/fetch.sh ARCH CACHE OUT
#
#   ARCH   x86_64, aarch64 or armhf
#   CACHE  where the .deb files are kept (shared by every arch)
#   OUT    gets vmlinuz, modules/NAME.ko + modules/load.list (load order,
#          dependencies first), busybox (and busybox32, the armhf one, for
#          aarch64: the guest checks that seccomp filters cover the 32-bit
#          ABI), and kernel.id naming what it holds
#
# The kernel is the package that the linux-image-FLAVOUR metapackage of ARCH
# depends on now, fetched with apt-get download and unpacked with dpkg -x:
# nothing is installed, the host's /boot and /lib/modules are never touched.
# The unpacked tree (up to 400 MB) is deleted once vmlinuz and the modules
# are copied. A second run with the same package versions does nothing.
#
# env: KERNEL=cloud (default: Debian's cloud kernels for x86_64 and arm64,
#      a third of the download and faster to boot) or generic
#      MODULES="veth" (each module's depends= are added, deps first)
set -eu
me=fetch.sh

die()
{
	echo "$me: $*" >&2
	exit 1
}

[ $# -eq 3 ] || die "usage: sh scripts/vm/fetch.sh ARCH CACHE OUT"
ARCH=$1 CACHE=$2 OUT=$3
: "${KERNEL:=cloud}" "${MODULES:=veth}"
export LC_ALL=C

# Debian arch and kernel flavour; Debian has no cloud flavour for armhf, and
# its LPAE flavour is the one qemu's virt board with a cortex-a15 runs
arch_vars()
{
	case $ARCH in
	x86_64) DA=amd64 FLAVOUR=amd64 ;;
	aarch64) DA=arm64 FLAVOUR=arm64 ;;
	armhf) DA=armhf FLAVOUR=armmp-lpae ;;
	*) die "unknown arch '$ARCH' (x86_64, aarch64, armhf)" ;;
	esac
	case $KERNEL/$ARCH in
	cloud/armhf | generic/*) ;;
	cloud/*) FLAVOUR=cloud-$FLAVOUR ;;
	*) die "KERNEL must be cloud or generic, not '$KERNEL'" ;;
	esac
}

# PKG:DA -> the candidate version apt would fetch
candidate()
{
	apt-cache policy "$1" 2>/dev/null |
		awk '/Candidate:/ { print $2; exit }'
}

# the package the metapackage depends on: the current ABI, never hard-coded
resolve_kernel()
{
	meta=linux-image-$FLAVOUR:$DA
	KPKG=$(apt-cache depends "$meta" 2>/dev/null |
		awk '/Depends: linux-image-/ { print $2; exit }')
	KPKG=${KPKG%:"$DA"}
	[ -n "$KPKG" ] || die "apt knows no $meta: is the $DA architecture" \
		"added? (run: sh scripts/deps.sh cross vm)"
	KVER=$(candidate "$KPKG:$DA")
	[ -n "$KVER" ] && [ "$KVER" != "(none)" ] ||
		die "no candidate version of $KPKG:$DA"
}

# the file name apt-get download gives PKG VERSION DA (epoch ':' is %3a)
deb_name()
{
	echo "${1}_$(echo "$2" | sed 's/:/%3a/')_$3.deb"
}

# apt-get download PKG=VERSION of Debian arch DA into CACHE
get()
{
	(cd "$CACHE" && apt-get download -q "$1:$3=$2") >"$CACHE/.log" 2>&1
}

# fetch PKG VERSION DA into CACHE unless it is there; a stale package list
# (the mirror moved on) gets one apt-get update, as root, and a retry
download()
{
	f=$CACHE/$(deb_name "$1" "$2" "$3")
	[ -s "$f" ] && return 0
	echo "  FETCH   $1 $2 ($3)"
	get "$@" && return 0
	if [ "$(id -u)" != 0 ]; then
		cat "$CACHE/.log" >&2
		die "apt-get download $1 failed (stale package lists? as root" \
			"this would run apt-get update)"
	fi
	apt-get update -q >/dev/null 2>&1 || true
	get "$@" || { cat "$CACHE/.log" >&2; die "apt-get download $1 failed"; }
	[ -s "$f" ] || die "apt-get download gave no $f"
}

# older kernels of this flavour are of no more use once a newer one is here
# (linux-image-6.1.0-56-amd64, not linux-image-6.1.0-56-cloud-amd64)
prune()
{
	keep=$(deb_name "$KPKG" "$KVER" "$DA")
	for f in "$CACHE"/linux-image-*_"$DA".deb; do
		f=${f##*/}
		echo "$f" | grep -qE "^linux-image-[0-9.]+-[0-9]+-${FLAVOUR}_" &&
			[ "$f" != "$keep" ] && rm -f "$CACHE/$f"
	done
	return 0
}

# module file of NAME under the unpacked lib/modules/KVER dir $1
mod_path()
{
	find "$1/kernel" \( -name "$2.ko" -o -name "$2.ko.xz" \
		-o -name "$2.ko.zst" -o -name "$2.ko.gz" \) | head -n 1
}

# copy module $2 and, first, what it depends on (its .modinfo depends=,
# NUL-separated strings: Debian's package has no modules.dep), decompressed
# here because busybox insmod would first hand the kernel the packed file
add_module()
{
	grep -qx "$2.ko" "$TMP/modules/load.list" && return 0
	p=$(mod_path "$1" "$2")
	[ -n "$p" ] || die "module $2 is not in $KPKG"
	case $p in
	*.xz) xz -dc "$p" >"$TMP/modules/$2.ko" ;;
	*.zst) zstd -qdc "$p" >"$TMP/modules/$2.ko" ;;
	*.gz) gzip -dc "$p" >"$TMP/modules/$2.ko" ;;
	*) cp "$p" "$TMP/modules/$2.ko" ;;
	esac
	for d in $(tr '\0' '\n' <"$TMP/modules/$2.ko" |
		sed -n 's/^depends=//p' | tr ',' ' '); do
		add_module "$1" "$d"
	done
	echo "$2.ko" >>"$TMP/modules/load.list"
}

unpack_kernel()
{
	tree=$TMP/tree
	dpkg -x "$CACHE/$(deb_name "$KPKG" "$KVER" "$DA")" "$tree"
	kv=$(ls "$tree/lib/modules")
	cp "$tree/boot/vmlinuz-$kv" "$TMP/vmlinuz"
	mkdir -p "$TMP/modules"
	: >"$TMP/modules/load.list"
	for m in $MODULES; do
		add_module "$tree/lib/modules/$kv" "$m"
	done
	rm -rf "$tree"
}

# the busybox-static version of Debian arch $1
busybox_version()
{
	v=$(candidate "busybox-static:$1")
	[ -n "$v" ] && [ "$v" != "(none)" ] ||
		die "no busybox-static:$1 (run: sh scripts/deps.sh cross vm)"
	echo "$v"
}

# busybox VERSION of Debian arch $2 -> $TMP/$3
unpack_busybox()
{
	download busybox-static "$1" "$2"
	dpkg -x "$CACHE/$(deb_name busybox-static "$1" "$2")" "$TMP/bb"
	cp "$TMP/bb/bin/busybox" "$TMP/$3"
	rm -rf "$TMP/bb"
}

# nothing to do if OUT was filled for these settings since apt's package
# lists last changed (apt-cache takes seconds on a host with three arches)
up_to_date()
{
	[ -s "$OUT/vmlinuz" ] && [ -s "$OUT/kernel.id" ] &&
		[ "$(cat "$OUT/params" 2>/dev/null)" = "$params" ] &&
		[ -z "$(find /var/lib/apt/lists -name '*Packages*' \
			-newer "$OUT/kernel.id" 2>/dev/null | head -n 1)" ]
}

command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
	die "needs apt-get and dpkg (a Debian or Ubuntu host)"
arch_vars
params="KERNEL=$KERNEL MODULES=$MODULES"
up_to_date && exit 0
resolve_kernel
BB=$(busybox_version "$DA")
BB32=
[ "$ARCH" != aarch64 ] || BB32=$(busybox_version armhf)
id="$KPKG:$DA=$KVER busybox-static=$BB${BB32:+ busybox32=$BB32}"
id="$id modules=$MODULES"
mkdir -p "$CACHE" "$OUT"
if [ -s "$OUT/vmlinuz" ] && [ "$(cat "$OUT/kernel.id" 2>/dev/null)" = "$id" ]
then
	touch "$OUT/kernel.id"
	echo "$params" >"$OUT/params"
	exit 0
fi

download "$KPKG" "$KVER" "$DA"
prune
TMP=$OUT/.fetch.$$
rm -rf "$OUT"/.fetch.*
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
unpack_kernel
unpack_busybox "$BB" "$DA" busybox
[ -z "$BB32" ] || unpack_busybox "$BB32" armhf busybox32
echo "$id" >"$TMP/kernel.id"
echo "$params" >"$TMP/params"

# replace OUT's contents in one go, so a half-done fetch is never taken
rm -rf "$OUT/modules" "$OUT/vmlinuz" "$OUT/busybox" "$OUT/busybox32" \
	"$OUT/kernel.id"
mv "$TMP"/* "$OUT/"
echo "  KERNEL  $ARCH: $KPKG $KVER, modules:" \
	"$(tr '\n' ' ' <"$OUT/modules/load.list")"
