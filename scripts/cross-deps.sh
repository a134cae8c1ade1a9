#!/bin/sh
# cross-deps.sh: unpack an ARM musl cross toolchain without installing it
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/cross-deps.sh ARCH DIR        ARCH: aarch64 or armhf
#
# For when apt cannot install Debian's cross compiler without removing
# something (gcc-multilib conflicts with gcc-aarch64-linux-gnu and
# gcc-arm-linux-gnueabihf on Debian 12; scripts/deps.sh never removes a
# package). The same packages are fetched with apt-get download into
# DIR/debs and unpacked with dpkg -x into DIR/ARCH; DIR/bin gets the wrapper
# that Debian's musl-dev would have installed (aarch64-linux-musl-gcc or
# arm-linux-musleabihf-gcc), pointing at the unpacked gcc, at a copy of
# musl's specs file rewritten for DIR, and at the unpacked kernel headers.
# The relocated gcc finds cc1, as and ld relative to itself; the libraries
# cc1 needs (gmp, mpfr, mpc, isl) come with the host's own gcc.
# scripts/targets.mk puts DIR/bin at the end of PATH, so an installed
# toolchain still wins. Nothing outside DIR is written. Idempotent.
set -eu
me=cross-deps.sh

die()
{
	echo "$me: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: sh scripts/cross-deps.sh aarch64|armhf DIR"
ARCH=$1
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
case $ARCH in
aarch64) DA=arm64 GT=aarch64-linux-gnu MT=aarch64-linux-musl ;;
armhf) DA=armhf GT=arm-linux-gnueabihf MT=arm-linux-musleabihf ;;
*) die "unknown arch '$ARCH' (aarch64, armhf)" ;;
esac
X=$DIR/$ARCH
WRAP=$DIR/bin/$MT-gcc

[ -x "$WRAP" ] && [ -x "$X/usr/bin/$GT-gcc-12" ] && exit 0

# what gcc-$GT, musl-dev:$DA and linux-libc-dev-$DA-cross would install,
# minus glibc's cross libc (musl builds never link it)
pkgs="gcc-12-$GT cpp-12-$GT binutils-$GT libgcc-12-dev-$DA-cross
	musl-dev:$DA linux-libc-dev-$DA-cross"

fetch()
{
	mkdir -p "$DIR/debs"
	echo "  FETCH   $ARCH cross toolchain (apt-get download, dpkg -x)"
	# shellcheck disable=SC2086
	(cd "$DIR/debs" && apt-get download -q $pkgs) >"$DIR/debs/.log" 2>&1 ||
		{ cat "$DIR/debs/.log" >&2; die "apt-get download failed"; }
}

# the newest downloaded .deb of package $1 (NAME or NAME:ARCH)
deb_of()
{
	case $1 in
	*:*) glob="${1%:*}_*_${1#*:}.deb" ;;
	*) glob="${1}_*.deb" ;;
	esac
	ls "$DIR"/debs/$glob 2>/dev/null | sort -V | tail -n 1
}

unpack()
{
	rm -rf "$X.tmp"
	for p in $pkgs; do
		d=$(deb_of "$p")
		[ -n "$d" ] || die "no .deb of $p in $DIR/debs"
		dpkg -x "$d" "$X.tmp"
	done
	rm -rf "$X"
	mv "$X.tmp" "$X"
}

wrapper()
{
	[ -x "$X/usr/bin/$GT-gcc-12" ] ||
		die "the unpacked tree has no $GT-gcc-12"
	sed "s|/usr/|$X/usr/|g" "$X/usr/lib/$MT/musl-gcc.specs" \
		>"$X/musl-gcc.specs"
	mkdir -p "$DIR/bin"
	cat >"$WRAP.tmp" <<EOF
#!/bin/sh
# $MT-gcc: Debian's musl-dev:$DA wrapper, unpacked by scripts/cross-deps.sh
exec "$X/usr/bin/$GT-gcc-12" "\$@" -specs "$X/musl-gcc.specs" \\
	-isystem "$X/usr/$GT/include"
EOF
	chmod 755 "$WRAP.tmp"
	mv "$WRAP.tmp" "$WRAP"
}

command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
	die "needs apt-get and dpkg"
fetch
unpack
wrapper
echo "  XCC     $WRAP"
