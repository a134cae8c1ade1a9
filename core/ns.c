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
#include <sys/syscall.h>
#include <sys/stat.h>
#include <linux/nsfs.h>
#include <linux/stat.h>

#include "msg.h"
#include "ns.h"
#include "parse.h"
#include "str.h"

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
	int type = ioctl(fd, NS_GET_NSTYPE);
	unsigned i;

	if (type < 0) {
		if (errno == ENOTTY)
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
	if (&ns_kinds[kind] != k)
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

/* the entries are bind mounts on empty files; anything else (a fifo would
 * block the open) is skipped */
static int scan_netns(const char *dir, int (*match)(int fd, void *ctx),
		      void *ctx, char *buf, size_t size)
{
	union { struct dirent d; char b[2048]; } ents;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd, hit = 0;
	long n, off;

	if (dfd < 0)
		return 0;
	while (!hit && (n = getdents(dfd, &ents.d, sizeof(ents))) > 0) {
		for (off = 0; !hit && off < n; ) {
			struct dirent *d = (struct dirent *)(ents.b + off);

			off += d->d_reclen;
			if (d->d_type != DT_REG && d->d_type != DT_UNKNOWN)
				continue;
			fd = openat(dfd, d->d_name,
				    O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0)
				continue;
			hit = match(fd, ctx) && str_join(buf, size, d->d_name);
			close(fd);
		}
	}
	close(dfd);
	return hit;
}

const char *ns_netns_find(int (*match)(int fd, void *ctx), void *ctx,
			  char *buf, size_t size)
{
	/* /var/run is usually a link to /run: a second look when the
	 * first finds nothing */
	if (scan_netns("/run/netns", match, ctx, buf, size) ||
	    scan_netns("/var/run/netns", match, ctx, buf, size))
		return buf;
	return NULL;
}

/* statx, raw: musl's stat family costs 800 bytes the binary has no other
 * use for */
static int ns_statx(int fd, struct statx *x)
{
	return syscall(SYS_statx, (long)fd, (long)"", (long)AT_EMPTY_PATH,
		       (long)STATX_INO, (long)x);
}

int ns_same(int a, int b)
{
	struct statx x, y;

	return !ns_statx(a, &x) && !ns_statx(b, &y) &&
	       x.stx_ino == y.stx_ino && x.stx_dev_major == y.stx_dev_major &&
	       x.stx_dev_minor == y.stx_dev_minor;
}
