#!/bin/sh
# run.sh: the guest side of the VM tier: run tests/vm/*.test, count results
# SPDX-License-Identifier: MIT
#
# Started by /init (a child of PID 1) with /dev and /sys mounted and no
# /proc: noproc.test runs first, then this script mounts /proc, then every
# other tests/vm/*.test runs. The cases print PASS:/FAIL:/SKIP: lines
# (tests/lib.sh) on the serial console; the last line is
# 'N passed, N failed, N skipped', which the host reads from the log. A case
# file's lines are labelled vm-ARCH/NAME.
cd / || exit 1
ARCH=$(cat /etc/ctbox-arch 2>/dev/null || uname -m)
RESULTS=/tmp/vm-results
CTBOX=/usr/bin/ctbox
QEMU= TEST_HOST=
export ARCH RESULTS CTBOX QEMU TEST_HOST
: >"$RESULTS"

echo "== ctbox-vm $ARCH: Linux $(uname -r) $(uname -m)," \
	"$($CTBOX --version 2>&1 | head -n 1)"

run_file()
{
	TESTFILE=vm-$ARCH/$(basename "$1" .test) sh "$1"
	rc=$?
	[ $rc = 0 ] || echo "FAIL: vm-$ARCH/$(basename "$1" .test):" \
		"test file exited $rc" | tee -a "$RESULTS"
}

# elapsed seconds since $1 (a /proc/uptime reading)
since()
{
	read -r now _ </proc/uptime
	awk -v a="$1" -v b="$now" 'BEGIN { printf "%.2f", b - a }'
}

run_file tests/vm/noproc.test
if mount -t proc proc /proc; then
	echo "PASS: vm-$ARCH/run: mount /proc after the cases without it" |
		tee -a "$RESULTS"
else
	echo "FAIL: vm-$ARCH/run: mount /proc" | tee -a "$RESULTS"
fi
read -r t0 _ </proc/uptime
for f in tests/vm/*.test; do
	[ "$f" = tests/vm/noproc.test ] || run_file "$f"
done
echo "== ctbox-vm $ARCH: cases after /proc took $(since "$t0") s," \
	"guest uptime $(since 0) s"

p=$(grep -c '^PASS:' "$RESULTS")
f=$(grep -c '^FAIL:' "$RESULTS")
s=$(grep -c '^SKIP:' "$RESULTS")
if [ "$f" != 0 ]; then
	echo "== ctbox-vm $ARCH: the kernel's last messages:"
	dmesg | tail -n 25
fi
echo "$p passed, $f failed, $s skipped"
[ "$f" = 0 ]
