# lib.sh: helpers sourced by the bench/*.sh scripts
# SPDX-License-Identifier: MIT
#
# bench_init                        check tools, make $BENCH_TMP
# bench_row LABEL CMD...            time CMD (hyperfine -N, $RUNS runs) and
#                                   measure its peak RSS (/usr/bin/time -f %M,
#                                   median of $RSS_RUNS, whole process tree)
# bench_table TITLE BASELINE_LABEL  print the rows measured since the last
#                                   table, with ratios to the baseline row
# bench_cc OUT SRC                  build a static musl program (the raw
#                                   baselines) with the project's compiler
#
# Env: RUNS (default 300), WARMUP (30), RSS_RUNS (9), CTBOX (./ctbox).
# Every command should exec the same static 'true' ($TRUE, built here), so
# the figures are the wrapper's own cost plus one exec of a tiny program.

: "${RUNS:=300}" "${WARMUP:=30}" "${RSS_RUNS:=9}"
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

# median of numbers on stdin
_median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

bench_row()
{
	label=$1; shift
	csv=$BENCH_TMP/row.csv
	if ! "$@" >/dev/null 2>&1; then
		echo "bench: '$*' fails; row $label skipped" >&2
		return 0
	fi
	hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" \
		--export-csv "$csv" -- "$(printf "%s " "$@")" >/dev/null 2>&1 ||
		{ echo "bench: hyperfine failed on $label" >&2; return 0; }
	# command,mean,stddev,median,user,system,min,max (seconds)
	t=$(awk -F, 'NR == 2 { printf "%.3f %.3f %.3f", $4 * 1000, $2 * 1000, $3 * 1000 }' "$csv")
	rss=$(i=0; while [ $i -lt "$RSS_RUNS" ]; do
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; i=$((i + 1));
	done | _median)
	ROWS="$ROWS$label|$t $rss
"
}

bench_table()
{
	title=$1 base=$2
	printf '\n### %s\n\n' "$title"
	printf '| %-34s | %9s | %15s | %7s | %8s | %7s |\n' tool "median ms" "mean ± sd ms" "× $base" "RSS KiB" "RSS ×"
	printf '|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" "----------:" "----------------:" "--------:" "---------:" "--------:"
	printf '%s' "$ROWS" | awk -F'|' -v base="$base" '
		{ label[NR] = $1; split($2, f, " "); med[NR] = f[1]; mean[NR] = f[2]; sd[NR] = f[3]; rss[NR] = f[4]
		  if ($1 == base) { bm = f[1]; br = f[4] } }
		END { for (i = 1; i <= NR; i++)
			printf "| %-34s | %9.3f | %7.3f ± %5.3f | %7.2f | %8d | %7.2f |\n", label[i], med[i], mean[i], sd[i],
				bm ? med[i] / bm : 0, rss[i], br ? rss[i] / br : 0 }'
	ROWS=
}
