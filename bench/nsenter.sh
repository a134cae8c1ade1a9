#!/bin/sh
# nsenter.sh: ctbox nsenter against util-linux's, busybox's and a raw program
# SPDX-License-Identifier: MIT
#
# usage: sh bench/nsenter.sh (as root; RUNS=, WARMUP=, RSS_RUNS= as bench/lib.sh)
# Two operations on one target, a sleeping process in every kind of
# namespace (its user namespace mapped onto 100000-165535): entering its
# network namespace, and entering all of them (the pid namespace forks).
# The baseline is bench/raw-nsenter.c, which makes only the needed syscalls.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench: nsenter needs root" >&2; exit 1; }
bench_init
# the target's root (uid 100000 here) must reach $TRUE
chmod 755 "$BENCH_TMP"
RAW=$BENCH_TMP/raw-nsenter
bench_cc "$RAW" "$BENCH_DIR/raw-nsenter.c"

$CTBOX unshare -U --map-users=0:100000:65536 --map-groups=0:100000:65536 \
	-m -u -i -n -p -C -T --fork --mount-proc sleep 100000 \
	</dev/null >/dev/null 2>&1 &
U=$!
BENCH_CLEANUP="kill -KILL $U"
P= i=0
while [ -z "$P" ] && [ $i -lt 100 ]; do
	c=
	read -r c _ < /proc/$U/task/$U/children 2>/dev/null
	[ -n "$c" ] && [ "$(cat /proc/$c/comm)" = sleep ] && P=$c
	[ -n "$P" ] || sleep 0.05
	i=$((i + 1))
done
[ -n "$P" ] || { echo "bench: the target did not start" >&2; exit 1; }
BENCH_CLEANUP="kill -KILL $P $U"

bench_row "ctbox nsenter" $CTBOX nsenter -t $P -n $TRUE
bench_row "ctbox nsenter (files, two-pass)" \
	env CTBOX_NSENTER_NO_PIDFD=1 $CTBOX nsenter -t $P -n $TRUE
bench_row "util-linux nsenter" nsenter -t $P -n $TRUE
bench_row "busybox nsenter" busybox nsenter -t $P -n $TRUE
bench_row "raw open+setns" $RAW $P net $TRUE
bench_table "nsenter -t PID -n true" "raw open+setns"

bench_row "ctbox nsenter --all" $CTBOX nsenter -t $P --all $TRUE
bench_row "ctbox nsenter --all (files)" \
	env CTBOX_NSENTER_NO_PIDFD=1 $CTBOX nsenter -t $P --all $TRUE
bench_row "util-linux nsenter --all" nsenter -t $P --all $TRUE
bench_row "busybox nsenter -Umuinp (no -C -T)" \
	busybox nsenter -t $P -U -m -u -i -n -p $TRUE
bench_row "raw setns(pidfd)+fork" $RAW $P all $TRUE
bench_table "nsenter -t PID --all true" "raw setns(pidfd)+fork"
