#!/bin/sh
# veth.sh: time the wiring of a namespace: ctbox veth, iproute2, a raw program
# SPDX-License-Identifier: MIT
#
# usage: sh bench/veth.sh     (as root; RUNS, DEL_RUNS: runs of creation and
#                              deletion per row; ROUNDS: how many slices)
# The wiring: a pair with its peer made inside a persistent namespace, an
# address on each end, both ends up and lo up inside; by one 'ctbox veth
# add', by the iproute2 commands a user would type, and by a raw program
# sending the same requests as ctbox (bench/raw-veth.c). Deleting a veth
# costs the kernel ~15 ms of RCU grace periods, so creation and deletion
# are timed apart: hyperfine's --prepare deletes (or makes) the pair
# before each run. The runs of each row are cut in ROUNDS slices taken in
# turn, and the ratios are the median of the slices' ratios: a busy
# machine drifts by more than the differences measured. The script runs
# in a network namespace of its own (it re-executes itself under ctbox
# unshare -n): the host's links never move.
. "$(dirname "$0")/lib.sh"

if [ -z "${VETH_BENCH_INNER:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "bench: veth needs root" >&2; exit 1; }
	VETH_BENCH_INNER=1 exec "$CTBOX" unshare -n sh "$0" "$@"
fi
: "${DEL_RUNS:=60}" "${ROUNDS:=10}"
bench_init
# a reader gone (| head) must not skip the cleanup of the namespace
trap 'exit 141' PIPE
RAW=$BENCH_TMP/raw-veth
bench_cc "$RAW" "$BENCH_DIR/raw-veth.c"
NS=ctbench$$ A=bva$$ B=bvb$$
$CTBOX unshare --net=/run/netns/$NS true || exit 1
BENCH_CLEANUP="ip link del $A; ip netns del $NS"
SLICES=$BENCH_TMP/slices

# slice ROUND RUNS LABEL PREPARE CMD...: RUNS timed runs of CMD, PREPARE
# run untimed before each; one line "round|label|median|mean|sd|user|sys"
slice()
{
	round=$1 runs=$2 label=$3 prep=$4; shift 4
	hyperfine -N --style none --warmup 3 --runs "$runs" \
		--prepare "sh -c '$prep'" --export-csv $BENCH_TMP/s.csv \
		-- "$(printf "%s " "$@")" >/dev/null 2>&1 ||
		{ echo "bench: hyperfine failed on $label" >&2; return 0; }
	awk -F, -v r="$round" -v l="$label" 'NR == 2 {
		printf "%s|%s|%.4f|%.4f|%.4f|%.4f|%.4f\n", r, l, $4 * 1000,
			$2 * 1000, $3 * 1000, $5 * 1000, $6 * 1000 }' \
		$BENCH_TMP/s.csv >> $SLICES
}

# peak RSS of LABEL's command: the median of RSS_RUNS runs, each prepared
rss()
{
	label=$1 prep=$2; shift 2
	i=0
	while [ $i -lt "$RSS_RUNS" ]; do
		sh -c "$prep" >/dev/null 2>&1
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
		i=$((i + 1))
	done | _median | sed "s/^/$label|/" >> $BENCH_TMP/rss
}

# run the rows (lines "label|prepare|command" in $1), slice by slice, the
# first row of each round rotating; then the tables
measure()
{
	: > $SLICES
	: > $BENCH_TMP/rss
	n=$(wc -l < "$1")
	while IFS='|' read -r label prep cmd; do
		sh -c "$prep" >/dev/null 2>&1
		# shellcheck disable=SC2086
		$cmd >/dev/null 2>&1 || { echo "bench: $cmd fails" >&2; exit 1; }
		rss "$label" "$prep" $cmd
	done < "$1"
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		k=0
		while [ $k -lt "$n" ]; do
			line=$(sed -n "$(((r + k) % n + 1))p" "$1")
			label=${line%%|*} rest=${line#*|}
			# shellcheck disable=SC2086
			slice $r $(($2 / ROUNDS)) "$label" "${rest%%|*}" ${rest#*|}
			k=$((k + 1))
		done
		r=$((r + 1))
	done
}

# the table from the slices: the median of the slices' medians, the mean
# of their means and deviations, peak RSS; then the ratios of each row to
# the base (median over the rounds) and the CPU times
report()
{
	title=$1 base=$2
	printf '\n### %s\n\n' "$title"
	printf '| %-34s | %9s | %15s | %8s |\n' tool "median ms" \
		"mean ± sd ms" "RSS KiB"
	printf '|%s|%s|%s|%s|\n' "------------------------------------" \
		"----------:" "----------------:" "---------:"
	awk -F'|' '
		FNR == NR { rss[$1] = $2; next }
		!($2 in seen) { seen[$2] = 1; order[++n] = $2 }
		{ k = $2; c[k]++; med[k, c[k]] = $3; mean[k] += $4; sd[k] += $5 }
		END { for (i = 1; i <= n; i++) { k = order[i]
			m = c[k]; for (a = 1; a <= m; a++) v[a] = med[k, a]
			for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
				if (v[b] < v[a]) { t = v[a]; v[a] = v[b]; v[b] = t }
			printf "| %-34s | %9.3f | %7.3f ± %5.3f | %8d |\n", k,
				v[int((m + 1) / 2)], mean[k] / m, sd[k] / m,
				rss[k] } }' $BENCH_TMP/rss $SLICES
	printf '\nThe median of the rounds'"'"' ratios to %s, and CPU times:\n' "$base"
	printf '\n| %-34s | %9s | %8s | %8s |\n' tool "× base" "user ms" "sys ms"
	printf '|%s|%s|%s|%s|\n' "------------------------------------" \
		"----------:" "---------:" "---------:"
	awk -F'|' -v base="$base" '
		!($2 in seen) { seen[$2] = 1; order[++n] = $2 }
		{ t[$1, $2] = $3; u[$2] += $6; s[$2] += $7; c[$2]++ }
		END { for (i = 1; i <= n; i++) { k = order[i]; m = 0
			for (r = 0; (r, k) in t; r++)
				if (t[r, base]) v[++m] = t[r, k] / t[r, base]
			for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
				if (v[b] < v[a]) { x = v[a]; v[a] = v[b]; v[b] = x }
			printf "| %-34s | %9.3f | %8.3f | %8.3f |\n", k,
				v[int((m + 1) / 2)], u[k] / c[k], s[k] / c[k] } }' $SLICES
}

gone="ip link del $A 2>/dev/null; true"
made="ip link del $A 2>/dev/null; $RAW add $A $B /run/netns/$NS 10.99.0.1 10.99.0.2"
# what a user types (6 ip commands), as a script: hyperfine takes one
# command line
cat > $BENCH_TMP/ipseq <<EOF
ip link add $A type veth peer name $B netns $NS
ip addr add 10.99.0.1/24 dev $A
ip -n $NS addr add 10.99.0.2/24 dev $B
ip link set $A up
ip -n $NS link set $B up
ip -n $NS link set lo up
EOF

cat > $BENCH_TMP/add <<EOF
ctbox veth add|$gone|$CTBOX veth add $A $B -N $NS -a 10.99.0.1/24 -A 10.99.0.2/24 -u
iproute2 sequence|$gone|sh -e $BENCH_TMP/ipseq
raw|$gone|$RAW add $A $B /run/netns/$NS 10.99.0.1 10.99.0.2
EOF
measure $BENCH_TMP/add "$RUNS"
report "creation: pair, peer in a namespace, 2 addresses, up" raw
mv $SLICES $BENCH_TMP/add.slices
awk -F'|' '$2 != "raw"' $BENCH_TMP/add.slices > $SLICES
echo
report "creation, against the iproute2 commands" "iproute2 sequence" |
	sed -n '/median of the rounds/,$p'

cat > $BENCH_TMP/del <<EOF
ctbox veth del|$made|$CTBOX veth del $A
ip link del|$made|ip link del $A
raw|$made|$RAW del $A
EOF
measure $BENCH_TMP/del "$DEL_RUNS"
report "deletion of the pair (kernel-bound)" raw
