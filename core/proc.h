/* proc.h: fork, exec, wait, relaying a child's end, forwarding signals */
/* SPDX-License-Identifier: MIT */
#ifndef PROC_H
#define PROC_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* exec argv[0] searched in PATH; with no argv, $SHELL or /bin/sh. On failure:
 * "failed to execute X: ...", status 127 if not found, 126 otherwise (or a
 * trap, under a seccomp filter that denies exiting) */
_Noreturn void proc_exec(char **argv);

/* find prog as execvp would, under root ("" for /): its path in buf, or
 * NULL. A prog with a slash is taken as it is (under root if absolute). */
char *proc_which(const char *root, const char *prog, char *buf, size_t size);

/* fork: 0 in the child, its pid, or -1 with errno. SIGCHLD is reset to
 * its default first, so that a SIG_IGN inherited from our parent cannot
 * make the kernel reap the child for us */
pid_t proc_try_fork(void);
/* proc_try_fork, or die */
pid_t proc_fork(void);

/* wait for pid and return its wait status; PROC_STOPS: when it stops, stop
 * ourselves too and continue it when we are continued */
#define PROC_STOPS 1
int proc_wait(pid_t pid, int flags);

/* end as the child ended: its exit status, or its fatal signal re-raised on
 * ourselves (128+signal where that cannot kill us, as PID 1) */
_Noreturn void proc_relay(int status);

/* block signals before a fork: PROC_BLOCK_ALL every catchable one (to
 * forward them), else SIGINT and SIGTERM (the parent only waits, the child
 * takes them) and SIGPIPE (a write to a pipe whose child is gone fails with
 * EPIPE, to be reported); the child restores *old */
#define PROC_BLOCK_ALL 1
void proc_block(int how, sigset_t *old);
void proc_restore(const sigset_t *old);

/* with every signal blocked: forward each one to pid until it ends; returns
 * its wait status */
int proc_forward(pid_t pid);

/* be PID 1 of a namespace: run argv as our child, reap every orphan,
 * forward signals to the child, exit as it did */
_Noreturn void proc_init(char **argv);

#endif
