/* cgroup.c: the cgroup layout (v1, v2, hybrid), paths, attaching processes */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "str.h"

static struct cg_layout layout;
static int loaded;
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

	if (loaded)
		return &layout;
	loaded = 1;
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

const struct cg_layout *cg_xlayout(void)
{
	const struct cg_layout *l = cg_layout();

	if (!l->n) {
		cg_none();
		exit(1);
	}
	return l;
}

/* a list of words as read from a file ("cpu memory\n"), as a comma list */
static char *commas(char *s)
{
	char *p;

	for (p = s; *p; p++)
		if (*p == ' ' || *p == '\n')
			*p = ',';
	return s;
}

const char *cg_v2_ctrls(void)
{
	static char buf[256];
	static int done;
	char path[PATH_MAX];
	const struct cg_layout *l = cg_layout();

	if (done || l->v2 < 0)
		return buf;
	done = 1;
	if (str_join(path, sizeof(path), l->h[l->v2].mnt, "/cgroup.controllers"))
		file_read(path, buf, sizeof(buf));
	return commas(buf);
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
		if (n && !has_word(b, a, n))
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

int cg_ctrl_hier(const char *ctrl, size_t n)
{
	const struct cg_layout *l = cg_layout();
	int i;

	if (!n)
		return -1;
	for (i = 0; i < l->n; i++)
		if (!l->h[i].v2 && has_word(l->h[i].ctrls, ctrl, n))
			return i;
	if (l->v2 >= 0 && has_word(cg_v2_ctrls(), ctrl, n))
		return l->v2;
	return -1;
}

int cg_dotdot(const char *p)
{
	for (;; p++) {
		if (p[0] == '.' && p[1] == '.' && (!p[2] || p[2] == '/'))
			return 1;
		if (!(p = strchr(p, '/')))
			return 0;
	}
}

char *cg_dir(char *buf, const struct cg_hier *h, const char *path)
{
	const char *r = h->root;
	size_t n;

	while (*path == '/')
		path++;
	while (*r == '/')
		r++;
	n = strlen(r);
	if ((n && (strncmp(path, r, n) || (path[n] && path[n] != '/'))) ||
	    cg_dotdot(path)) {
		errno = EXDEV;
		return NULL;
	}
	for (path += n; *path == '/'; path++)
		;
	return str_join(buf, PATH_MAX, h->mnt, *path ? "/" : "", path);
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

int cg_save(char *buf, size_t size)
{
	return file_read("/proc/self/cgroup", buf, size) < 0 ? -1 : 0;
}

int cg_restore(char *saved, pid_t pid)
{
	struct join j = { .pid = pid };
	char *line, *nl;

	for (line = saved; *line; line = nl + !!*nl) {
		nl = strchrnul(line, '\n');
		*nl = 0;
		join_line(line, &j);
	}
	return -j.failed;
}

/* the hierarchies of a comma list of controllers, or die naming one that
 * none has */
static unsigned hiers_of(const char *ctrls)
{
	const struct cg_layout *l = cg_xlayout();
	unsigned m = 0;
	char w[64];
	size_t n;
	int h;

	if (!strcmp(ctrls, "*")) {
		for (h = 0; h < l->n; h++)
			if (l->h[h].v2 ? *cg_v2_ctrls() != 0 :
			    strncmp(l->h[h].ctrls, "name=", 5) != 0)
				m |= 1u << h;
		return m;
	}
	if (!*ctrls && l->v2 < 0)
		die("':PATH' is a group of the cgroup v2 hierarchy, which is"
		    " not mounted");
	if (!*ctrls)
		return 1u << l->v2;
	for (; *ctrls; ctrls += n + !!ctrls[n]) {
		n = strchrnul(ctrls, ',') - ctrls;
		if ((h = cg_ctrl_hier(ctrls, n)) >= 0) {
			m |= 1u << h;
			continue;
		}
		if (n >= sizeof(w))
			n = sizeof(w) - 1;
		memcpy(w, ctrls, n);
		w[n] = 0;
		die("unknown controller '", w, "': no cgroup hierarchy has it");
	}
	return m;
}

static void set_path(struct cg_group *g, char *path)
{
	if (cg_dotdot(path))
		die("invalid group '", path, "': '..' would leave the hierarchy");
	while (*path == '/')
		path++;
	g->path = path;
	memset(g->made, 0, sizeof(g->made));
}

void cg_group_path(struct cg_group *g, char *path)
{
	g->ctrls = NULL;
	g->hiers = (1u << cg_xlayout()->n) - 1;
	set_path(g, path);
}

void cg_group(struct cg_group *g, char *arg)
{
	char *colon = strchr(arg, ':');

	if (!colon)
		die_usage("invalid group '", arg,
			  "': expected CONTROLLERS:PATH");
	*colon = 0;
	g->ctrls = arg;
	g->hiers = hiers_of(arg);
	set_path(g, colon + 1);
}

char *cg_group_dir(char *buf, const struct cg_group *g, int h)
{
	const struct cg_hier *hi = &cg_layout()->h[h];

	if (cg_dir(buf, hi, g->path))
		return buf;
	if (errno != EXDEV)
		die_errno("group ", g->path, " of ", hi->mnt);
	die("group ", g->path, " is outside the part of its hierarchy mounted"
	    " at ", hi->mnt, " (", hi->root, ")");
}

/* "+memory +pids": the controllers of g that v2 serves, to enable in the
 * groups above it */
static char *v2_want(char *buf, size_t size, const struct cg_group *g)
{
	const char *c = g->ctrls;
	size_t n, len = 0;

	if (c && !strcmp(c, "*"))
		c = cg_v2_ctrls();
	for (; c && *c; c += n + !!c[n]) {
		n = strchrnul(c, ',') - c;
		if (cg_ctrl_hier(c, n) != cg_layout()->v2 || len + n + 3 > size)
			continue;
		buf[len++] = '+';
		memcpy(buf + len, c, n);
		len += n;
		buf[len++] = ' ';
	}
	buf[len] = 0;
	return buf;
}

/* does the file at dir/name list every controller of want? */
static int lists(const char *dir, const char *name, const char *want)
{
	char path[PATH_MAX], cur[256];
	size_t n;

	if (!str_join(path, sizeof(path), dir, "/", name) ||
	    file_read(path, cur, sizeof(cur)) < 0)
		return -1;
	commas(cur);
	for (; *want++ == '+'; want += n + 1) {
		n = strchr(want, ' ') - want;
		if (!has_word(cur, want, n))
			return 0;
	}
	return 1;
}

/*
 * cgroup v2 gives a group's children only the controllers enabled in its
 * cgroup.subtree_control, and refuses to enable a domain controller there
 * while the group has processes of its own (the root excepted).
 */
static int enable(const char *dir, const char *want)
{
	char path[PATH_MAX];
	int err;

	if (lists(dir, "cgroup.subtree_control", want) > 0)
		return 0;
	if (str_join(path, sizeof(path), dir, "/cgroup.subtree_control") &&
	    !file_write_str(path, want))
		return 0;
	err = errno;
	if (err == EBUSY)
		warn("cannot enable ", want, "in ", dir, ": the group has "
		     "processes, and cgroup v2 enables controllers for the"
		     " children of groups without (the no-internal-process"
		     " rule)");
	else if (err == ENOENT)
		warn("cannot enable ", want, "in ", dir, ": its parent does"
		     " not enable them for it");
	else
		warn_(err, "cannot enable ", want, "in ", dir, (char *)0);
	return -1;
}

/* v1 cpuset gives a new group no cpus and no memory nodes, and refuses
 * processes until it has some: start with its parent's, as v2 does */
static void inherit_cpuset(char *dir, char *slash)
{
	static const char *const knobs[] = { "cpuset.cpus", "cpuset.mems" };
	char path[PATH_MAX], val[256];
	int i;

	for (i = 0; i < 2; i++) {
		*slash = 0;
		if (!str_join(path, sizeof(path), dir, "/", knobs[i]) ||
		    file_read(path, val, sizeof(val)) <= 1) {
			*slash = '/';
			continue;
		}
		*slash = '/';
		if (str_join(path, sizeof(path), dir, "/", knobs[i]))
			file_write_str(path, val);
	}
}

/* make the directory dir (a group of hierarchy h), recording it in g */
static int make(struct cg_group *g, int h, char *dir, char *slash)
{
	const struct cg_hier *hi = &cg_layout()->h[h];

	if (mkdir(dir, 0755)) {
		if (errno == EEXIST)
			return 0;
		warn_errno("cannot create ", dir);
		return -1;
	}
	g->made[h]++;
	if (!hi->v2 && has_word(hi->ctrls, "cpuset", 6))
		inherit_cpuset(dir, slash);
	return 0;
}

/*
 * Go down from the root of hierarchy h to g: on v2 enable g's controllers
 * in each group above it, top-down (a group can pass on only what it got);
 * with create, make each missing group on the way. Without create nothing
 * is done if g has its controllers already (or does not exist: attaching
 * will say so).
 */
static int walk(struct cg_group *g, int h, int create)
{
	char dir[PATH_MAX], want[128] = "", *p, *slash = NULL, c;

	cg_group_dir(dir, g, h);
	if (cg_layout()->h[h].v2)
		v2_want(want, sizeof(want), g);
	if (!create && (!*want || lists(dir, "cgroup.controllers", want)))
		return 0;
	for (p = dir + strlen(cg_layout()->h[h].mnt);; p = strchrnul(p + 1, '/')) {
		c = *p;
		*p = 0;
		if (slash && create && make(g, h, dir, slash))
			return -1;
		if (!c)
			return 0;
		if (*want && enable(dir, want))
			return -1;
		*p = c;
		slash = p;
	}
}

int cg_prepare(struct cg_group *g, int create)
{
	int h;

	for (h = 0; h < cg_layout()->n; h++)
		if (g->hiers >> h & 1 && walk(g, h, create)) {
			cg_undo(g);
			return -1;
		}
	return 0;
}

void cg_undo(struct cg_group *g)
{
	char dir[PATH_MAX], *p;
	int h;

	for (h = 0; h < cg_layout()->n; h++) {
		if (!g->made[h])
			continue;
		cg_group_dir(dir, g, h);
		while (g->made[h] && !rmdir(dir)) {
			g->made[h]--;
			if ((p = strrchr(dir, '/')))
				*p = 0;
		}
	}
}

int cg_enter(const struct cg_group *g, pid_t pid)
{
	char dir[PATH_MAX];
	int h;

	for (h = 0; h < cg_layout()->n; h++)
		if (g->hiers >> h & 1 && cg_attach(cg_group_dir(dir, g, h), pid))
			return -1;
	return 0;
}

int cg_delete(struct cg_group *g, int recursive)
{
	char dir[PATH_MAX], up[PATH_MAX], *p;
	int h, st = 0;

	if (!*g->path) {
		warn("cannot remove the root group");
		return -1;
	}
	for (h = 0; h < cg_layout()->n; h++) {
		if (!(g->hiers >> h & 1))
			continue;
		cg_group_dir(dir, g, h);
		do {
			strcpy(up, dir);
			if ((p = strrchr(up, '/')))
				*p = 0;
			if (cg_remove(dir, up, recursive)) {
				st = -1;
				break;
			}
			recursive = 0;
			strcpy(dir, up);
		} while (g->made[h] && --g->made[h]);
	}
	return st;
}

int cg_list(const char *dir, int (*fn)(const char *name, int type, void *ctx),
	    void *ctx)
{
	union {
		struct dirent d;
		char b[2048];
	} buf;
	struct dirent *d;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r = 0, err;
	long n = 0, i;

	if (fd < 0)
		return -1;
	while (!r && (n = getdents(fd, &buf.d, sizeof(buf))) > 0)
		for (i = 0; !r && i < n; i += d->d_reclen) {
			d = (struct dirent *)(buf.b + i);
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				r = fn(d->d_name, d->d_type, ctx);
		}
	err = errno;
	close(fd);
	errno = err;
	return n < 0 ? -1 : r;
}

struct rm {
	char *dir;
	const char *refuge;
	int failed;
};

static int rm_sub(const char *name, int type, void *ctx)
{
	struct rm *r = ctx;
	size_t n = strlen(r->dir);

	if (type != DT_DIR)
		return 0;
	if (!str_join(r->dir + n, PATH_MAX - n, "/", name)) {
		warn_errno("cannot remove ", r->dir, "/", name);
		r->failed = 1;
		return 0;
	}
	if (cg_remove(r->dir, r->refuge, 1))
		r->failed = 1;
	r->dir[n] = 0;
	return 0;
}

static int move_out(char *line, void *ctx)
{
	file_write_str(ctx, line);
	return 0;
}

int cg_remove(char *dir, const char *refuge, int recursive)
{
	struct rm r = { dir, refuge, 0 };
	char procs[PATH_MAX], to[PATH_MAX];

	if (recursive && cg_list(dir, rm_sub, &r) < 0 && errno != ENOENT)
		warn_errno("cannot read ", dir);
	if (r.failed)
		return -1;
	if (!rmdir(dir))
		return 0;
	if (errno == EBUSY && refuge &&
	    str_join(procs, sizeof(procs), dir, "/cgroup.procs") &&
	    str_join(to, sizeof(to), refuge, "/cgroup.procs")) {
		file_lines(procs, move_out, to);
		if (!rmdir(dir))
			return 0;
	}
	if (errno == ENOENT)
		warn("cannot remove ", dir, ": no such group");
	else if (errno == EBUSY)
		warn("cannot remove ", dir, ": it still has processes or "
		     "subgroups");
	else
		warn_errno("cannot remove ", dir);
	return -1;
}
