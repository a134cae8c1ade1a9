/* raw-nsenter.c: the least nsenter can do, the baseline of bench/nsenter.sh */
/* SPDX-License-Identifier: MIT */
/*
 * raw-nsenter PID net PROG: open /proc/PID/ns/net, setns, exec PROG.
 * raw-nsenter PID all PROG: setns(pidfd) into all eight kinds at once, fork
 * (a pid namespace takes only children), become root of the user namespace
 * entered (no groups, gid 0, uid 0: what every nsenter does there), exec
 * PROG, wait, exit alike.
 * No option parsing, no checks, no messages: the physical limit.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define ALL (CLONE_NEWUSER | CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWUTS | \
	     CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWTIME)

int main(int argc, char **argv)
{
	char path[64] = "/proc/";
	int fd, st;
	pid_t pid;

	if (argc < 4)
		return 2;
	if (!strcmp(argv[2], "net")) {
		strcat(strcat(path, argv[1]), "/ns/net");
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWNET))
			return 1;
		execv(argv[3], argv + 3);
		return 127;
	}
	fd = syscall(SYS_pidfd_open, atoi(argv[1]), 0);
	if (fd < 0 || setns(fd, ALL))
		return 1;
	pid = fork();
	if (!pid) {
		if (syscall(SYS_setgroups, 0, NULL) || syscall(SYS_setgid, 0) ||
		    syscall(SYS_setuid, 0))
			_exit(1);
		execv(argv[3], argv + 3);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
