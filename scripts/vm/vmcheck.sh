#!/bin/sh
# vmcheck.sh: the real-kernel tier for one arch: fetch, pack, boot, judge
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/vm/vmcheck.sh ARCH CTBOX APPLETS_LIST SRC WORK
#
# Fetches Debian's kernel and busybox for ARCH into WORK/cache and
# WORK/ARCH/kernel (scripts/vm/fetch.sh), packs WORK/ARCH/initrd.cpio.gz
# around CTBOX (scripts/vm/initramfs.sh), boots it (scripts/vm/boot.sh) with
# the serial console in WORK/ARCH/serial.log, and prints what the guest
# printed: a PASS:/FAIL:/SKIP: line per case and its final
# 'N passed, N failed, N skipped' line, which decides. No such line (a
# timeout, a panic, a dead runner) is a failure. WORK/ARCH/result keeps
# the summary and the timings for the caller's table:
#   summary=N passed, N failed, N skipped
#   boot=SECONDS (qemu's whole run)  walk=SECONDS (the walk-through, in the
#   guest)  kernel=PACKAGE  size=BYTES (of CTBOX)
# Exit status 0 when that line says 0 failed.
set -eu

[ $# -eq 5 ] || { echo "usage: sh scripts/vm/vmcheck.sh ARCH CTBOX" \
	"APPLETS_LIST SRC WORK" >&2; exit 1; }
ARCH=$1 CTBOX=$2 LIST=$3 SRC=$4 WORK=$5
D=$WORK/$ARCH
V=$SRC/scripts/vm

WALK_RE='== ctbox-vm .*walk-through took \([0-9.]*\) s'

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# the result file, then the status: the summary decides
finish()
{
	{
		echo "summary=$1"
		echo "boot=${boot:-}"
		echo "walk=$(sed -n "s/^$WALK_RE\$/\\1/p" \
			"$D/serial.txt" 2>/dev/null | tail -n 1)"
		echo "kernel=$(cut -d' ' -f1 "$D/kernel/kernel.id" 2>/dev/null)"
		echo "size=$(wc -c <"$CTBOX")"
	} >"$D/result"
	echo "vm $ARCH: $1"
	case $1 in
	*" 0 failed,"*) exit 0 ;;
	*) exit 1 ;;
	esac
}

mkdir -p "$D"
rm -f "$D/result" "$D/serial.log" "$D/serial.txt"
sh "$V/fetch.sh" "$ARCH" "$WORK/cache" "$D/kernel" ||
	finish "0 passed, 1 failed, 0 skipped (no kernel)"
sh "$V/initramfs.sh" "$ARCH" "$CTBOX" "$LIST" "$D/kernel" "$SRC" \
	"$D/initrd.cpio.gz" ||
	finish "0 passed, 1 failed, 0 skipped (no initramfs)"

echo "  BOOT    $ARCH ($(cut -d' ' -f1 "$D/kernel/kernel.id"))," \
	"serial: $D/serial.log"
t=$(now)
rc=0
sh "$V/boot.sh" "$ARCH" "$D/kernel/vmlinuz" "$D/initrd.cpio.gz" \
	"$D/serial.log" || rc=$?
boot=$(since "$t")

# the firmware and qemu write CRs and escape sequences; the guest's own
# lines start at its '== ctbox-vm' banner
tr -d '\r' <"$D/serial.log" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g
	s/\x1b[()][0-9A-Z]//g; s/\x1b[a-zA-Z=>]//g' >"$D/serial.txt"
if grep -q '^== ctbox-vm ' "$D/serial.txt"; then
	sed -n '/^== ctbox-vm /,$p' "$D/serial.txt"
else
	tail -n 40 "$D/serial.txt"
fi
sum=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' \
	"$D/serial.txt" | tail -n 1) || true
echo "  VM      $ARCH: qemu exit $rc after ${boot} s"
if [ -z "$sum" ]; then
	why="qemu exit $rc"
	[ "$rc" != 124 ] || why="timed out after ${VM_TIMEOUT:-300} s"
	finish "0 passed, 1 failed, 0 skipped (no result line: $why)"
fi
finish "$sum"
