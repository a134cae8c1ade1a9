#!/bin/sh
# run.sh: run tests/*.test (or the ones named) and count the results
# SPDX-License-Identifier: MIT
#
# usage: tests/run.sh [NAME...]     NAME: unshare, nsenter, ... (tests/NAME.test)
# env:   CTBOX=path/to/ctbox  TEST_HOST=1 (run against the reference tools)
#        QEMU=qemu-aarch64-static (run the binary under qemu-user)
# Prints a line per case and ends with 'N passed, N failed, N skipped'.
cd "$(dirname "$0")/.." || exit 1
: "${CTBOX:=$PWD/ctbox}"
case $CTBOX in /*) ;; *) CTBOX=$PWD/$CTBOX ;; esac
RESULTS=$(mktemp /tmp/ctbox-results.XXXXXX)
export CTBOX RESULTS TEST_HOST QEMU
[ -n "$QEMU" ] && CTBOX="$QEMU $CTBOX"

if [ $# -gt 0 ]; then
	files=
	for n in "$@"; do files="$files tests/$n.test"; done
else
	files=$(ls tests/*.test)
fi
for f in $files; do
	[ -f "$f" ] || { echo "FAIL: $f: no such test file" | tee -a "$RESULTS"; continue; }
	TESTFILE=$(basename "$f" .test) sh "$f"
	rc=$?
	[ $rc = 0 ] || echo "FAIL: $(basename "$f" .test): test file exited $rc" | tee -a "$RESULTS"
done
p=$(grep -c '^PASS:' "$RESULTS")
f=$(grep -c '^FAIL:' "$RESULTS")
s=$(grep -c '^SKIP:' "$RESULTS")
rm -f "$RESULTS"
echo "$p passed, $f failed, $s skipped"
[ "$f" = 0 ]
