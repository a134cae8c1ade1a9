# lib.sh: helpers sourced by the bench/*.sh scripts
# SPDX-License-Identifier: MIT
#
# bench_init                        check tools, make $BENCH_TMP
# bench_row LABEL CMD...            a row of the next table: CMD, and its peak
#                                   RSS (/usr/bin/time -f %M, median of
#                                   $RSS_RUNS, whole process tree)
# bench_table TITLE BASELINE_LABEL  time the rows (hyperfine -N) in $ROUNDS
#                                   rounds of $RUNS/$ROUNDS runs, the order
#                                   of the rows rotating, and print them with
#                                   the median of the rounds' ratios to the
#                                   baseline row: on a busy machine rows run
#                                   one after another drift apart, rounds
#                                   taken in turn do not
# bench_cc OUT SRC                  build a static musl program (the raw
#                                   baselines) with the project's compiler
# bench_pair LABEL CMD_A... -- CMD_B...
#                                   $PAIRS runs of each, taken in turn
#                                   (bench/pair.c): the medians and the
#                                   median of the paired ratios A/B, the
#                                   steadiest figure on a drifting machine
#
# Env: RUNS (default 300), WARMUP (30), RSS_RUNS (9), PAIRS (2000),
# CTBOX (./ctbox).
# Every command should exec the same static 'true' ($TRUE, built here), so
# the figures are the wrapper's own cost plus one exec of a tiny program.

: "${RUNS:=300}" "${WARMUP:=30}" "${RSS_RUNS:=9}" "${ROUNDS:=10}"
: "${PAIRS:=2000}"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$BENCH_DIR")
: "${CTBOX:=$TOP/ctbox}"
ROWS=

bench_init()
{
	for t in hyperfine /usr/bin/time musl-gcc; do
		command -v $t >/dev/null || {
			echo "bench: needs $t (sh scripts/deps.sh)" >&2; exit 1; }
	done
	BENCH_TMP=$(mktemp -d /tmp/ctbox-bench.XXXXXX)
	trap 'bench_cleanup' EXIT
	trap 'exit 130' INT TERM
	[ -x "$TOP/build/include/.stamp" ] || [ -f "$TOP/build/include/.stamp" ] ||
		make -C "$TOP" -s >/dev/null
	TRUE=$BENCH_TMP/true
	printf 'int main(void){return 0;}\n' > "$BENCH_TMP/true.c"
	bench_cc "$TRUE" "$BENCH_TMP/true.c"
}

bench_cleanup()
{
	[ -n "${BENCH_CLEANUP:-}" ] && eval "$BENCH_CLEANUP" >/dev/null 2>&1
	rm -rf "$BENCH_TMP"
}

bench_cc()
{
	musl-gcc -static -Os -s -isystem "$TOP/build/include" -o "$1" "$2"
}

bench_pair()
{
	label=$1
	shift
	[ -x "$BENCH_TMP/pair" ] ||
		bench_cc "$BENCH_TMP/pair" "$BENCH_DIR/pair.c" || return 1
	set -- $("$BENCH_TMP/pair" "$PAIRS" "$@") || return 1
	printf '\n%s, %s runs of each in turn (bench/pair.c): %s ms against' \
		"$label" "$PAIRS" "$1"
	printf ' %s ms, median of the paired ratios %s\n' "$2" "$3"
}

# median of numbers on stdin
_median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

bench_row()
{
	label=$1; shift
	if ! "$@" >/dev/null 2>&1; then
		echo "bench: '$*' fails; row $label skipped" >&2
		return 0
	fi
	rss=$(i=0; while [ $i -lt "$RSS_RUNS" ]; do
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; i=$((i + 1));
	done | _median)
	ROWS="$ROWS$label|$rss|$*
"
}

# one round: each row's RUNS/ROUNDS runs, starting at row $1
_round()
{
	n=$(printf '%s' "$ROWS" | wc -l)
	i=0
	while [ $i -lt "$n" ]; do
		line=$(printf '%s' "$ROWS" | sed -n "$(((i + $1) % n + 1))p")
		label=${line%%|*} cmd=${line#*|*|}
		hyperfine -N --style none --warmup 3 --runs $((RUNS / ROUNDS)) \
			--export-csv "$BENCH_TMP/row.csv" -- "$cmd" >/dev/null 2>&1 &&
		awk -F, -v r="$1" -v l="$label" 'NR == 2 {
			printf "%s|%s|%.4f|%.4f\n", r, l, $4 * 1000, $2 * 1000 }' \
			"$BENCH_TMP/row.csv"
		i=$((i + 1))
	done
}

bench_table()
{
	title=$1 base=$2 r=0
	[ -n "$ROWS" ] || return 0
	hyperfine -N --style none --runs "$WARMUP" -- \
		"$(printf '%s' "$ROWS" | head -n 1 | sed 's/^[^|]*|[^|]*|//')" \
		>/dev/null 2>&1
	while [ $r -lt "$ROUNDS" ]; do
		_round $r
		r=$((r + 1))
	done > "$BENCH_TMP/rounds"
	printf '\n### %s\n\n' "$title"
	printf '| %-34s | %9s | %9s | %7s | %13s | %8s | %6s |\n' tool \
		"median ms" "mean ms" "× $base" "rounds' range" "RSS KiB" "RSS ×"
	printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" \
		"----------:" "----------:" "--------:" "--------------:" \
		"---------:" "-------:"
	printf '%s' "$ROWS" | while IFS='|' read -r label rss cmd; do
		brss=$(printf '%s' "$ROWS" | awk -F'|' -v b="$base" '$1 == b { print $2 }')
		awk -F'|' -v l="$label" -v b="$base" -v rss="$rss" -v brss="$brss" '
			$2 == l { m[$1] = $3; med[++n] = $3; mean += $4 }
			$2 == b { bm[$1] = $3 }
			END {
				for (r in m) if (bm[r] > 0) rat[++k] = m[r] / bm[r]
				sort(med, n); sort(rat, k)
				printf "| %-34s | %9.3f | %9.3f | %7.2f | %5.2f .. %5.2f | %8d | %6.2f |\n",
					l, med[int((n + 1) / 2)], n ? mean / n : 0,
					rat[int((k + 1) / 2)], rat[1], rat[k], rss,
					brss ? rss / brss : 0
			}
			function sort(a, n,    i, j, t) {
				for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
					if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			}' "$BENCH_TMP/rounds"
	done
	ROWS=
}
