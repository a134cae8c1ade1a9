#!/bin/sh
# capsh.sh: capsh against libcap's capsh, setpriv and a raw program
# SPDX-License-Identifier: MIT
#
# usage: sh bench/capsh.sh     (as root; RUNS=, WARMUP=, RSS_RUNS=, CTBOX=)
# Two jobs, each ending in an exec of the same static true: drop
# cap_net_raw from the bounding set, and run under a seccomp deny-list
# (kill, on every ABI). libcap's capsh runs its shell for "--", as it
# must; setpriv has no seccomp lists.
. "$(dirname "$0")/lib.sh"
bench_init
RAW=$BENCH_TMP/raw-capsh
bench_cc "$RAW" "$BENCH_DIR/raw-capsh.c"
REF=/usr/sbin/capsh

D=--drop=cap_net_raw
bench_row "ctbox capsh --drop --exec" $CTBOX capsh $D --exec $TRUE
bench_row "ctbox capsh --drop -- -c (sh)" $CTBOX capsh $D -- -c $TRUE
[ -x $REF ] &&
	bench_row "libcap capsh --drop -- -c (bash)" $REF $D -- -c $TRUE
command -v setpriv >/dev/null &&
	bench_row "setpriv --bounding-set -net_raw" \
		setpriv --bounding-set -net_raw $TRUE
bench_row "raw drop" $RAW drop 13 $TRUE
bench_row "exec alone" $TRUE
bench_table "drop cap_net_raw, then exec true" "raw drop"
bench_pair "capsh --drop=cap_net_raw against raw drop" \
	$CTBOX capsh $D --exec $TRUE -- $RAW drop 13 $TRUE

# kill: 62 on x86_64 and x32, 37 on i386 (and 129, 37 on aarch64, arm)
case $(uname -m) in
aarch64) K="129 37" ;;
*) K="62 37" ;;
esac
bench_row "ctbox capsh --seccomp-deny=kill" \
	$CTBOX capsh --seccomp-deny=kill --exec $TRUE
bench_row "raw deny" $RAW deny $K $TRUE
[ -x $REF ] && bench_row "libcap capsh -- -c (no filter)" $REF -- -c $TRUE
bench_table "seccomp deny-list (kill), then exec true" "raw deny"
bench_pair "capsh --seccomp-deny=kill against raw deny" \
	$CTBOX capsh --seccomp-deny=kill --exec $TRUE -- $RAW deny $K $TRUE
