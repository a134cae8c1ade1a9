/* cgcreate.c: create cgroups, with their owners and modes */
/* SPDX-License-Identifier: MIT */

//applet:cgcreate bin CGCREATE
//config:config CGCREATE
//config:	bool "cgcreate: create cgroups"
//config:	default y
//config:	select CORE_CGROUP
//config:	select CORE_PASSWD
//config:	help
//config:	  Usage:
//config:	   cgcreate [options] -g <ctrls>:<path>...
//config:
//config:	  Create cgroups and their parents.
//config:
//config:	  Options:
//config:	   -g <ctrls>:<path>         group; <ctrls>: a,b or '*', or none for v2
//config:	   -t <uid>:<gid>            owner of the files taking pids
//config:	   -a <uid>:<gid>            owner of the rest
//config:	   -s, --tperm <mode>        mode of the files taking pids
//config:	   -f, --fperm <mode>        mode of the rest
//config:	   -d, --dperm <mode>        mode of the directory (octal)
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ctbox.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "opt.h"
#include "parse.h"
#include "passwd.h"
#include "str.h"

/* in the order of struct cgcreate's owners */
enum { O_GROUP = 1, O_TASKS, O_ADMIN, O_TPERM, O_FPERM, O_DPERM };

#define OPTS(X) \
	X("", 'g', OPT_REQ, O_GROUP)      \
	X("", 't', OPT_REQ, O_TASKS)      \
	X("", 'a', OPT_REQ, O_ADMIN)      \
	X("dperm", 'd', OPT_REQ, O_DPERM) \
	X("fperm", 'f', OPT_REQ, O_FPERM) \
	X("tperm", 's', OPT_REQ, O_TPERM)
OPT_TABLE(opts, OPTS);

#define UNSET ((unsigned)-1)

struct owner {
	unsigned uid, gid, mode;	/* UNSET: left as they are */
};

/* own: [0] the files that take pids, [1] the other files, [2] the group */
struct cgcreate {
	struct owner own[3];
	struct cg_group g[CG_GROUPS_MAX];
};

/* UID:GID, each a number or a name, either may be left out */
static void ids(struct owner *o, char *s)
{
	char *gid = strchrnul(s, ':');

	if (*gid)
		*gid++ = 0;
	if (*s)
		o->uid = pw_xuid(s);
	if (*gid)
		o->gid = gr_xgid(gid);
}

static int task_file(const char *name)
{
	return str_in_list("cgroup.procs,tasks,cgroup.threads", name,
			   strlen(name));
}

/* the owner and mode of name in fd: 0, or -1 with a message */
static int fix(const struct owner *o, int fd, const char *name)
{
	/* the system calls: musl's fchmodat carries a fallback for
	 * AT_SYMLINK_NOFOLLOW we do not need, and fchownat nothing more */
	if (((o->uid != UNSET || o->gid != UNSET) &&
	     syscall(SYS_fchownat, fd, name, o->uid, o->gid,
		     AT_SYMLINK_NOFOLLOW)) ||
	    (o->mode != UNSET && syscall(SYS_fchmodat, fd, name, o->mode))) {
		warn_errno("cannot set the owner or mode of ", name);
		return -1;
	}
	return 0;
}

static int fix_file(int dfd, const char *name, int type, void *ctx)
{
	struct cgcreate *c = ctx;

	if (type != DT_REG)
		return 0;
	return fix(&c->own[!task_file(name)], dfd, name);
}

/* the owners and modes of a group in hierarchy h */
static int fix_group(struct cg_group *g, int h, char *dir, void *ctx)
{
	struct cgcreate *c = ctx;

	if (fix(&c->own[2], AT_FDCWD, dir))
		return -1;
	return file_dir(dir, fix_file, c);
}

static unsigned mode(const char *s)
{
	return xparse_u64(s, 8, 07777, "mode");
}

static void option(int id, const char *arg, void *ctx)
{
	struct cgcreate *c = ctx;

	if (id >= O_TPERM)
		c->own[id - O_TPERM].mode = mode(arg);
	else
		ids(&c->own[id - O_TASKS], (char *)arg);
}

/* the number of groups */
static int parse(struct cgcreate *c, int argc, char **argv)
{
	struct optstate st;
	int n;

	memset(c->own, 0xff, sizeof(c->own));
	opt_init(&st, &opts, argc, argv);
	n = cg_parse(&st, c->g, 1, option, c);
	/* -a owns the group too */
	c->own[2].uid = c->own[1].uid;
	c->own[2].gid = c->own[1].gid;
	return n;
}

/* see CT_COLD */
struct cgcreate cgcreate_state CT_COLD;

int cgcreate_main(int argc, char **argv)
{
	struct cgcreate *c = &cgcreate_state;
	int n;

	CT_OPAQUE(c);
	n = parse(c, argc, argv);

	if (cg_prepare(c->g, n, 1))
		return 1;
	if (cg_each(c->g, n, fix_group, c)) {
		/* all of them, or none */
		cg_undo(c->g, n);
		return 1;
	}
	return 0;
}
