/* cgroup.h: the cgroup layout (v1, v2, hybrid), groups, attaching processes */
/* SPDX-License-Identifier: MIT */
#ifndef CGROUP_H
#define CGROUP_H

#include <sys/types.h>

/*
 * A hierarchy is one cgroup file system: on v1 one per controller or group
 * of co-mounted controllers (or a named one, "name=systemd"), on v2 the
 * single unified one. Mounted twice, it is listed once, at the mount that
 * shows its root if there is one.
 */
#define CG_HIER_MAX 16

struct cg_hier {
	const char *mnt;	/* the mount point */
	const char *root;	/* the group mounted there: "/" but for a
				 * bind mount of a sub-group */
	const char *ctrls;	/* v1: the super block's options after "rw,":
				 * "cpu,cpuacct", "name=systemd"; v2: "" */
	int v2;
};

struct cg_layout {
	int n;
	int v2;			/* index of the v2 hierarchy, or -1 */
	struct cg_hier h[CG_HIER_MAX];
};

/* the hierarchies mounted in our mount namespace, from /proc/self/mountinfo
 * (read once); n is 0 when there is none (see cg_none) */
const struct cg_layout *cg_layout(void);

/* cg_layout, dying with cg_none's message when nothing is mounted */
const struct cg_layout *cg_xlayout(void);

/* warn that no cgroup file system is mounted, with what to mount */
void cg_none(void);

/* read dir/name (a knob), without its last newline, into buf: its length,
 * or -1 with errno */
int cg_get(const char *dir, const char *name, char *buf, size_t size);
/* write val to dir/name in one write: 0, or -1 with errno */
int cg_put(const char *dir, const char *name, const char *val);

/* the controllers the v2 hierarchy offers (its root's cgroup.controllers)
 * as a comma list; "" without v2 */
const char *cg_v2_ctrls(void);

/* the controllers of hierarchy h as a comma list: those v2 offers, a v1
 * one's own (then perhaps its mount options, which name no hierarchy's
 * knobs); "" if it has none (v1: a named one, "name=systemd") */
const char *cg_hier_ctrls(int h);

/* the hierarchy serving the controller named by the n bytes at ctrl: the v1
 * one that has it, else v2 if it offers it; -1 */
int cg_ctrl_hier(const char *ctrl, size_t n);

/* does path have a ".." component? */
int cg_dotdot(const char *path);

/* the directory of the group PATH of hierarchy h (relative to its root, a
 * leading "/" or not, as in /proc/PID/cgroup) in buf of PATH_MAX; NULL with
 * errno EINVAL for a "..", EXDEV when the group lies outside what is
 * mounted (a sub-group bind-mounted, a group outside our cgroup namespace),
 * ENAMETOOLONG */
char *cg_dir(char *buf, const struct cg_hier *h, const char *path);

/* move process pid (0: ourselves) into the group at directory dir, through
 * cgroup.procs (tasks on v1 kernels without it): 0, or -1 with a message
 * printed that explains the kernel's refusal */
int cg_attach(const char *dir, pid_t pid);

/*
 * Put pid (0: ourselves) into every cgroup process target is in: each line
 * of /proc/TARGET/cgroup, on each v1 hierarchy (named ones too) and on the
 * v2 one. A hierarchy absent from our mount namespace, or mounted at a
 * sub-path that does not hold the target's group, is skipped; the reasons
 * are printed only when nothing could be joined. Paths are those of our
 * mount namespace: call this before entering the target's. Returns 0, or -1
 * with a message printed.
 */
int cg_join_like(pid_t target, pid_t pid);

/*
 * A group as the applets take it: CONTROLLERS:PATH, where CONTROLLERS is a
 * comma list, "*" (every controller) or "" (the v2 hierarchy alone), and
 * PATH is relative to the root of each hierarchy.
 */
struct cg_group {
	const char *ctrls;	/* as given */
	const char *path;	/* without leading '/'; "" is the root */
	unsigned hiers;		/* bit i: the group lives in hierarchy i */
	unsigned char made[CG_HIER_MAX];	/* groups cg_prepare made: the
						 * last ones of the path */
};

/* the hierarchy serving a controller, as cg_ctrl_hier, or die naming it */
int cg_xctrl_hier(const char *ctrl);
/* the hierarchies of CONTROLLERS (a comma list, "*" or ""), or die naming
 * what is wrong */
unsigned cg_ctrls_hiers(const char *ctrls);

/* the options of st: each -g (the applet's id 1), and each operand too if
 * operands is set, is a group added to g (a zeroed array, of at most
 * CG_GROUPS_MAX), all before any is acted on; fn (if any) gets the other
 * ids, which without it the applet reads from st's bits. The number of
 * groups; dies without one, or naming what is wrong with one: no ':', an
 * unknown controller, a "..", too many groups. */
#define CG_GROUPS_MAX 64
struct optstate;
int cg_parse(struct optstate *st, struct cg_group *g, int operands,
	     void (*fn)(int id, const char *arg, void *ctx), void *ctx);

/* the directory of the group PATH in hierarchy h (a PATH alone names a
 * group in every hierarchy: cgset, cgget; a cg_group has its path), in buf
 * of PATH_MAX, or die */
char *cg_path_dir(char *buf, const char *path, int h);

/* call fn for each of the n groups g in each of its hierarchies h, with
 * the group's directory (which fn may change), until fn returns non-zero:
 * 0, or then 1 + the index of that group */
typedef int cg_each_fn(struct cg_group *g, int h, char *dir, void *ctx);
int cg_each(struct cg_group *g, int n, cg_each_fn *fn, void *ctx);

/* make the n groups g ready for processes and knobs in each of their
 * hierarchies: on v2 enable their controllers in the
 * cgroup.subtree_control of each group above, top-down, where they are not
 * yet; with create, also make the missing groups, parents first (an
 * existing group is fine). 0, or -1 with a message printed and nothing left
 * made. */
int cg_prepare(struct cg_group *g, int n, int create);
/* remove what cg_prepare made for the n groups g, deepest first */
void cg_undo(struct cg_group *g, int n);

/* move pid (0: ourselves) into the n groups g in each of their hierarchies:
 * 0, or -1 with a message printed. When a move fails and saved is a copy
 * of /proc/self/cgroup from before (it is changed), pid goes back to those
 * groups in the hierarchies it had left. */
int cg_enter(struct cg_group *g, int n, pid_t pid, char *saved);

/* remove the n groups g in each of their hierarchies (with their subgroups
 * if recursive), and the parents cg_prepare made for them; processes still
 * in a group move to its parent, as libcgroup does. 0, or -1 with a message
 * printed for each that failed. The groups' made counts stay: this is the
 * last use of g. */
int cg_delete(struct cg_group *g, int n, int recursive);

#endif
