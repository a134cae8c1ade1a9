/* ns.c: the one table of namespace kinds, and opening namespace files */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <linux/stat.h>

#include "msg.h"
#include "ns.h"
#include "str.h"
#include "sys.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

const struct ns_kind ns_kinds[NS_COUNT] = {
	[NS_USER] = { "user", "user", NULL, CLONE_NEWUSER, 'U' },
	[NS_CGROUP] = { "cgroup", "cgroup", NULL, CLONE_NEWCGROUP, 'C' },
	[NS_IPC] = { "ipc", "ipc", NULL, CLONE_NEWIPC, 'i' },
	[NS_UTS] = { "uts", "uts", NULL, CLONE_NEWUTS, 'u' },
	[NS_NET] = { "net", "net", NULL, CLONE_NEWNET, 'n' },
	[NS_PID] = { "pid", "pid", "pid_for_children", CLONE_NEWPID, 'p' },
	[NS_MNT] = { "mnt", "mount", NULL, CLONE_NEWNS, 'm' },
	[NS_TIME] = { "time", "time", "time_for_children", CLONE_NEWTIME, 'T' },
};

int ns_supported(const struct ns_kind *k)
{
	char path[PROC_PATH_MAX];

	str_join(path, sizeof(path), "/proc/self/ns/", k->name);
	if (!access(path, F_OK))
		return 1;
	/* no /proc at all: we cannot tell, let the syscall decide */
	return access("/proc/self", F_OK) != 0;
}

int ns_kind_of(int fd)
{
	int type = sys_ioctl(fd, NS_GET_NSTYPE);
	struct statfs fs;
	unsigned i;

	if (type < 0) {
		/* a kernel before 4.11, or qemu-user, which passes on no
		 * ioctl it does not know: a file of nsfs is a namespace, of a
		 * kind that setns() checks */
		if ((errno == ENOTTY || errno == ENOSYS) && !fstatfs(fd, &fs) &&
		    fs.f_type == NSFS_MAGIC)
			return NS_COUNT;
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < NS_COUNT; i++)
		if (ns_kinds[i].flag == type)
			return i;
	errno = EINVAL;
	return -1;
}

int ns_open_file(const char *path, const struct ns_kind *k)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), kind;

	if (fd < 0)
		die_errno("cannot open ", path);
	kind = ns_kind_of(fd);
	if (kind < 0)
		die(path, " is not a namespace file");
	if (kind < NS_COUNT && &ns_kinds[kind] != k)
		die(path, " is a ", ns_kinds[kind].name, " namespace, not a ",
		    k->name, " namespace");
	return fd;
}

int ns_open_pid(pid_t pid, const struct ns_kind *k)
{
	char path[PROC_PATH_MAX], num[24];
	int fd, err;

	str_procpath(path, pid, "ns/");
	strcat(path, k->name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	err = errno;
	if (err != ENOENT)
		die_err(err, "cannot open ", path);
	if (pid > 0 && kill(pid, 0) && errno == ESRCH)
		die("no process ", str_utoa(num, pid));
	if (access("/proc/self", F_OK))
		die("cannot open ", path, ": /proc is not mounted");
	/* we have the kind, it does not: a zombie, its namespaces gone */
	if (pid > 0 && ns_supported(k))
		die("cannot open ", path, ": process ", str_utoa(num, pid),
		    " has exited");
	die("cannot open ", path, ": the kernel has no ", k->name,
	    " namespaces");
}

const char *ns_netns_path(const char *arg, char *buf, size_t size)
{
	static const char *const dirs[] = { "/run/netns/", "/var/run/netns/" };
	unsigned i;

	if (strchr(arg, '/') || !access(arg, F_OK))
		return str_join(buf, size, arg);
	for (i = 0; i < 2; i++)
		if (str_join(buf, size, dirs[i], arg) && !access(buf, F_OK))
			return buf;
	return NULL;
}

/* the device and inode that tell namespaces apart */
static int ns_id(pid_t pid, const struct ns_kind *k, struct statx *st)
{
	char path[PROC_PATH_MAX];

	str_procpath(path, pid, "ns/");
	return sys_statx(AT_FDCWD, strcat(path, k->name), 0, STATX_INO, st);
}

int ns_is_own(pid_t pid, const struct ns_kind *k)
{
	struct statx self, other;

	if (ns_id(0, k, &self) || ns_id(pid, k, &other))
		return -1;
	return self.stx_ino == other.stx_ino &&
	       self.stx_dev_major == other.stx_dev_major &&
	       self.stx_dev_minor == other.stx_dev_minor;
}

/* setns each open fd from kind first on; with failed, stop at the first
 * error, else leave what fails open for the next pass */
static int enter_pass(int fd[NS_COUNT], int first, int *failed)
{
	int i;

	for (i = first; i < NS_COUNT; i++) {
		if (fd[i] < 0)
			continue;
		if (setns(fd[i], ns_kinds[i].flag)) {
			if (!failed)
				continue;
			*failed = i;
			return -1;
		}
		close(fd[i]);
		fd[i] = -1;
	}
	return 0;
}

/*
 * Root entering a process whose other namespaces belong to a user namespace
 * above the process's own must enter them first: once in the process's user
 * namespace, it has no privilege over them. A user without privilege must
 * enter its own user namespace first to gain any. Entering every other kind
 * with errors put off, then the user namespace and what is left, serves
 * both.
 */
_Static_assert(NS_USER == 0, "the second pass starts with the user kind");

int ns_enter_fds(int fd[NS_COUNT], int *failed)
{
	enter_pass(fd, NS_USER + 1, NULL);
	return enter_pass(fd, NS_USER, failed);
}
