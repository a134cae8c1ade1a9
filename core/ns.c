/* ns.c: the one table of namespace kinds, and opening namespace files */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <linux/stat.h>

#include "file.h"
#include "msg.h"
#include "ns.h"
#include "parse.h"
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
	/* qemu-user does not know the ioctl (ENOSYS): setns() will judge */
	if (kind < 0 && errno == ENOSYS)
		return fd;
	if (kind < 0)
		die(path, " is not a namespace file");
	if (kind < NS_COUNT && &ns_kinds[kind] != k)
		die(path, " is a ", ns_kinds[kind].name, " namespace, not a ",
		    k->name, " namespace");
	return fd;
}

char *ns_procpath(char *buf, pid_t pid, const struct ns_kind *k)
{
	char what[24];

	str_join(what, sizeof(what), "ns/", k->name);
	return str_procpath(buf, pid, what);
}

int ns_open_pid(pid_t pid, const struct ns_kind *k)
{
	char path[PROC_PATH_MAX], num[24];
	int fd, err;

	fd = open(ns_procpath(path, pid, k), O_RDONLY | O_CLOEXEC);
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

int ns_open_net(const char *arg)
{
	char path[PATH_MAX];
	const char *p = ns_netns_path(arg, path, sizeof(path));
	unsigned long long pid;

	if (p)
		return ns_open_file(p, &ns_kinds[NS_NET]);
	if (!parse_u64(arg, 10, INT_MAX, &pid) && pid)
		return ns_open_pid(pid, &ns_kinds[NS_NET]);
	die("no network namespace '", arg, "' in /run/netns or /var/run/netns");
}

struct scan {
	int (*match)(int fd, void *ctx);
	void *ctx;
	char *buf;
	size_t size;
};

/* the entries are bind mounts on empty files; anything else (a fifo would
 * block the open) is skipped */
static int scan_one(int dfd, const char *name, int type, void *ctx)
{
	struct scan *s = ctx;
	int fd, hit;

	if (type != DT_REG && type != DT_UNKNOWN)
		return 0;
	fd = sys_openat(dfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	hit = s->match(fd, s->ctx) && str_join(s->buf, s->size, name);
	close(fd);
	return hit;
}

const char *ns_netns_find(int (*match)(int fd, void *ctx), void *ctx,
			  char *buf, size_t size)
{
	struct scan s = { match, ctx, buf, size };

	/* /var/run is usually a link to /run: a second look when the
	 * first finds nothing */
	if (file_dir("/run/netns", scan_one, &s) > 0 ||
	    file_dir("/var/run/netns", scan_one, &s) > 0)
		return buf;
	return NULL;
}

/* the device and inode that tell namespaces apart */
static int same_id(const struct statx *a, const struct statx *b)
{
	return a->stx_ino == b->stx_ino &&
	       a->stx_dev_major == b->stx_dev_major &&
	       a->stx_dev_minor == b->stx_dev_minor;
}

int ns_same(int a, int b)
{
	struct statx x, y;

	return !sys_statx(a, "", AT_EMPTY_PATH, STATX_INO, &x) &&
	       !sys_statx(b, "", AT_EMPTY_PATH, STATX_INO, &y) &&
	       same_id(&x, &y);
}

static int ns_id(pid_t pid, const struct ns_kind *k, struct statx *st)
{
	char path[PROC_PATH_MAX];

	return sys_statx(AT_FDCWD, ns_procpath(path, pid, k), 0, STATX_INO,
			 st);
}

int ns_is_own(pid_t pid, const struct ns_kind *k)
{
	struct statx self, other;

	if (ns_id(0, k, &self) || ns_id(pid, k, &other))
		return -1;
	return same_id(&self, &other);
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
