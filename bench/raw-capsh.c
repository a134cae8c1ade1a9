/* raw-capsh.c: the least a capsh run must do, for the benchmark's baseline */
/* SPDX-License-Identifier: MIT */
/*
 * raw-capsh drop N PROG [ARG...]        drop capability N from the
 *                                       bounding set
 * raw-capsh deny NR NR32 PROG [ARG...]  a seccomp filter that denies
 *                                       syscall NR (native and x32) and
 *                                       NR32 (i386, or arm on aarch64)
 * then execv PROG. Only the system calls that are needed; nothing checked
 * that the kernel checks anyway.
 */
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#define STMT(c, k) { (c), 0, 0, (k) }
#define JEQ(k, t, f) { BPF_JMP | BPF_JEQ | BPF_K, (t), (f), (k) }
#define LD(field) STMT(BPF_LD | BPF_W | BPF_ABS, \
		       offsetof(struct seccomp_data, field))
#define RET(v) STMT(BPF_RET | BPF_K, (v))

static int deny(unsigned nr, unsigned nr32)
{
	struct sock_filter f[] = {
		LD(arch),
#ifdef __x86_64__
		JEQ(AUDIT_ARCH_X86_64, 2, 0),
		JEQ(AUDIT_ARCH_I386, 5, 0),
		RET(SECCOMP_RET_KILL_PROCESS),
		LD(nr),
		JEQ(nr, 5, 0),
		JEQ(nr | 0x40000000, 4, 0),
		RET(SECCOMP_RET_ALLOW),
#else
		JEQ(AUDIT_ARCH_AARCH64, 2, 0),
		JEQ(AUDIT_ARCH_ARM, 5, 0),
		RET(SECCOMP_RET_KILL_PROCESS),
		LD(nr),
		JEQ(nr, 5, 0),
		JEQ(nr, 4, 0),
		RET(SECCOMP_RET_ALLOW),
#endif
		LD(nr),
		JEQ(nr32, 1, 0),
		RET(SECCOMP_RET_ALLOW),
		RET(SECCOMP_RET_ERRNO | 1),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int main(int argc, char **argv)
{
	int drop = argc > 1 && argv[1][1] == 'r', prog = drop ? 3 : 4;

	if (argc <= prog)
		return 125;
	if (drop ? prctl(PR_CAPBSET_DROP, atoi(argv[2]), 0, 0, 0) :
	    deny(atoi(argv[2]), atoi(argv[3])))
		return 125;
	execv(argv[prog], argv + prog);
	return 127;
}
