#!/bin/sh
# cgexec.sh: ctbox cgexec against libcgroup's cgexec and a raw program
# SPDX-License-Identifier: MIT
#
# usage: sh bench/cgexec.sh (as root; RUNS=, WARMUP=, RSS_RUNS= as bench/lib.sh)
# One operation: move into a v1 memory group (made here, under the root of
# the memory hierarchy, with a unique name, removed at the end) and exec
# $TRUE. The baseline is bench/raw-cgexec.c: it writes cgroup.procs and
# execs, with no layout discovery at all.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || { echo "bench: cgexec needs root" >&2; exit 1; }
MEM=$(awk '{ for (i = 7; $i != "-"; i++) ;
	if ($(i + 1) == "cgroup" && ("," $(i + 3) ",") ~ /,memory,/)
		print $5 }' /proc/self/mountinfo | head -n 1)
[ -n "$MEM" ] || { echo "bench: no v1 memory hierarchy" >&2; exit 1; }
bench_init
RAW=$BENCH_TMP/raw-cgexec
bench_cc "$RAW" "$BENCH_DIR/raw-cgexec.c"
G=ctbox-bench-$$
mkdir "$MEM/$G" || exit 1
BENCH_CLEANUP="rmdir $MEM/$G"

bench_row "ctbox cgexec" $CTBOX cgexec -g memory:$G $TRUE
bench_row "libcgroup cgexec" cgexec -g memory:$G $TRUE
bench_row "raw write+exec" $RAW $MEM/$G $TRUE
bench_table "cgexec -g memory:G true" "raw write+exec"
