/* proc.c: fork, exec, wait, relaying a child's end, forwarding signals */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "msg.h"
#include "proc.h"
#include "str.h"
#include "sys.h"

static const char *path_list(void)
{
	const char *p = getenv("PATH");

	return p ? p : "/usr/local/bin:/bin:/usr/bin";
}

/* the next candidate for prog along the PATH list at *p, under root, in
 * buf (an empty element is the current directory); NULL after the last */
static char *path_next(const char **p, const char *root, const char *prog,
		       char *buf, size_t size)
{
	size_t r = strlen(root), d;
	const char *s, *end;

	while ((s = *p)) {
		end = strchrnul(s, ':');
		*p = *end ? end + 1 : NULL;
		d = end - s;
		if (r + d >= size)
			continue;
		memcpy(buf, root, r);
		memcpy(buf + r, s, d);
		if (str_join(buf + r + d, size - r - d, d ? "/" : "", prog))
			return buf;
	}
	return NULL;
}

/*
 * execvp's search, without musl's execvp (which copies each candidate into
 * a VLA): a directory that lacks prog, or is not one, is passed over; one
 * that refuses (EACCES) too, but EACCES is what we report if nothing runs.
 * Any other error stops the search, as it does in musl and glibc.
 */
static __attribute__((noinline)) void exec_search(char **argv)
{
	const char *p = path_list();
	char buf[PATH_MAX];
	int err = ENOENT;

	while (path_next(&p, "", argv[0], buf, sizeof(buf))) {
		execve(buf, argv, environ);
		if (errno == EACCES)
			err = EACCES;
		else if (errno != ENOENT && errno != ENOTDIR)
			return;
	}
	errno = err;
}

/*
 * End with status st, also under capsh's seccomp filter: there the exit
 * calls may be denied with an errno (an allow-list without exit_group),
 * which musl's _exit would retry forever. Then a trap ends the process
 * (no kill: with getpid denied too, kill(-1, ...) would be every process).
 */
static _Noreturn void exit_now(int st)
{
	syscall(SYS_exit_group, st);
	syscall(SYS_exit, st);
	sys_setrlimit(RLIMIT_CORE, 0, 0);
	__builtin_trap();
}

void proc_exec(char **argv)
{
	char *sh[2];
	int err;

	if (!argv || !argv[0]) {
		const char *s = getenv("SHELL");

		sh[0] = (char *)(s && *s ? s : "/bin/sh");
		sh[1] = NULL;
		argv = sh;
	}
	/* a path runs from here, not below exec_search's buffer: its 4 KB
	 * would take the stack into a new page (a fault, 10 us or more) */
	if (!*argv[0] || strchr(argv[0], '/'))
		execve(argv[0], argv, environ);
	else
		exec_search(argv);
	err = errno;
	warn_err(err, "failed to execute ", argv[0]);
	exit_now(err == ENOENT ? 127 : 126);
}

char *proc_which(const char *root, const char *prog, char *buf, size_t size)
{
	const char *p = path_list();

	if (strchr(prog, '/')) {
		if (!str_join(buf, size, prog[0] == '/' ? root : "", prog))
			return NULL;
		return access(buf, F_OK) ? NULL : buf;
	}
	while (path_next(&p, root, prog, buf, size))
		if (!access(buf, X_OK))
			return buf;
	return NULL;
}

pid_t proc_try_fork(void)
{
	sys_sigdfl(SIGCHLD);
	/* the system call, not musl's fork or _Fork: no atfork handlers, and
	 * none of their locking (500 bytes) in a single-threaded program. The
	 * child's musl thread descriptor keeps the parent's TID, so nothing in
	 * ctbox calls raise() or abort() in a child: kill(getpid()) instead. */
	return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

pid_t proc_fork(void)
{
	pid_t pid = proc_try_fork();

	if (pid < 0)
		die_errno("fork failed");
	return pid;
}

int proc_wait(pid_t pid, int flags)
{
	int st;

	for (;;) {
		if (waitpid(pid, &st, flags & PROC_STOPS ? WUNTRACED : 0) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("waitpid failed");
		}
		if (!WIFSTOPPED(st))
			return st;
		kill(getpid(), SIGSTOP);
		kill(pid, SIGCONT);
	}
}

void proc_relay(int st)
{
	sigset_t set;
	int sig;

	if (!WIFSIGNALED(st))
		exit(WEXITSTATUS(st));
	sig = WTERMSIG(st);
	/* the child's core, if any, is the one that matters */
	sys_setrlimit(RLIMIT_CORE, 0, 0);
	sys_sigdfl(sig);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), sig);
	exit(128 + sig);
}

void proc_block(int how, sigset_t *old)
{
	sigset_t set;

	if (how == PROC_BLOCK_ALL) {
		sigfillset(&set);
	} else {
		sigemptyset(&set);
		sigaddset(&set, SIGINT);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGPIPE);
	}
	sigprocmask(SIG_BLOCK, &set, old);
}

void proc_restore(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/*
 * Wait for a signal; SIGCHLD means a child changed state. A signal the
 * kernel sent (si_code SI_KERNEL: ^C, ^\, a window change from the terminal)
 * went to the whole foreground process group, the child included: passing
 * it on would deliver it twice.
 */
static int next_signal(pid_t child)
{
	sigset_t all;
	siginfo_t si;
	int sig;

	sigfillset(&all);
	do
		sig = sigwaitinfo(&all, &si);
	while (sig < 0);
	if (sig != SIGCHLD && si.si_code != SI_KERNEL)
		kill(child, sig);
	return sig;
}

int proc_forward(pid_t pid)
{
	int st;

	for (;;) {
		if (next_signal(pid) != SIGCHLD)
			continue;
		if (waitpid(pid, &st, WNOHANG) == pid)
			return st;
	}
}

static _Noreturn void init_exit(int st)
{
	exit(WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st));
}

void proc_init(char **argv)
{
	sigset_t old;
	pid_t child, p;
	int st;

	proc_block(PROC_BLOCK_ALL, &old);
	child = proc_fork();
	if (!child) {
		proc_restore(&old);
		proc_exec(argv);
	}
	for (;;) {
		if (next_signal(child) != SIGCHLD)
			continue;
		while ((p = waitpid(-1, &st, WNOHANG)) > 0)
			if (p == child)
				init_exit(st);
	}
}
