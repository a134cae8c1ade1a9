# libseccomp.sh: build and cache a static libseccomp for a musl target
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/libseccomp.sh CC TRIPLE INCDIR PREFIX
#
#   CC      target C compiler command, may carry flags (musl-gcc,
#           aarch64-linux-musl-gcc, arm-linux-musleabihf-gcc)
#   TRIPLE  configure --host value (x86_64-linux-musl, ...)
#   INCDIR  dir with linux/ asm/ asm-generic/ for the target, used as -isystem
#   PREFIX  gets lib/libseccomp.a, include/seccomp.h, include/seccomp-syscalls.h
#
# Debian's musl-gcc cannot use Debian's glibc-built libseccomp.a, so we build
# it from Debian's own source package (apt-get source: needs a deb-src entry,
# which scripts/deps.sh adds). Next to PREFIX, in DIR=$(dirname PREFIX):
#   DIR/src/libseccomp-*/    the unpacked source, shared by every triple
#   DIR/build-TRIPLE/        the build tree and build.log; never the source tree
#   DIR/scmp_bpf_sim         libseccomp's BPF simulator built for the host, used
#                            by the tests to check ARM filters that qemu-user
#                            cannot load
# Builds for different triples may run at once: flock serialises the fetch,
# and a second build of the same triple waits for the first and then finds it
# cached. PREFIX appears complete or not at all. V=1 shows all output;
# HOSTCC (default cc) builds the simulator.
set -eu

me=libseccomp.sh

die()
{
	echo "$me: $*" >&2
	exit 1
}

if [ $# -ne 4 ]; then
	echo "usage: sh scripts/libseccomp.sh CC TRIPLE INCDIR PREFIX" >&2
	exit 1
fi
CC=$1 TRIPLE=$2 INCDIR=$3 PREFIX=$4

cached()
{
	[ -f "$PREFIX/lib/libseccomp.a" ] && [ -f "$PREFIX/include/seccomp.h" ]
}

cached && exit 0

# Quiet: each step appends to the log, which is shown only on failure.
log=/dev/null
run()
{
	if [ "${V:-}" = 1 ]; then
		echo "$*" >&2
		"$@" </dev/null
	else
		"$@" </dev/null >>"$log" 2>&1
	fi
}

# die, showing the end of the log first
fail()
{
	if [ "${V:-}" != 1 ] && [ -s "$log" ]; then
		tail -n 25 "$log" >&2
		echo "$me: $* (full log: $log)" >&2
		exit 1
	fi
	die "$*"
}

# configure needs absolute paths, and the build runs in another directory.
absolutize()
{
	# an empty INCDIR means the compiler finds the kernel headers itself
	# (scripts/kheaders.sh made no links): check that it does
	if [ ! -d "$INCDIR/linux" ] &&
	   ! printf '#include <linux/types.h>\n#include <asm/unistd.h>\n' |
	     $CC -E -x c - >/dev/null 2>&1; then
		die "$INCDIR: no linux/ and asm/ kernel headers in it," \
			"and $CC does not find them"
	fi
	INCDIR=$(cd "$INCDIR" && pwd)
	case $(basename "$PREFIX") in
	/ | . | ..) die "$PREFIX: not usable as an install prefix" ;;
	esac
	mkdir -p "$(dirname "$PREFIX")"
	top=$(cd "$(dirname "$PREFIX")" && pwd)
	PREFIX=$top/$(basename "$PREFIX")
	# CFLAGS is one word list: a blank in a path would split it.
	case "$INCDIR$top" in
	*[[:space:]]*) die "blanks in paths are not supported: $INCDIR $top" ;;
	esac
	srcroot=$top/src
	build=$top/build-$TRIPLE
}

check_tools()
{
	command -v "${CC%% *}" >/dev/null 2>&1 ||
		die "C compiler '${CC%% *}' not found" \
			"(run: sh scripts/deps.sh native cross)"
	command -v gperf >/dev/null 2>&1 ||
		die "gperf not found: libseccomp's build needs it" \
			"(run: sh scripts/deps.sh)"
	command -v flock >/dev/null 2>&1 ||
		die "flock (util-linux) not found"
}

# Sets sdir to the unpacked source tree, if there is one.
find_src()
{
	sdir=
	for d in "$srcroot"/libseccomp-[0-9]*/; do
		[ -f "$d/configure" ] && sdir=${d%/}
	done
	[ -n "$sdir" ]
}

# Unpack in a scratch dir and move the tree into place only when complete,
# so an interrupted fetch never leaves a tree that find_src would accept.
fetch_src()
{
	command -v dpkg-source >/dev/null 2>&1 ||
		die "dpkg-source not found: apt-get source needs dpkg-dev" \
			"(run: sh scripts/deps.sh)"
	[ "${V:-}" = 1 ] || echo "  FETCH   libseccomp source (apt-get source)"
	rm -rf "$srcroot"/.unpack.*
	tmp=$srcroot/.unpack.$$
	mkdir -p "$tmp"
	# always logged: the log tells us why apt failed; V=1 shows it after
	if ! (cd "$tmp" && apt-get source libseccomp) </dev/null >>"$log" 2>&1
	then
		rm -rf "$tmp"
		[ "${V:-}" != 1 ] || cat "$log" >&2
		grep -qs "deb-src" "$log" &&
			die "apt has no deb-src entry, so apt-get source" \
				"cannot fetch libseccomp; run:" \
				"sh scripts/deps.sh (adds one, updates apt)"
		grep -qs "Unable to find a source package" "$log" &&
			die "apt knows no source package libseccomp;" \
				"run: sh scripts/deps.sh, then apt-get update"
		fail "apt-get source libseccomp failed"
	fi
	for d in "$tmp"/libseccomp-[0-9]*/; do
		[ -f "$d/configure" ] && mv "${d%/}" "$srcroot/"
	done
	rm -rf "$tmp"
	[ "${V:-}" != 1 ] || cat "$log"
	find_src || fail "apt-get source gave no libseccomp-*/ tree"
}

# The simulator evaluates an exported filter of any arch on the host. Only
# the tests need it, so failing to build it is not fatal.
build_sim()
{
	sim=$top/scmp_bpf_sim
	[ -x "$sim" ] && return 0
	if run ${HOSTCC:-cc} -O2 -I"$sdir/tools" "$sdir/tools/scmp_bpf_sim.c" \
		"$sdir/tools/util.c" -o "$sim.$$"; then
		mv -f "$sim.$$" "$sim"
	else
		rm -f "$sim.$$"
		echo "$me: warning: could not build $sim (see $log);" \
			"tests cannot check ARM filters" >&2
	fi
}

# Fetch and the simulator are shared by all triples: one process at a time.
prepare_shared()
{
	mkdir -p "$srcroot"
	exec 9>"$top/.lock-src"
	flock 9
	find_src || fetch_src
	build_sim
	exec 9>&-
}

# The target's own ar and ranlib, when gcc knows them; the host's ar only
# indexes foreign objects by luck of its generic ELF support.
set_binutils()
{
	for t in ar ranlib; do
		p=$($CC -print-prog-name=$t 2>/dev/null) || p=
		case $p in
		/*) [ -x "$p" ] || continue ;;
		*) continue ;;
		esac
		if [ $t = ar ]; then AR=$p; else RANLIB=$p; fi
	done
}

configure_lib()
{
	AR=ar RANLIB=ranlib
	set_binutils
	# no unwind tables: nothing in ctbox unwinds, and they are 4 KB
	cflags="-Os -ffunction-sections -fdata-sections -isystem $INCDIR"
	cflags="$cflags -fno-asynchronous-unwind-tables -fno-unwind-tables"
	cd "$build"
	run "$sdir/configure" --host="$TRIPLE" --prefix="$PREFIX" \
		--enable-static --disable-shared --disable-python \
		--disable-dependency-tracking \
		CC="$CC" AR="$AR" RANLIB="$RANLIB" CFLAGS="$cflags" ||
		fail "configure failed for $TRIPLE"
}

# Install into a staging DESTDIR, then rename into PREFIX in one step.
make_lib()
{
	stage=$build/stage
	jobs=$(nproc 2>/dev/null || echo 2)
	run make -C src -j"$jobs" || fail "make failed for $TRIPLE"
	run make -C src install DESTDIR="$stage" &&
		run make -C include install DESTDIR="$stage" ||
		fail "make install failed for $TRIPLE"
	[ -f "$stage$PREFIX/lib/libseccomp.a" ] &&
		[ -f "$stage$PREFIX/include/seccomp.h" ] ||
		fail "make install gave no libseccomp.a or seccomp.h"
	rm -rf "$PREFIX"
	mv "$stage$PREFIX" "$PREFIX"
	rm -rf "$stage"
}

absolutize
check_tools

# A second build of this triple waits here, then finds the first one's result.
exec 8>"$top/.lock-$TRIPLE"
flock 8
cached && exit 0

rm -rf "$build"
mkdir -p "$build"
log=$build/build.log
: >"$log"

# The caller's make and compiler settings must not leak into this build:
# MAKEFLAGS carries the caller's command-line variables (CFLAGS=, CC=, O=),
# and configure would pick CPPFLAGS, LDFLAGS and LIBS up from the environment.
unset MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS MAKEOVERRIDES \
	CPPFLAGS LDFLAGS LIBS

prepare_shared
[ "${V:-}" = 1 ] || echo "  BUILD   libseccomp for $TRIPLE"
configure_lib
make_lib
