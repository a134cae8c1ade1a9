/* kill-at-go.c: kill a program's child just before the program lets it go */
/* SPDX-License-Identifier: MIT */
/*
 * kill-at-go PROCS PROGRAM [ARGUMENT...]
 *
 * Runs PROGRAM under ptrace, stopping it at each system call. At its first
 * write of one byte to a pipe (a go-ahead), every process listed in PROCS
 * (a group's cgroup.procs, where PROGRAM has just moved its child) is
 * killed, and once they are dead the write goes on. Exits as PROGRAM did,
 * with 128+N for signal N; 125 when something here fails.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FAIL(what) do { perror(what); exit(125); } while (0)

/* dead: gone, or a zombie, whose files are closed */
static int dead(long pid)
{
	char path[64], buf[256], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 1;
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	return !p || p[2] == 'Z' || p[2] == 'X';
}

static void kill_all(const char *procs)
{
	struct timespec ms = { 0, 1000000 };
	FILE *f = fopen(procs, "r");
	long pid;
	int n, tries;

	if (!f)
		FAIL(procs);
	for (n = 0; fscanf(f, "%ld", &pid) == 1; n++) {
		if (kill(pid, SIGKILL))
			FAIL("kill");
		for (tries = 0; !dead(pid); tries++)
			if (tries == 5000 || nanosleep(&ms, NULL))
				FAIL("waiting for the child's death");
	}
	fclose(f);
	if (!n) {
		fprintf(stderr, "kill-at-go: nobody in %s\n", procs);
		exit(125);
	}
}

/* is this the entry of a write of one byte to a pipe? */
static int go_ahead(pid_t pid)
{
	struct __ptrace_syscall_info si;
	char path[64], link[64];
	ssize_t n;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(si), &si) < 0)
		FAIL("PTRACE_GET_SYSCALL_INFO");
	if (si.op != PTRACE_SYSCALL_INFO_ENTRY || si.entry.nr != SYS_write ||
	    si.entry.args[2] != 1)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid,
		 (int)si.entry.args[0]);
	n = readlink(path, link, sizeof(link) - 1);
	return n > 5 && !strncmp(link, "pipe:", 5);
}

int main(int argc, char **argv)
{
	int st, sig = 0, done = 0;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: kill-at-go PROCS PROGRAM [ARG...]\n");
		return 125;
	}
	pid = fork();
	if (pid < 0)
		FAIL("fork");
	if (!pid) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			FAIL("PTRACE_TRACEME");
		raise(SIGSTOP);
		execvp(argv[2], argv + 2);
		FAIL(argv[2]);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
		FAIL("waitpid");
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD |
		   PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL))
		FAIL("PTRACE_SETOPTIONS");
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, 0, sig))
			FAIL("PTRACE_SYSCALL");
		if (waitpid(pid, &st, 0) != pid)
			FAIL("waitpid");
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		sig = 0;
		if (WSTOPSIG(st) == (SIGTRAP | 0x80)) {
			if (!done && go_ahead(pid)) {
				kill_all(argv[1]);
				done = 1;
			}
		} else if (st >> 8 != (SIGTRAP | PTRACE_EVENT_EXEC << 8)) {
			sig = WSTOPSIG(st);
		}
	}
}
