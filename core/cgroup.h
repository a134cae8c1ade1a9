/* cgroup.h: the cgroup layout (v1, v2, hybrid), paths, attaching processes */
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
	const char *ctrls;	/* v1: "cpu,cpuacct", "name=systemd"; v2: "" */
	const char *dev;	/* "0:28": the super block, one per hierarchy */
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

/* warn that no cgroup file system is mounted, with what to mount */
void cg_none(void);

/* the index of the v1 hierarchy with exactly these controllers (a comma
 * list, in any order, as /proc/PID/cgroup names them), of the v2 one for "",
 * or -1 */
int cg_hier_by_ctrls(const char *ctrls);

/* does path have a ".." component? */
int cg_dotdot(const char *path);

/* the directory of the group PATH (absolute in hierarchy h, as in
 * /proc/PID/cgroup) in buf of PATH_MAX; NULL with errno EXDEV when the group
 * lies outside what is mounted (a sub-group bind-mounted, a group outside
 * our cgroup namespace), ENAMETOOLONG */
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

#endif
