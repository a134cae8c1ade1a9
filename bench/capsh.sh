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

# On a loaded machine the rows above drift apart in time; these ratios come
# from alternating rounds of both commands (ROUNDS x 100 runs, the order
# swapped each round), as the median of the rounds' ratios of medians.
alternate()
{
	label=$1 a=$2 b=$3 i=0
	while [ $i -lt "${ROUNDS:-12}" ]; do
		i=$((i + 1))
		if [ $((i % 2)) = 0 ]; then
			set -- "$a" "$b"
		else
			set -- "$b" "$a"
		fi
		hyperfine -N --style none --runs 100 --warmup 10 \
			--export-csv "$BENCH_TMP/alt.csv" -- "$1" "$2" \
			>/dev/null 2>&1 || return 0
		awk -F, -v swap=$((i % 2)) 'NR > 1 { m[NR - 1] = $4 }
			END { print swap ? m[2] / m[1] : m[1] / m[2] }' \
			"$BENCH_TMP/alt.csv"
	done | sort -n | awk -v l="$label" '{ r[NR] = $1 } END {
		printf "| %-34s | %7.2f | %5.2f .. %5.2f |\n", l,
			r[int((NR + 1) / 2)], r[1], r[NR] }'
}
printf '\n### alternating rounds: ctbox / raw\n\n'
printf '| %-34s | %7s | %14s |\n' job median "min .. max"
printf '|%s|%s|%s|\n' "------------------------------------" \
	"--------:" "---------------:"
alternate "drop cap_net_raw" "$CTBOX capsh $D --exec $TRUE" \
	"$RAW drop 13 $TRUE"
alternate "seccomp deny-list" \
	"$CTBOX capsh --seccomp-deny=kill --exec $TRUE" "$RAW deny $K $TRUE"
