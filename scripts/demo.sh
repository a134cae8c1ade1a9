#!/bin/sh
# demo.sh: install what is missing, build ctbox, and walk through a container
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/demo.sh       (as root, on Debian or Ubuntu)
# There is no such thing as a container: a persistent network namespace
# wired to the host, a memory cgroup, a dropped capability, a seccomp
# filter and a PID namespace with its own /proc. Everything the demo makes
# has a name of its own and is removed at the end, even on failure.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
	echo "demo.sh: run as root (it makes namespaces, links and cgroups)" >&2
	exit 1
fi
sh scripts/deps.sh native
[ -n "${CTBOX:-}" ] || { make -s; CTBOX=$PWD/ctbox; }
make -s build/tests/memhog >/dev/null 2>&1 || true

NS=ctbox-demo-$$
H=ctd$$h P=ctd$$p	# the two ends of the veth pair (IFNAMSIZ: 15)
CG=ctbox-demo-$$
cleanup()
{
	set +e
	$CTBOX veth del $H >/dev/null 2>&1 || ip link del $H >/dev/null 2>&1
	umount /run/netns/$NS >/dev/null 2>&1 && rm -f /run/netns/$NS
	for d in /sys/fs/cgroup/memory/$CG /sys/fs/cgroup/$CG; do
		[ -d $d ] && rmdir $d 2>/dev/null
	done
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
has() { $CTBOX --list 2>/dev/null | grep -qx "$1" ||
	{ echo "(applet $1 is not in this build: step skipped)"; return 1; }; }

step "ctbox $($CTBOX --version | cut -d' ' -f2): $(wc -c < "${CTBOX##* }") bytes, static:" \
	"$(file -b "${CTBOX##* }" | grep -o 'statically linked')"
run $CTBOX --list | tr '\n' ' '; echo

step "1. A new network namespace has only lo"
run $CTBOX unshare -n ip -br link

step "2. A persistent network namespace, as ip netns sees it"
run $CTBOX unshare --net=/run/netns/$NS true
run ip netns list | grep $NS

step "3. Wired to the host with a veth pair, pinged both ways"
if has veth; then
	run $CTBOX veth add $H $P -N $NS -a 10.254.0.1/30 -A 10.254.0.2/30 -u
	run $CTBOX veth show $H
	run ping -c 1 -W 2 10.254.0.2 | grep -E 'transmitted|time='
	run $CTBOX nsenter --net=$NS ping -c 1 -W 2 10.254.0.1 | grep -E 'transmitted|time='
fi

step "4. A 4M memory cgroup whose 64M hog is killed by the OOM killer"
if has cgexec; then
	hog=build/tests/memhog
	printf '$ %s\n' "$CTBOX cgexec --create --rm --wait -g memory:$CG -l memory.max=4M $hog 64"
	$CTBOX cgexec --create --rm --wait -g memory:$CG -l memory.max=4M $hog 64 ||
		echo "(exit status $?: the OOM killer's SIGKILL, relayed)"
fi

step "5. A dropped capability: no more network administration"
if has capsh; then
	printf '$ %s\n' "$CTBOX capsh --drop=cap_net_admin --exec $CTBOX veth add ctd$$x ctd$$y"
	$CTBOX capsh --drop=cap_net_admin --exec $CTBOX veth add ctd$$x ctd$$y ||
		echo "(exit status $?: refused, as it should be)"
fi

step "6. A seccomp filter: kill(2) denied, everything else works"
if has capsh; then
	printf "\$ %s\n" "$CTBOX capsh --seccomp-deny=kill -- -c 'echo still here; kill -0 \$\$'"
	$CTBOX capsh --seccomp-deny=kill -- -c 'echo still here; kill -0 $$' ||
		echo "(exit status $?: kill was denied)"
fi

step "7. A PID namespace with its own /proc: the shell is PID 1"
run $CTBOX unshare -pf --mount-proc sh -c 'echo "my pid: $$"; ps -o pid,comm 2>/dev/null || ls /proc | grep "^[0-9]"'

step "Everything made here is removed now."
