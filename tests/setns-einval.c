/* setns-einval.c: run a program whose setns() fails with EINVAL for a kind */
/* SPDX-License-Identifier: MIT */
/*
 * setns-einval FLAGS PROGRAM [ARGUMENT...]
 *
 * A seccomp filter makes every setns() whose flags have a bit of FLAGS (hex,
 * CLONE_NEW*) fail with EINVAL, as on a kernel built without that kind,
 * then PROGRAM is run. With a /proc that lacks the kind's entries too,
 * nsenter sees a kernel without it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define ARCH AUDIT_ARCH_ARM
#elif defined(__i386__)
#define ARCH AUDIT_ARCH_I386
#endif

/* the low word of the second argument (little-endian) */
#define ARG1 offsetof(struct seccomp_data, args[1])

int main(int argc, char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_setns, 0, 2),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG1),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (argc < 3)
		return 2;
	f[5].k = strtoul(argv[1], NULL, 16);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return 2;
	execvp(argv[2], argv + 2);
	return 127;
}
