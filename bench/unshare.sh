#!/bin/sh
# unshare.sh: time ctbox unshare against util-linux, busybox and a raw program
# SPDX-License-Identifier: MIT
#
# usage: sh bench/unshare.sh     (as root; RUNS=N to change the run count)
# Three operations, each exec'ing the same static true: -n, -U -r, and
# -mnpuif --mount-proc. Prints median and mean time, the ratio to the raw
# program, and peak RSS.
. "$(dirname "$0")/lib.sh"
bench_init
RAW=$BENCH_TMP/raw-unshare
bench_cc "$RAW" "$BENCH_DIR/raw-unshare.c"
BB=$(command -v busybox)

bench_row "ctbox unshare" "$CTBOX" unshare -n "$TRUE"
bench_row "util-linux unshare" unshare -n "$TRUE"
[ -n "$BB" ] && bench_row "busybox unshare" "$BB" unshare -n "$TRUE"
bench_row "raw" "$RAW" n "$TRUE"
bench_table "unshare -n true" raw

bench_row "ctbox unshare" "$CTBOX" unshare -U -r "$TRUE"
bench_row "util-linux unshare" unshare -U -r "$TRUE"
[ -n "$BB" ] && bench_row "busybox unshare" "$BB" unshare -U -r "$TRUE"
bench_row "raw" "$RAW" Ur "$TRUE"
bench_table "unshare -U -r true" raw

bench_row "ctbox unshare" "$CTBOX" unshare -mnpuif --mount-proc "$TRUE"
bench_row "util-linux unshare" unshare -mnpuif --mount-proc "$TRUE"
[ -n "$BB" ] && bench_row "busybox unshare" "$BB" unshare -mnpuif --mount-proc "$TRUE"
bench_row "raw" "$RAW" all "$TRUE"
bench_table "unshare -mnpuif --mount-proc true" raw
