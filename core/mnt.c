/* mnt.c: mount propagation, bind mounts of namespace files, /proc */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "mnt.h"
#include "msg.h"
#include "str.h"

unsigned long mnt_propagation(const char *s)
{
	static const struct {
		const char *name;
		unsigned long flags;
	} props[] = {
		{ "private", MS_REC | MS_PRIVATE },
		{ "shared", MS_REC | MS_SHARED },
		{ "slave", MS_REC | MS_SLAVE },
		{ "unchanged", 0 },
	};
	unsigned i;

	for (i = 0; i < 4; i++)
		if (!strcmp(s, props[i].name))
			return props[i].flags;
	die_usage("unsupported propagation mode: ", s);
}

void mnt_propagate(unsigned long flags)
{
	if (flags && mount("none", "/", NULL, flags, NULL))
		die_errno("cannot change root filesystem propagation");
}

void mnt_proc(const char *dir)
{
	if (mount("proc", dir, "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL))
		die_errno("mount proc on ", dir, " failed");
}

int mnt_bind_ns(const char *src, const char *dst, int is_mnt)
{
	int err;

	if (!mount(src, dst, NULL, MS_BIND, NULL))
		return 0;
	err = errno;
	warn_(err, "mount ", src, " on ", dst, " failed", (char *)0);
	if (err == EINVAL && is_mnt)
		warn("a mount namespace cannot be bound on a shared mount: ",
		     "put ", dst, " on a private one (mount --make-private)");
	errno = err;
	return -1;
}

void mnt_unbind(const char *dst)
{
	umount2(dst, MNT_DETACH);
}

static int netns_dir(const char *dir)
{
	return !strcmp(dir, "/run/netns") || !strcmp(dir, "/var/run/netns");
}

int mnt_ns_target(const char *path)
{
	char dir[PATH_MAX], *slash;
	int created = 1, fd, err;

	for (;;) {
		fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
		if (fd >= 0) {
			close(fd);
			return created;
		}
		err = errno;
		if (err == EEXIST)	/* a directory: the bind will say */
			return 0;
		if (err != ENOENT || created > 1 ||
		    !str_join(dir, sizeof(dir), path))
			break;
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = 0;
		if (!netns_dir(dir) || mkdir(dir, 0755))
			break;
		created = 3;
	}
	if (created == 3)
		rmdir(dir);
	die_err(err, "cannot create ", path);
}

void mnt_ns_target_undo(const char *path, int created)
{
	char dir[PATH_MAX], *slash;

	if (!(created & 1))
		return;
	unlink(path);
	if (!(created & 2) || !str_join(dir, sizeof(dir), path))
		return;
	slash = strrchr(dir, '/');
	*slash = 0;
	rmdir(dir);
}
