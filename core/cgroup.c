/* cgroup.c: the cgroup layout (v1, v2, hybrid), groups, attaching processes */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ctbox.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "opt.h"
#include "str.h"

static struct cg_layout layout;
static int loaded;
/* the strings of the layout (see CT_COLD): at most two mounts kept per
 * hierarchy, each from one line of mountinfo */
char cgroup_pool[2 * CG_HIER_MAX * FILE_LINE_MAX] CT_COLD;
static size_t used;

static const char *keep(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = memcpy(cgroup_pool + used, s, n);

	used += n;
	return p;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++, d++) {
		*d = *s;
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d = (s[1] - '0') << 6 | (s[2] - '0') << 3 |
			     (s[3] - '0');
			s += 3;
		}
	}
	*d = 0;
}

/*
 * ID PARENT DEV ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER
 * A v1 hierarchy is known by its super block options, "rw,cpu,cpuacct":
 * the controllers (or name=), then rarely an option that names none.
 */
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
	if (!v2 && (strcmp(fs, "cgroup") || strlen(super) < 4))
		return 0;
	super = v2 ? "" : super + 3;
	for (i = 0; i < layout.n && (layout.h[i].v2 != v2 ||
				     strcmp(layout.h[i].ctrls, super)); i++)
		;
	/* mounted again: keep the mount that shows the hierarchy's root */
	h = &layout.h[i];
	if (i < layout.n ? !strcmp(h->root, "/") || strcmp(f[3], "/") :
	    i == CG_HIER_MAX)
		return 0;
	layout.n += i == layout.n;
	unescape(f[3]);
	unescape(f[4]);
	h->mnt = keep(f[4]);
	h->root = keep(f[3]);
	h->ctrls = keep(super);
	h->v2 = v2;
	if (v2)
		layout.v2 = i;
	return 0;
}

const struct cg_layout *cg_layout(void)
{
	if (!loaded) {
		loaded = 1;
		layout.v2 = -1;
		file_lines("/proc/self/mountinfo", mountinfo_line, NULL);
	}
	return &layout;
}

void cg_none(void)
{
	warn("no cgroup file system is mounted; mount one: 'mount -t cgroup2"
	     " none /sys/fs/cgroup', or per v1 controller 'mount -t cgroup"
	     " -o memory none /sys/fs/cgroup/memory'");
}

const struct cg_layout *cg_xlayout(void)
{
	if (!cg_layout()->n) {
		cg_none();
		exit(1);
	}
	return &layout;
}

int cg_get(const char *dir, const char *name, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t n;

	if (!str_join(path, sizeof(path), dir, "/", name))
		return -1;
	n = file_read(path, buf, size);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = 0;
	return n;
}

int cg_put(const char *dir, const char *name, const char *val)
{
	char path[PATH_MAX];

	if (!str_join(path, sizeof(path), dir, "/", name))
		return -1;
	return file_write_str(path, val);
}

/* a list of words as read from a file ("cpu memory"), as a comma list */
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
	static char buf[256], done;

	if (!done) {
		done = 1;
		if (cg_layout()->v2 >= 0)
			cg_get(layout.h[layout.v2].mnt, "cgroup.controllers",
			       buf, sizeof(buf));
	}
	return commas(buf);
}

/* the kernel lists a v1 hierarchy's controllers first, then its options:
 * one of these first ("name=", "release_agent=" hold a '=') means it has
 * none */
const char *cg_hier_ctrls(int h)
{
	const char *c = layout.h[h].ctrls;
	size_t n = strchrnul(c, ',') - c;

	if (layout.h[h].v2)
		return cg_v2_ctrls();
	if (strchrnul(c, '=') < c + n ||
	    str_in_list("xattr,clone_children,favordynmods", c, n))
		return "";
	return c;
}

/* each controller is in one v1 hierarchy at most: any of a line of
 * /proc/PID/cgroup names it */
static int v1_hier(const char *w, size_t n)
{
	int i;

	for (i = 0; n && i < cg_layout()->n; i++)
		if (!layout.h[i].v2 && str_in_list(layout.h[i].ctrls, w, n))
			return i;
	return -1;
}

/* the index of the v1 hierarchy of these controllers (a comma list, as
 * /proc/PID/cgroup names them), of the v2 one for "", or -1 */
static int hier_by_ctrls(const char *ctrls)
{
	if (!*ctrls)
		return cg_layout()->v2;
	return v1_hier(ctrls, strchrnul(ctrls, ',') - ctrls);
}

int cg_ctrl_hier(const char *ctrl, size_t n)
{
	int i = v1_hier(ctrl, n);

	if (i < 0 && n && str_in_list(cg_v2_ctrls(), ctrl, n))
		i = layout.v2;
	return i;
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
	int err;

	while (*path == '/')
		path++;
	while (*r == '/')
		r++;
	n = strlen(r);
	err = cg_dotdot(path) ? EINVAL :
	      n && (strncmp(path, r, n) || (path[n] && path[n] != '/')) ?
	      EXDEV : 0;
	if (err) {
		errno = err;
		return NULL;
	}
	for (path += n; *path == '/'; path++)
		;
	return str_join(buf, PATH_MAX, h->mnt, *path ? "/" : "", path);
}

/* arrays, not literals: in sections of their own, which the link keeps
 * for nsenter's cg_attach without the strings of the code for groups that
 * a literal's section may hold */
static const char no_group[] = ": no such group";
static const char v2_busy[] = ": cgroup v2 puts processes only in groups"
	" that enable no controller for children (cgroup.subtree_control)";

/* the kernel's refusals, in words */
static const char *attach_why(int err, const char *dir)
{
	if (err == ENOENT && access(dir, F_OK))
		return no_group;
	if (err == EBUSY)
		return v2_busy;
	if (err == ENOSPC)
		return ": set its cpuset.cpus and cpuset.mems first";
	return NULL;
}

int cg_attach(const char *dir, pid_t pid)
{
	char num[24];
	const char *why;
	int err;

	str_utoa(num, pid ? pid : getpid());
	if (!cg_put(dir, "cgroup.procs", num))
		return 0;
	err = errno;
	/* v1 before Linux 3.0 has only tasks, per thread */
	if (err == ENOENT && !cg_put(dir, "tasks", num))
		return 0;
	if ((why = attach_why(err, dir)))
		warn("cannot move process ", num, " into ", dir, why);
	else
		warn_(err, "cannot move process ", num, " into ", dir,
		      (char *)0);
	return -1;
}

struct join {
	pid_t pid;
	unsigned hiers;		/* the hierarchies to join */
	int joined, failed;
	char why[512];		/* the hierarchies skipped, and why */
};

/* ID:CONTROLLERS:PATH, one line per hierarchy of the target */
static int join_line(char *line, void *ctx)
{
	struct join *j = ctx;
	char *f[3], dir[PATH_MAX];
	size_t n = strlen(j->why);
	int i;

	if (str_split(line, ':', f, 3) != 3)
		return 0;
	i = hier_by_ctrls(f[1]);
	if (i >= 0 && !(j->hiers >> i & 1))
		return 0;
	if (i >= 0 && cg_dir(dir, &layout.h[i], f[2])) {
		j->failed |= cg_attach(dir, j->pid);
		j->joined++;
	} else if (!str_join(j->why + n, sizeof(j->why) - n, "; ",
			   *f[1] ? f[1] : "cgroup2", i < 0 ?
			   " is not mounted here" :
			   " is mounted here without the group"))
		j->why[n] = 0;
	return 0;
}

int cg_join_like(pid_t target, pid_t pid)
{
	struct join j = { .pid = pid, .hiers = ~0u };
	char path[PROC_PATH_MAX], num[24];

	if (!cg_layout()->n) {
		cg_none();
		return -1;
	}
	str_utoa(num, target);
	if (file_lines(str_procpath(path, target, "cgroup"), join_line, &j) < 0)
		warn_errno("cannot read the cgroups of process ", num);
	else if (!j.joined)
		warn("no cgroup of process ", num, " can be joined", j.why);
	else
		return j.failed;
	return -1;
}

int cg_xctrl_hier(const char *ctrl)
{
	int h = cg_ctrl_hier(ctrl, strlen(ctrl));

	if (h < 0)
		die("no cgroup hierarchy has the controller '", ctrl, "'");
	return h;
}

unsigned cg_ctrls_hiers(const char *ctrls)
{
	char name[64];
	unsigned m = 0;
	int h;

	cg_xlayout();	/* layout loaded, or we die */
	if (ctrls[0] == '*' && !ctrls[1]) {
		for (h = 0; h < layout.n; h++)
			if (*cg_hier_ctrls(h))
				m |= 1u << h;
		return m;
	}
	if (!*ctrls && layout.v2 < 0)
		die("no cgroup v2 hierarchy is mounted for ':PATH'");
	if (!*ctrls)
		return 1u << layout.v2;
	while (str_item(&ctrls, ',', name, sizeof(name)))
		m |= 1u << cg_xctrl_hier(name);
	return m;
}

static int dir_ok(struct cg_group *g, int h, char *dir, void *ctx)
{
	return 0;
}

/* parse arg (changed in place) into g[*n], counted */
static void group_add(struct cg_group *g, int *n, char *arg)
{
	char *path = strchr(arg, ':');

	if (*n == CG_GROUPS_MAX)
		die_usage("too many groups");
	if (!path)
		die_usage("invalid group '", arg,
			  "': expected CONTROLLERS:PATH");
	*path++ = 0;
	g += (*n)++;
	g->ctrls = arg;
	g->hiers = cg_ctrls_hiers(arg);
	while (*path == '/')
		path++;
	g->path = path;
	/* its directories, checked before anything is made */
	cg_each(g, 1, dir_ok, NULL);
}

int cg_parse(struct optstate *st, struct cg_group *g, int operands,
	     void (*fn)(int id, const char *arg, void *ctx), void *ctx)
{
	const char *arg;
	int n = 0, id;

	while ((id = opt_next(st, &arg)) || (operands && st->ind < st->argc))
		if (id <= 1)
			group_add(g, &n, id ? (char *)arg :
				  st->argv[st->ind++]);
		else if (fn)
			fn(id, arg, ctx);
	if (!n)
		die_usage("no group given");
	return n;
}

char *cg_path_dir(char *buf, const char *path, int h)
{
	/* h came from the layout, which is loaded then */
	const struct cg_hier *hi = &layout.h[h];

	if (cg_dir(buf, hi, path))
		return buf;
	if (errno == EXDEV)
		die("group ", path, " is outside the part of its hierarchy"
		    " mounted at ", hi->mnt);
	/* a "..", or too long */
	die_err(errno == EINVAL ? 0 : errno, "invalid group '", path, "'",
		errno == EINVAL ? ": '..' would leave the hierarchy" : "");
}

int cg_each(struct cg_group *g, int n, cg_each_fn *fn, void *ctx)
{
	char dir[PATH_MAX];
	int i, h;

	/* groups are made by group_add, after the layout is loaded; i counts
	 * from 1, as the result does */
	for (i = 1; i <= n; i++, g++)
		for (h = 0; h < layout.n; h++)
			if (g->hiers >> h & 1 &&
			    fn(g, h, cg_path_dir(dir, g->path, h), ctx))
				return i;
	return 0;
}

/*
 * "+memory +pids ": the controllers of g that v2 serves and dir/name does
 * not list, in want of WANT_MAX; its length, or -1 if there are some and
 * name cannot be read.
 */
#define WANT_MAX 128
static int missing(char *want, const struct cg_group *g, const char *dir,
		   const char *name)
{
	char cur[256];
	const char *c = g->ctrls;
	size_t n, len = 0;
	int r = cg_get(dir, name, cur, sizeof(cur));

	if (r < 0)
		*cur = 0;
	commas(cur);
	/* g->ctrls is a list of known controllers, or "*" */
	if (*c == '*')
		c = cg_v2_ctrls();
	for (; *c; c += n + !!c[n]) {
		n = strchrnul(c, ',') - c;
		if (cg_ctrl_hier(c, n) == layout.v2 && !str_in_list(cur, c, n) &&
		    len + n + 2 < WANT_MAX) {
			want[len] = '+';
			memcpy(want + len + 1, c, n);
			len += n + 2;
			want[len - 1] = ' ';
		}
	}
	want[len] = 0;
	return r < 0 && len ? -1 : (int)len;
}

/*
 * cgroup v2 gives a group's children only the controllers enabled in its
 * cgroup.subtree_control, and refuses to enable a domain controller there
 * while the group has processes of its own (the root excepted).
 */
static int enable(const char *dir, const char *want)
{
	int busy;

	if (!cg_put(dir, "cgroup.subtree_control", want))
		return 0;
	busy = errno == EBUSY;
	/* not busy: the list of parts ends after dir */
	warn_(busy ? 0 : errno, "cannot enable ", want, "in ", dir,
	      busy ? ": it has processes" : NULL, v2_busy, (char *)0);
	return -1;
}

/* make the group at dir unless it is there; below a group we made none can
 * be, so what is there is a file (cgroup.procs) */
static int make(const char *dir, unsigned char *made)
{
	if (!mkdir(dir, 0755))
		++*made;
	else if (errno != EEXIST || *made) {
		warn_errno("cannot create ", dir);
		return -1;
	}
	return 0;
}

/* remove the groups made for g in h, the deepest (dir) first, as far as it
 * goes; a cg_each_fn for cg_undo */
static int unmake(struct cg_group *g, int h, char *dir, void *ctx)
{
	for (; g->made[h] && !rmdir(dir); g->made[h]--)
		*strrchr(dir, '/') = 0;
	return 0;
}

/*
 * Go down from the root of hierarchy h to g: on v2 enable g's controllers
 * in each group above it, top-down (a group passes on only what it got);
 * with create, make each missing group on the way. Without create nothing
 * is done if g has its controllers already (or does not exist: attaching
 * will say so). On failure what was made is removed.
 */
static int walk(struct cg_group *g, int h, char *dir, void *create_)
{
	char want[WANT_MAX], *p, *up = NULL, c;
	int create = *(int *)create_, v2 = layout.h[h].v2;

	if (!create && (!v2 ||
			missing(want, g, dir, "cgroup.controllers") <= 0))
		return 0;
	/* up: where the parent's path ends (NULL at the mount point, which is
	 * not ours to make); cut there, dir is the deepest group made */
	for (p = dir + strlen(layout.h[h].mnt);; p = strchrnul(p + 1, '/')) {
		c = *p;
		*p = 0;
		if (create && up && make(dir, &g->made[h])) {
			*up = 0;
			break;
		}
		if (!c)
			return 0;
		if (v2 && missing(want, g, dir, "cgroup.subtree_control") &&
		    enable(dir, want))
			break;
		*p = c;
		up = p;
	}
	unmake(g, h, dir, NULL);
	return -1;
}

int cg_prepare(struct cg_group *g, int n, int create)
{
	int i = cg_each(g, n, walk, &create);

	if (i)
		cg_undo(g, i);
	return -!!i;
}

void cg_undo(struct cg_group *g, int n)
{
	/* the last group first: it may lie in a group an earlier one made */
	while (n--)
		cg_each(&g[n], 1, unmake, NULL);
}

static int enter(struct cg_group *g, int h, char *dir, void *ctx)
{
	struct join *j = ctx;

	if (cg_attach(dir, j->pid))
		return -1;
	j->hiers |= 1u << h;
	return 0;
}

/* back out: each line of the saved /proc/self/cgroup in a hierarchy
 * entered, as cg_join_like joins */
int cg_enter(struct cg_group *g, int n, pid_t pid, char *saved)
{
	struct join j = { .pid = pid };
	char *line, *nl;

	if (!cg_each(g, n, enter, &j))
		return 0;
	/* a line cut short (the copy was too small) is no group to go to */
	for (line = saved; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = 0;
		join_line(line, &j);
	}
	return -1;
}

/* the group at dir is removed; the processes still in it move to the
 * parent of the group cgdelete named, the first up bytes of dir */
struct rm {
	char *dir;
	size_t up;
	char failed;
};

static int remove_group(char *dir, size_t up, int recursive);

static int rm_sub(int dfd, const char *name, int type, void *ctx)
{
	struct rm *r = ctx;
	size_t n = strlen(r->dir);

	if (type == DT_DIR && *name != '.') {
		if (!str_join(r->dir + n, PATH_MAX - n, "/", name) ||
		    remove_group(r->dir, r->up, 1))
			r->failed = 1;
		r->dir[n] = 0;
	}
	return 0;
}

static int move_out(char *pid, void *refuge)
{
	cg_put(refuge, "cgroup.procs", pid);
	return 0;
}

static int remove_group(char *dir, size_t up, int recursive)
{
	struct rm r = { dir, up, 0 };
	char procs[PATH_MAX];

	if (recursive)
		file_dir(dir, rm_sub, &r);
	if (r.failed)
		return -1;
	if (!rmdir(dir))
		return 0;
	/* processes still in it move up to the refuge, and once more */
	if (errno == EBUSY &&
	    str_join(procs, sizeof(procs), dir, "/cgroup.procs")) {
		dir[up] = 0;
		file_lines(procs, move_out, dir);
		dir[up] = '/';
		if (!rmdir(dir))
			return 0;
	}
	warn_(errno == ENOENT ? 0 : errno, "cannot remove ", dir,
	      errno == ENOENT ? no_group : errno == EBUSY ?
	      ": it has processes or subgroups" : "", (char *)0);
	return -1;
}

/* the group, then the parents cg_prepare made for it; st[0] is the
 * recursive flag, st[1] the status */
static int delete(struct cg_group *g, int h, char *dir, void *st_)
{
	int *st = st_, rec = st[0], made = g->made[h];
	size_t up;

	/* made counts the group itself when cg_prepare made it */
	do {
		up = strrchr(dir, '/') - dir;
		if (remove_group(dir, up, rec)) {
			st[1] = -1;
			break;
		}
		dir[up] = 0;
		rec = 0;
	} while (--made > 0);
	return 0;
}

int cg_delete(struct cg_group *g, int n, int recursive)
{
	int st[2] = { recursive, 0 };

	for (; n--; g++)
		if (*g->path) {
			cg_each(g, 1, delete, st);
		} else {
			/* the words remove_group's message begins with */
			warn("cannot remove ", "a root group");
			st[1] = -1;
		}
	return st[1];
}
