#!/bin/sh
# boot.sh: boot a kernel and initramfs under qemu-system, serial to a log
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/vm/boot.sh ARCH KERNEL INITRD LOG
#
# One vCPU, VM_MEM MiB (default 256), no network device at all (-nic none:
# otherwise qemu adds one with user-mode networking), the serial console
# written to LOG, and a hard limit of VM_TIMEOUT seconds (default 300) on
# the whole run. The guest powers itself off; the kernel runs with panic=-1
# and qemu with -no-reboot, so a panic ends the run too. The exit status is
# qemu's (124 on timeout); the caller judges the run by what LOG says.
#
# TCG (software emulation) unless /dev/kvm is hardware KVM for an x86_64
# guest: on hosts whose /dev/kvm is PVM (the kvm_pvm module: pagetable-based
# virtualisation, for PVM-enlightened guest kernels only), an unmodified
# kernel never gets going, so that is detected, never waited for.
set -eu
me=boot.sh

if [ $# -ne 4 ]; then
	echo "usage: sh scripts/vm/boot.sh ARCH KERNEL INITRD LOG" >&2
	exit 1
fi
ARCH=$1 KERNEL=$2 INITRD=$3 LOG=$4
: "${VM_MEM:=256}" "${VM_TIMEOUT:=300}"

# loglevel=1: only emergencies (a panic) reach the console, so the kernel's
# messages (an OOM kill report...) cannot split the lines the host parses
APPEND="rdinit=/init panic=-1 quiet loglevel=1"

# hardware KVM: the host's CPU has VT-x or AMD-V and /dev/kvm is not PVM's
hw_kvm()
{
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	if [ -d /sys/module/kvm_pvm ]; then
		echo "$me: /dev/kvm is kvm_pvm (PVM), which runs no stock" \
			"kernel: using TCG" >&2
		return 1
	fi
	grep -qwE 'vmx|svm' /proc/cpuinfo
}

case $ARCH in
x86_64)
	set -- qemu-system-x86_64 -M pc
	if [ "${VM_KVM:-auto}" != 0 ] && hw_kvm; then
		set -- "$@" -enable-kvm -cpu host
	fi
	APPEND="console=ttyS0 $APPEND" ;;
aarch64)
	set -- qemu-system-aarch64 -M virt -cpu cortex-a57
	APPEND="console=ttyAMA0 $APPEND" ;;
armhf)
	# the LPAE kernel needs a cortex-a15
	set -- qemu-system-arm -M virt -cpu cortex-a15
	APPEND="console=ttyAMA0 $APPEND" ;;
*)
	echo "$me: unknown arch '$ARCH' (x86_64, aarch64, armhf)" >&2
	exit 1 ;;
esac
command -v "$1" >/dev/null ||
	{ echo "$me: $1 not found (run: sh scripts/deps.sh vm)" >&2; exit 1; }

# -nographic with a terminal on stdin would put it in raw mode
exec timeout -k 5 "$VM_TIMEOUT" "$@" -m "$VM_MEM" -smp 1 -nographic \
	-no-reboot -nic none -kernel "$KERNEL" -initrd "$INITRD" \
	-append "$APPEND ${VM_APPEND:-}" </dev/null >"$LOG" 2>&1
