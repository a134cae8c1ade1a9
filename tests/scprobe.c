/* scprobe.c: kill(self, SIG) through one ABI, for the seccomp tests */
/* SPDX-License-Identifier: MIT */
/*
 * usage: scprobe native|i386|x32 [SIG]
 * Prints what the system call returned: 0, or minus the errno. The i386
 * ABI is reached with int $0x80 and the x32 one with the x32 bit in the
 * number, both from this 64-bit program: a seccomp deny-list must catch
 * them as it catches the native call.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static long native(long nr, long a, long b)
{
	return syscall(nr, a, b) < 0 ? -(long)errno : 0;
}

#ifdef __x86_64__
static long int80(long nr, long a, long b)
{
	long ret;

	__asm__ volatile ("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b)
			  : "memory");
	return ret;
}

static long x32(long nr, long a, long b)
{
	long ret;

	__asm__ volatile ("syscall" : "=a"(ret)
			  : "a"(nr | 0x40000000L), "D"(a), "S"(b)
			  : "rcx", "r11", "memory");
	return ret;
}
#endif

static void put(long v)
{
	char buf[24];
	int i = sizeof(buf);
	unsigned long u = v < 0 ? -v : v;

	buf[--i] = '\n';
	do
		buf[--i] = '0' + u % 10;
	while (u /= 10);
	if (v < 0)
		buf[--i] = '-';
	(void)!write(1, buf + i, sizeof(buf) - i);
}

int main(int argc, char **argv)
{
	long pid = syscall(SYS_getpid), sig = argc > 2 ? argv[2][0] - '0' : 0;
	const char *abi = argc > 1 ? argv[1] : "native";

	if (argc > 2 && argv[2][1])
		sig = sig * 10 + argv[2][1] - '0';
	if (!strcmp(abi, "native")) {
		put(native(SYS_kill, pid, sig));
		return 0;
	}
#ifdef __x86_64__
	if (!strcmp(abi, "i386")) {
		put(int80(37, pid, sig));	/* kill on i386 */
		return 0;
	}
	if (!strcmp(abi, "x32")) {
		put(x32(62, pid, sig));		/* kill on x32 */
		return 0;
	}
#endif
	(void)!write(2, "scprobe: unsupported ABI\n", 25);
	return 2;
}
