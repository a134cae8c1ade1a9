# lib.sh: helpers sourced by every tests/*.test file
# SPDX-License-Identifier: MIT
#
# A case is one line: testing NAME COMMAND EXPECTED [STDIN], or check NAME
# CMD..., or check_fails NAME STATUS CMD... Each prints PASS:/FAIL:/SKIP: and
# appends the same line to $RESULTS, which tests/run.sh counts.
#
# requires WHAT... : cases after it SKIP, with the reason, unless every WHAT
# holds (root, userns, cmd:NAME, file:PATH, host-ok, not-qemu, ...); a bare
# 'requires' clears it. Everything a case creates is registered with
# 'cleanup CMD' and removed when the file ends, whether the cases passed or not.

: "${CTBOX:=./ctbox}"
: "${RESULTS:=/dev/null}"
: "${TEST_HOST:=}"
TESTFILE=${TESTFILE:-$(basename "$0" .test)}
SKIPPING=
CLEANUPS=

_record()
{
	printf '%s: %s: %s%s\n' "$1" "$TESTFILE" "$2" "${3:+ ($3)}"
	printf '%s: %s: %s%s\n' "$1" "$TESTFILE" "$2" "${3:+ ($3)}" >> "$RESULTS"
}
pass() { _record PASS "$1"; }
fail() { _record FAIL "$1" "$2"; }
skip() { _record SKIP "$1" "$2"; }

# A unique, short name (fits IFNAMSIZ with room for a suffix): ct<pid><n>.
# The counter lives in a file, since $(uname_) runs in a subshell.
SEQFILE=$(mktemp /tmp/ctbox-seq.XXXXXX)
uname_()
{
	_s=$(($(cat "$SEQFILE" 2>/dev/null || echo 0) + 1))
	echo $_s > "$SEQFILE"
	echo "${1:-ct}$$$_s"
}

cleanup() { CLEANUPS="$*
$CLEANUPS"; }
_run_cleanups()
{
	printf '%s\n' "$CLEANUPS" | while IFS= read -r c; do
		[ -n "$c" ] && eval "$c" >/dev/null 2>&1
	done
	CLEANUPS=
	rm -f "$SEQFILE"
}
trap '_run_cleanups' EXIT
trap '_run_cleanups; exit 130' INT TERM

_req_one()
{
	case $1 in
	root) [ "$(id -u)" = 0 ] || { echo "needs root"; return 1; } ;;
	cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ||
		{ echo "needs ${1#cmd:}"; return 1; } ;;
	file:*) [ -e "${1#file:}" ] || { echo "needs ${1#file:}"; return 1; } ;;
	userns) [ -z "$QEMU" ] || { echo "qemu-user cannot unshare(CLONE_NEWUSER)"; return 1; }
		unshare -U true 2>/dev/null ||
			{ echo "user namespaces unavailable"; return 1; } ;;
	not-qemu) [ -z "$QEMU" ] || { echo "not under qemu-user"; return 1; } ;;
	ctbox-only) [ -z "$TEST_HOST" ] ||
			{ echo "ctbox extension, no reference tool"; return 1; } ;;
	applet:*) [ -n "$TEST_HOST" ] || $CTBOX "${1#applet:}" --help >/dev/null 2>&1 ||
			{ echo "applet ${1#applet:} not in this build"; return 1; } ;;
	*) echo "unknown requirement $1"; return 1 ;;
	esac
}
requires()
{
	SKIPPING=
	for r in "$@"; do
		SKIPPING=$(_req_one "$r") || return 0
	done
	SKIPPING=
}

# testing NAME COMMAND EXPECTED [STDIN]: stdout of 'sh -c COMMAND' must equal
# EXPECTED (trailing newlines ignored, as $() does).
testing()
{
	[ -z "$SKIPPING" ] || { skip "$1" "$SKIPPING"; return 0; }
	_out=$(printf '%s' "${4:-}" | eval "$2" 2>/tmp/ctbox-test-err.$$)
	_rc=$?
	if [ "$_out" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "status $_rc"
		printf '  command:  %s\n  expected: %s\n  got:      %s\n  stderr:   %s\n' \
			"$2" "$3" "$_out" "$(head -c 600 /tmp/ctbox-test-err.$$)"
	fi
	rm -f /tmp/ctbox-test-err.$$
}

# check NAME CMD...: CMD must exit 0
check()
{
	_n=$1; shift
	[ -z "$SKIPPING" ] || { skip "$_n" "$SKIPPING"; return 0; }
	if _out=$("$@" 2>&1); then
		pass "$_n"
	else
		_rc=$?
		fail "$_n" "status $_rc"
		printf '  command: %s\n  output:  %s\n' "$*" "$(printf '%s' "$_out" | head -c 800)"
	fi
}

# check_fails NAME STATUS PATTERN CMD...: CMD must exit with STATUS and print
# a line on stderr matching the grep -E PATTERN (empty PATTERN: any)
check_fails()
{
	_n=$1 _st=$2 _pat=$3; shift 3
	[ -z "$SKIPPING" ] || { skip "$_n" "$SKIPPING"; return 0; }
	_err=$("$@" 2>&1 >/dev/null)
	_rc=$?
	if [ "$_rc" != "$_st" ]; then
		fail "$_n" "status $_rc, wanted $_st"
		printf '  command: %s\n  stderr:  %s\n' "$*" "$_err"
	elif [ -n "$_pat" ] && ! printf '%s\n' "$_err" | grep -Eq -- "$_pat"; then
		fail "$_n" "message does not match /$_pat/"
		printf '  command: %s\n  stderr:  %s\n' "$*" "$_err"
	else
		pass "$_n"
	fi
}

# same NAME CMD_A CMD_B: the two shell commands print the same stdout and
# exit alike (the compatibility check against a reference tool). The older
# form "same NAME A1 A2 ... -- B1 B2 ..." (two argument lists) works too.
same()
{
	[ -z "$SKIPPING" ] || { skip "$1" "$SKIPPING"; return 0; }
	_n=$1; shift
	if [ $# != 2 ] || [ "$1" = -- ] || [ "$2" = -- ]; then
		_a= _b=
		while [ $# -gt 0 ] && [ "$1" != -- ]; do _a="$_a $(_q "$1")"; shift; done
		shift
		for w in "$@"; do _b="$_b $(_q "$w")"; done
		set -- "$_a" "$_b"
	fi
	_oa=$(eval "$1" 2>/tmp/ctbox-test-err.$$); _ra=$?
	_ob=$(eval "$2" 2>>/tmp/ctbox-test-err.$$); _rb=$?
	if [ "$_oa" = "$_ob" ] && [ "$_ra" = "$_rb" ]; then
		pass "$_n"
	else
		fail "$_n" "differs from the reference"
		printf '  ours: %s\n  (%s) %s\n  ref:  %s\n  (%s) %s\n  stderr: %s\n' \
			"$1" "$_ra" "$_oa" "$2" "$_rb" "$_ob" "$(head -c 600 /tmp/ctbox-test-err.$$)"
	fi
	rm -f /tmp/ctbox-test-err.$$
}

# quote a word for eval
_q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
