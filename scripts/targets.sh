#!/bin/sh
# targets.sh: the per-architecture make targets of scripts/targets.mk
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/targets.sh COMMAND [ARCH...]
#   build ARCH...   make the defconfig binary of each arch in its tree
#   cross           the cross tier: build aarch64 and armhf, check the ELF
#   qemu ARCH       the qemu-user tier: make check of ARCH's tree
#   vm [ARCH...]    the real-kernel tier (scripts/vm/vmcheck.sh), default all
#   sizes           the size table: defconfig, without seccomp, unshare alone
#   all             CI: deps (as root), native check, cross, qemu, vm, totals
#
# env (set by targets.mk): MAKE, CT_SRC (source tree), CT_O (the host's
# tree), CT_HOST (the host's arch), VM_WORK (the VM tier's downloads and
# images), CT_TREE_ARCH (the tree of ARCH when the caller's make names it).
# The tree of an arch is CT_TREE_ARCH if set, else CT_O for the host's arch
# and CT_O/build-ARCH for the others, so ./ctbox stays the host's. Every
# tier prints a line per case and ends with 'N passed, N failed, N skipped'.
set -eu
me=targets.sh
: "${MAKE:=make}" "${CT_SRC:=.}" "${CT_O:=.}" "${CT_HOST:=x86_64}"
: "${VM_WORK:=$CT_O/build/vm}"
ALL="x86_64 aarch64 armhf"
SUM_RE='^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped'

die()
{
	echo "$me: $*" >&2
	exit 1
}

odir()
{
	eval "tree=\${CT_TREE_$1:-}"
	if [ -n "$tree" ]; then
		echo "$tree"
	elif [ "$1" = "$CT_HOST" ]; then
		echo "$CT_O"
	else
		echo "${CT_O%/.}/build-$1" | sed 's|^\./||'
	fi
}

cross_prefix()
{
	case $1 in
	aarch64) echo aarch64-linux-musl- ;;
	armhf) echo arm-linux-musleabihf- ;;
	x86_64) ;;
	*) die "unknown arch '$1' (x86_64, aarch64, armhf)" ;;
	esac
}

# make in the tree of arch $1: every toolchain variable said explicitly,
# since the caller's command line (ARCH=, O=) reaches us through MAKEFLAGS
amake()
{
	a=$1
	shift
	tmake "$a" "$(odir "$a")" "$@"
}

# make for arch $1 in tree $2
tmake()
{
	a=$1 o=$2
	shift 2
	$MAKE --no-print-directory -f "$CT_SRC/Makefile" O="$o" ARCH="$a" \
		CROSS_COMPILE="$(cross_prefix "$a")" "$@"
}

# --- tiers that print PASS:/FAIL:/SKIP: lines of their own ---------------

n_pass=0 n_fail=0 n_skip=0
pass() { n_pass=$((n_pass + 1)); echo "PASS: $*"; }
fail() { n_fail=$((n_fail + 1)); echo "FAIL: $*"; }
skip() { n_skip=$((n_skip + 1)); echo "SKIP: $*"; }
counts() { echo "$n_pass passed, $n_fail failed, $n_skip skipped"; }

# the ELF machine of $1 as file(1) names it
machine_of()
{
	case $1 in
	x86_64) echo "x86-64" ;;
	aarch64) echo "ARM aarch64" ;;
	armhf) echo "ARM, EABI5" ;;
	esac
}

# the ELF machine of $1 as readelf -h names it
elf_machine()
{
	case $1 in
	x86_64) echo "Advanced Micro Devices X86-64" ;;
	aarch64) echo "AArch64" ;;
	armhf) echo "ARM" ;;
	esac
}

# build arch $1 and check what came out
cross_one()
{
	a=$1 t=$(odir "$1")
	if ! amake "$a" all; then
		fail "cross: $a: make ARCH=$a O=$t"
		return
	fi
	pass "cross: $a: make ARCH=$a O=$t"
	f=$(file -b "$t/ctbox")
	case $f in
	*"$(machine_of "$a")"*"statically linked"*) pass "cross: $a: $f" ;;
	*) fail "cross: $a: $t/ctbox is not a static $(machine_of "$a")" \
		"ELF: $f" ;;
	esac
	if LC_ALL=C readelf -d "$t/ctbox" 2>&1 | grep -q 'no dynamic section'
	then
		pass "cross: $a: no dynamic section (readelf -d)"
	else
		fail "cross: $a: $t/ctbox has a dynamic section"
	fi
	if grep -q '^CONFIG_SECCOMP=y' "$t/.config"; then
		l=$(cross_prefix "$a")
		l=$t/build/libseccomp/${l%-}/lib/libseccomp.a
		m=$(LC_ALL=C readelf -h "$l" 2>/dev/null |
			sed -n 's/^ *Machine: *//p' | sort -u)
		if [ "$m" = "$(elf_machine "$a")" ]; then
			pass "cross: $a: $l holds $m objects only"
		else
			fail "cross: $a: $l: machine '${m:-none}'," \
				"wanted $(elf_machine "$a")"
		fi
	else
		skip "cross: $a: libseccomp for $a" \
			"(no CONFIG_SECCOMP in this tree)"
	fi
}

cmd_cross()
{
	for a in aarch64 armhf; do
		cross_one "$a"
	done
	counts
	[ "$n_fail" = 0 ]
}

cmd_build()
{
	for a; do
		amake "$a" all
	done
}

cmd_qemu()
{
	[ $# -eq 1 ] || die "usage: targets.sh qemu ARCH"
	[ "$1" != "$CT_HOST" ] || die "$1 is the host's arch: use make check"
	amake "$1" check
}

# --- the VM tier ----------------------------------------------------------

vm_one()
{
	a=$1 t=$(odir "$1")
	amake "$a" all || { echo "vm $a: 0 passed, 1 failed, 0 skipped" \
		"(build failed)"; return 1; }
	sh "$CT_SRC/scripts/vm/vmcheck.sh" "$a" "$t/ctbox" \
		"$t/build/gen/applets.list" "$CT_SRC" "$VM_WORK"
}

# the value of KEY=... in file $2
val() { sed -n "s/^$1=//p" "$2"; }

# the per-arch results of vmcheck.sh as a table, then the total line
vm_table()
{
	echo
	echo "| arch | result | boot, tests, power-off (s) |" \
		"walk-through in the guest (s) | ctbox bytes | kernel |"
	echo "|---|---|---:|---:|---:|---|"
	for a; do
		r=$VM_WORK/$a/result
		[ -f "$r" ] || { echo "| $a | no result | | | | |"; continue; }
		echo "| $a | $(val summary "$r") | $(val boot "$r") |" \
			"$(val walk "$r") | $(val size "$r") |" \
			"$(val kernel "$r") |"
	done
	echo
	for a; do
		sed -n 's/^summary=//p' "$VM_WORK/$a/result" 2>/dev/null ||
			echo "0 passed, 1 failed, 0 skipped"
	done | awk '{ p += $1; f += $3; s += $5 }
		END { printf "%d passed, %d failed, %d skipped\n", p, f, s }'
}

cmd_vm()
{
	[ $# -gt 0 ] || set -- $ALL
	rc=0
	for a; do
		rm -f "$VM_WORK/$a/result"
		vm_one "$a" || rc=1
	done
	vm_table "$@"
	return $rc
}

# --- sizes ----------------------------------------------------------------

# size of the defconfig, the defconfig without SECCOMP, and unshare alone,
# each built in a tree of its own under the arch's build dir
sizes_one()
{
	a=$1 t=$(odir "$1")
	amake "$a" all >&2 || return 1
	full=$(wc -c <"$t/ctbox")
	s=$t/build/sizes
	mkdir -p "$s/noseccomp"
	{
		cat "$CT_SRC/configs/defconfig"
		echo "# CONFIG_SECCOMP is not set"
	} >"$s/noseccomp/.config"
	for goal in olddefconfig all; do
		tmake "$a" "$s/noseccomp" $goal >&2 || return 1
	done
	nosc=$(wc -c <"$s/noseccomp/ctbox")
	grep -q '^CONFIG_SECCOMP=y' "$t/.config" ||
		nosc="$nosc (no seccomp yet)"
	tmake "$a" "$s" single APPLET=unshare >&2 || return 1
	echo "| $a | $full | $nosc | $(wc -c <"$s/unshare") |"
}

cmd_sizes()
{
	rows=
	for a in $ALL; do
		r=$(sizes_one "$a") || die "building the $a sizes failed"
		rows="$rows$r
"
	done
	echo
	echo "Stripped sizes in bytes (make sizes-all):"
	echo
	echo "| arch | defconfig | defconfig without seccomp | single unshare |"
	echo "|---|---:|---:|---:|"
	printf '%s' "$rows"
}

# --- CI: every tier -------------------------------------------------------

# run tier NAME: CMD..., output to the terminal and LOGS/N-NAME.log; keep
# its summary line (a tier without one, or failing despite it, counts as a
# failure)
tier()
{
	name=$1
	shift
	n=$((n + 1))
	log=$LOGS/$n-$(echo "$name" | tr ' /' '--').log
	echo
	echo "=== $name: $*"
	rc=0
	{ "$@" 2>&1 || echo "ctbox-tier-exit $?"; } | tee "$log"
	rc=$(sed -n 's/^ctbox-tier-exit //p' "$log")
	s=$(grep -E "$SUM_RE" "$log" | tail -n 1 | grep -oE "$SUM_RE") || true
	if [ -z "$s" ]; then
		s="0 passed, 1 failed, 0 skipped"
		note="no summary line, exit ${rc:-0}"
	elif [ -n "$rc" ] && [ "${s#* passed, 0 failed}" != "$s" ]; then
		s="${s%% *} passed, 1 failed, ${s##*failed, }"
		note="exit $rc"
	else
		note=${rc:+exit $rc}
	fi
	TABLE="$TABLE$(printf '%-22s %s%s' "$name" "$s" "${note:+ ($note)}")
"
}

cmd_all()
{
	[ "$CT_HOST" = x86_64 ] || echo "$me: note: host arch $CT_HOST" >&2
	LOGS=${CT_O%/.}/build/check-all
	mkdir -p "$LOGS"
	rm -f "$LOGS"/*.log
	n=0 TABLE=
	t0=$(date +%s)
	if [ "$(id -u)" = 0 ]; then
		sh "$CT_SRC/scripts/deps.sh" native cross vm ||
			die "installing the dependencies failed"
	fi
	tier "native $CT_HOST" amake "$CT_HOST" check
	tier "cross builds" cmd_cross
	for a in aarch64 armhf; do
		tier "qemu-user $a" cmd_qemu "$a"
	done
	for a in $ALL; do
		tier "vm $a" cmd_vm "$a"
	done
	echo
	echo "=== check-all: $(($(date +%s) - t0)) s, logs in $LOGS"
	printf '%s' "$TABLE"
	total=$(printf '%s' "$TABLE" | sed -E 's/^.{22} //' | awk '
		{ p += $1; f += $3; s += $5 }
		END { printf "%d passed, %d failed, %d skipped", p, f, s }')
	printf '%-22s %s\n' "total" "$total"
	case $total in *" 0 failed,"*) return 0 ;; *) return 1 ;; esac
}

[ $# -gt 0 ] || die "usage: sh scripts/targets.sh" \
	"build|cross|qemu|vm|sizes|all [ARCH...]"
cmd=$1
shift
case $cmd in
build | cross | qemu | vm | sizes | all) "cmd_$cmd" "$@" ;;
*) die "unknown command '$cmd'" ;;
esac
