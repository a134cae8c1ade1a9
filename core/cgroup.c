/* cgroup.c: the cgroup layout (v1, v2, hybrid), paths, attaching processes */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "str.h"

static struct cg_layout layout = { .n = -1 };
static char pool[4096];
static size_t pool_used;

/* a copy of s that lives as long as the layout, or NULL when full */
static const char *keep(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = pool + pool_used;

	if (n > sizeof(pool) - pool_used)
		return NULL;
	memcpy(p, s, n);
	pool_used += n;
	return p;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0');
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = 0;
}

/* the controllers among a v1 super block's options, in place: the options
 * that are not controllers are dropped, "name=" kept */
static char *v1_ctrls(char *opts)
{
	static const char *const skip[] = {
		"rw", "ro", "noprefix", "xattr", "clone_children",
		"cpuset_v2_mode", "favordynmods", NULL
	};
	char *w, *d = opts, *s = opts;
	int i;

	while (*(w = s)) {
		s = strchrnul(s, ',');
		if (*s)
			*s++ = 0;
		for (i = 0; skip[i] && strcmp(w, skip[i]); i++)
			;
		if (skip[i] || !strncmp(w, "release_agent=", 14))
			continue;
		if (d != opts)
			*d++ = ',';
		memmove(d, w, strlen(w));
		d += strlen(w);
	}
	*d = 0;
	return opts;
}

/* the entry for a new mount of hierarchy dev: a new one, or the one already
 * seen, to be replaced when this mount shows the root and that did not */
static struct cg_hier *slot(const char *dev, const char *root)
{
	int i;

	for (i = 0; i < layout.n; i++) {
		if (strcmp(layout.h[i].dev, dev))
			continue;
		if (!strcmp(layout.h[i].root, "/") || strcmp(root, "/"))
			return NULL;
		return &layout.h[i];
	}
	return layout.n < CG_HIER_MAX ? &layout.h[layout.n++] : NULL;
}

/* ID PARENT DEV ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER */
static int mountinfo_line(char *line, void *ctx)
{
	char *f[5], *fs, *super, *w;
	struct cg_hier *h;
	int i, v2;

	for (i = 0; i < 5; i++)
		f[i] = str_word(&line);
	do
		w = str_word(&line);
	while (*w && strcmp(w, "-"));
	fs = str_word(&line);
	str_word(&line);
	super = str_word(&line);
	v2 = !strcmp(fs, "cgroup2");
	if (!v2 && strcmp(fs, "cgroup"))
		return 0;
	unescape(f[3]);
	unescape(f[4]);
	if (!(h = slot(f[2], f[3])))
		return 0;
	h->v2 = v2;
	h->mnt = keep(f[4]);
	h->root = keep(f[3]);
	h->dev = keep(f[2]);
	h->ctrls = keep(v2 ? "" : v1_ctrls(super));
	if (!h->mnt || !h->root || !h->dev || !h->ctrls)
		layout.n--;	/* out of room: the rest is ignored */
	return 0;
}

const struct cg_layout *cg_layout(void)
{
	int i;

	if (layout.n >= 0)
		return &layout;
	layout.n = 0;
	layout.v2 = -1;
	file_lines("/proc/self/mountinfo", mountinfo_line, NULL);
	for (i = 0; i < layout.n; i++)
		if (layout.h[i].v2)
			layout.v2 = i;
	return &layout;
}

void cg_none(void)
{
	warn("no cgroup file system is mounted (see /proc/self/mountinfo);"
	     " mount one: 'mount -t cgroup2 none /sys/fs/cgroup' (v2), or"
	     " 'mount -t cgroup -o memory none /sys/fs/cgroup/memory' per"
	     " v1 controller");
}

/* is the word w (n bytes) in the comma list? */
static int has_word(const char *list, const char *w, size_t n)
{
	for (;;) {
		if (!strncmp(list, w, n) && (list[n] == ',' || !list[n]))
			return 1;
		if (!(list = strchr(list, ',')))
			return 0;
		list++;
	}
}

/* is every word of the comma list a in the comma list b? */
static int within(const char *a, const char *b)
{
	size_t n;

	for (; *a; a += n + !!a[n]) {
		n = strchrnul(a, ',') - a;
		if (!n || !has_word(b, a, n))
			return 0;
	}
	return 1;
}

int cg_hier_by_ctrls(const char *ctrls)
{
	const struct cg_layout *l = cg_layout();
	int i;

	if (!*ctrls)
		return l->v2;
	for (i = 0; i < l->n; i++)
		if (!l->h[i].v2 && within(ctrls, l->h[i].ctrls) &&
		    within(l->h[i].ctrls, ctrls))
			return i;
	return -1;
}

int cg_dotdot(const char *path)
{
	const char *p;

	for (p = path; (p = strstr(p, "..")); p += 2)
		if ((p == path || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return 1;
	return 0;
}

char *cg_dir(char *buf, const struct cg_hier *h, const char *path)
{
	size_t n = strlen(h->root);

	if (!strcmp(h->root, "/"))
		n = 0;
	else if (strncmp(path, h->root, n) || (path[n] && path[n] != '/'))
		n = (size_t)-1;
	if (n == (size_t)-1 || cg_dotdot(path)) {
		errno = EXDEV;
		return NULL;
	}
	return str_join(buf, PATH_MAX, h->mnt, path + n);
}

/* the kernel's refusals, in words */
static const char *attach_why(int err)
{
	switch (err) {
	case ESRCH:
		return ": no such process";
	case EBUSY:
		return ": the group has controllers enabled for its children"
		       " (cgroup.subtree_control), and cgroup v2 keeps"
		       " processes out of such inner groups (the"
		       " no-internal-process rule): use a leaf group";
	case ENOSPC:
		return ": the group has no cpus or memory nodes"
		       " (set cpuset.cpus and cpuset.mems first)";
	case EOPNOTSUPP:
		return ": the group is threaded (only threads can move in)";
	}
	return NULL;
}

int cg_attach(const char *dir, pid_t pid)
{
	char path[PATH_MAX], num[24];
	const char *why;
	int err;

	str_utoa(num, pid ? pid : getpid());
	if (str_join(path, sizeof(path), dir, "/cgroup.procs") &&
	    !file_write_str(path, num))
		return 0;
	err = errno;
	/* v1 kernels before 3.0 only have tasks, per thread */
	if (err == ENOENT && str_join(path, sizeof(path), dir, "/tasks") &&
	    !access(path, F_OK)) {
		if (!file_write_str(path, num))
			return 0;
		err = errno;
	}
	if (err == ENOENT && access(dir, F_OK))
		why = ": no such group";
	else
		why = attach_why(err);
	errno = err;
	if (why)
		warn("cannot move process ", num, " into ", dir, why);
	else
		warn_errno("cannot move process ", num, " into ", dir);
	return -1;
}

struct join {
	pid_t pid;
	int joined, failed;
	char why[512];		/* the hierarchies skipped, and why */
};

static void skipped(struct join *j, const char *ctrls, const char *why)
{
	size_t n = strlen(j->why);

	if (!str_join(j->why + n, sizeof(j->why) - n, "; ",
		      *ctrls ? ctrls : "cgroup2", why))
		j->why[n] = 0;
}

/* ID:CONTROLLERS:PATH, one line per hierarchy of the target */
static int join_line(char *line, void *ctx)
{
	struct join *j = ctx;
	char *f[3], dir[PATH_MAX];
	int i;

	if (str_split(line, ':', f, 3) != 3)
		return 0;
	i = cg_hier_by_ctrls(f[1]);
	if (i < 0) {
		skipped(j, f[1], " is not mounted here");
		return 0;
	}
	if (!cg_dir(dir, &layout.h[i], f[2])) {
		skipped(j, f[1], errno == EXDEV ?
			" is mounted here without the target's group" :
			": path too long");
		return 0;
	}
	if (cg_attach(dir, j->pid))
		j->failed = 1;
	else
		j->joined++;
	return 0;
}

int cg_join_like(pid_t target, pid_t pid)
{
	struct join j = { .pid = pid };
	char path[PROC_PATH_MAX], num[24];

	if (!cg_layout()->n) {
		cg_none();
		return -1;
	}
	str_procpath(path, target, "cgroup");
	if (file_lines(path, join_line, &j) < 0) {
		warn_errno("cannot read the cgroups of process ",
			   str_utoa(num, target), ": ", path);
		return -1;
	}
	if (j.failed)
		return -1;
	if (!j.joined) {
		warn("no cgroup of process ", str_utoa(num, target),
		     " can be joined", j.why[0] ? j.why : "");
		return -1;
	}
	return 0;
}
