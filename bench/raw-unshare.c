/* raw-unshare.c: the fewest syscalls that do what the unshare bench times */
/* SPDX-License-Identifier: MIT */
/*
 *   raw-unshare n PROG      unshare(CLONE_NEWNET), exec
 *   raw-unshare Ur PROG     unshare(CLONE_NEWUSER), map root, exec
 *   raw-unshare all PROG    mnt, uts, ipc, net and pid namespaces, / private,
 *                           fork; the child mounts /proc and execs; wait
 * The physical limit the applet is measured against: no option parsing,
 * no checks, no messages.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/wait.h>

static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, s, strlen(s)) < 0)
		_exit(125);
	close(fd);
}

int main(int argc, char **argv)
{
	int st;

	if (argc < 3)
		return 125;
	if (!strcmp(argv[1], "n")) {
		unshare(CLONE_NEWNET);
	} else if (!strcmp(argv[1], "Ur")) {
		unshare(CLONE_NEWUSER);
		put("/proc/self/setgroups", "deny");
		put("/proc/self/uid_map", "0 0 1");
		put("/proc/self/gid_map", "0 0 1");
	} else {
		unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
			CLONE_NEWNET | CLONE_NEWPID);
		mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL);
		if (fork()) {
			wait(&st);
			return WEXITSTATUS(st);
		}
		mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		      NULL);
	}
	execv(argv[2], argv + 2);
	return 127;
}
