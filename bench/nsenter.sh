#!/bin/sh
# nsenter.sh: ctbox nsenter against util-linux's, busybox's and a raw program
# SPDX-License-Identifier: MIT
#
# usage: sh bench/nsenter.sh (as root; RUNS= WARMUP= RSS_RUNS= as bench/lib.sh,
# ROUNDS=)
# Two operations on one target, a sleeping process in every kind of
# namespace, root of its user namespace (mapped onto 100000-165535):
# entering its network namespace, and entering all of them (the pid
# namespace forks; every tool then becomes uid 0 and gid 0 inside).
# The baseline is bench/raw-nsenter.c, which makes only the needed syscalls.
#
# Wall time on a loaded machine says more about the other processes than
# about ours: with perf, a second table gives the CPU time (task-clock of
# the whole process tree), which waiting does not swell. Its rows take
# turns, $ROUNDS rounds of $RUNS/$ROUNDS runs, and the median round counts,
# so that a burst of other work hits them all alike.
. "$(dirname "$0")/lib.sh"

: "${ROUNDS:=10}"

# the CPU ms of one run of CMD, the mean of $1 runs
cpu_ms()
{
	_n=$1
	shift
	perf stat -x, -e task-clock -r "$_n" "$@" 2>&1 >/dev/null |
		awk -F, '$3 == "task-clock" { print $1 }'
}

# the test knob, for the rows of the files way
knob()
{
	case $1 in
	*files*) export CTBOX_NSENTER_NO_PIDFD=1 ;;
	*) unset CTBOX_NSENTER_NO_PIDFD ;;
	esac
}

# cpu_table TITLE BASELINE_LABEL < rows (LABEL|CMD)
cpu_table()
{
	_rows=$BENCH_TMP/rows _cpu=$BENCH_TMP/cpu
	cat > "$_rows"
	: > "$_cpu"
	_r=0
	while [ $_r -lt "$ROUNDS" ]; do
		_i=0
		while IFS='|' read -r _label _cmd; do
			_i=$((_i + 1))
			knob "$_label"
			echo "$_i $(cpu_ms $((RUNS / ROUNDS)) $_cmd)" >> "$_cpu"
		done < "$_rows"
		knob none
		_r=$((_r + 1))
	done
	printf '\n### %s: CPU time (perf task-clock, median of %s rounds)\n\n' \
		"$1" "$ROUNDS"
	printf '| %-34s | %8s | %7s |\n' tool "CPU ms" "× $2"
	printf '|%s|%s|%s|\n' "------------------------------------" \
		"---------:" "--------:"
	sort -k1,1n -k2,2n "$_cpu" | awk -v base="$2" -v rows="$_rows" '
		BEGIN {
			while ((getline l < rows) > 0) {
				split(l, f, "|")
				label[++n] = f[1]
			}
		}
		{ v[$1, ++c[$1]] = $2 }
		END {
			for (i = 1; i <= n; i++) {
				med[i] = v[i, int((c[i] + 1) / 2)]
				if (label[i] == base)
					b = med[i]
			}
			for (i = 1; i <= n; i++)
				printf "| %-34s | %8.3f | %7.2f |\n", label[i],
					med[i], b ? med[i] / b : 0
		}'
}

# sys_table TITLE BASELINE_LABEL < rows: the system calls each makes (the
# whole process tree, strace -f -c), a count no other load changes
sys_table()
{
	printf '\n### %s: system calls (strace -f -c)\n\n' "$1"
	printf '| %-34s | %8s | %7s |\n' tool calls "× $2"
	printf '|%s|%s|%s|\n' "------------------------------------" \
		"---------:" "--------:"
	while IFS='|' read -r _label _cmd; do
		knob "$_label"
		strace -f -c -o "$BENCH_TMP/strace" $_cmd >/dev/null 2>&1
		echo "$_label|$(awk '$NF == "total" { print $4 }' \
			"$BENCH_TMP/strace")"
	done | awk -F'|' -v base="$2" '
		{ l[NR] = $1; v[NR] = $2; if ($1 == base) b = $2 }
		END {
			for (i = 1; i <= NR; i++)
				printf "| %-34s | %8d | %7.2f |\n", l[i], v[i],
					b ? v[i] / b : 0
		}'
	knob none
}

# the tables of the rows: LABEL|CMD lines on stdin
measure()
{
	_title=$1 _base=$2
	cat > "$BENCH_TMP/measure"
	while IFS='|' read -r _label _cmd; do
		knob "$_label"
		bench_row "$_label" $_cmd
	done < "$BENCH_TMP/measure"
	knob none
	bench_table "$_title" "$_base"
	[ -z "$PERF" ] || cpu_table "$_title" "$_base" < "$BENCH_TMP/measure"
	! command -v strace >/dev/null ||
		sys_table "$_title" "$_base" < "$BENCH_TMP/measure"
}

[ "$(id -u)" = 0 ] || { echo "bench: nsenter needs root" >&2; exit 1; }
bench_init
# the target's root (uid 100000 here) must reach $TRUE
chmod 755 "$BENCH_TMP"
RAW=$BENCH_TMP/raw-nsenter
bench_cc "$RAW" "$BENCH_DIR/raw-nsenter.c"

$CTBOX unshare -U --map-users=0:100000:65536 --map-groups=0:100000:65536 \
	-S 0 -G 0 -m -u -i -n -p -C -T --fork --mount-proc sleep 100000 \
	</dev/null >/dev/null 2>&1 &
U=$!
# its child is PID 1 of the new pid namespace: it outlives U unless killed
BENCH_CLEANUP="kill -KILL \$(cat /proc/$U/task/$U/children) $U"
P= i=0
while [ -z "$P" ] && [ $i -lt 100 ]; do
	c=
	read -r c _ < /proc/$U/task/$U/children 2>/dev/null
	[ -n "$c" ] && [ "$(cat /proc/$c/comm)" = sleep ] && P=$c
	[ -n "$P" ] || sleep 0.05
	i=$((i + 1))
done
[ -n "$P" ] || { echo "bench: the target did not start" >&2; exit 1; }

PERF=
perf stat -e task-clock true >/dev/null 2>&1 && PERF=1

measure "nsenter -t PID -n true" "raw open+setns" <<EOT
ctbox nsenter|$CTBOX nsenter -t $P -n $TRUE
ctbox nsenter (files, two-pass)|$CTBOX nsenter -t $P -n $TRUE
util-linux nsenter|nsenter -t $P -n $TRUE
busybox nsenter|busybox nsenter -t $P -n $TRUE
raw open+setns|$RAW $P net $TRUE
EOT

measure "nsenter -t PID --all true" "raw setns(pidfd)+fork" <<EOT
ctbox nsenter --all|$CTBOX nsenter -t $P --all $TRUE
ctbox nsenter --all (files)|$CTBOX nsenter -t $P --all $TRUE
util-linux nsenter --all|nsenter -t $P --all $TRUE
busybox nsenter -Umuinp (no -C -T)|busybox nsenter -t $P -U -m -u -i -n -p $TRUE
raw setns(pidfd)+fork|$RAW $P all $TRUE
EOT
