/* cgset.c: set knobs of cgroups, or copy them from another group */
/* SPDX-License-Identifier: MIT */

//applet:cgset bin CGSET
//config:config CGSET
//config:	bool "cgset: set knobs of cgroups"
//config:	default y
//config:	select CORE_CGROUP
//config:	select CORE_CGKNOB
//config:	help
//config:	  Usage:
//config:	   cgset -r <knob>=<val>... <path>...
//config:	   cgset --copy-from <path> <path>...
//config:
//config:	  Set knobs of cgroups, v1 or v2 names.
//config:
//config:	  Options:
//config:	   -r, --variable <knob>=<val>  set this knob
//config:	   --copy-from <path>        copy the knobs of this group
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "ctbox.h"
#include "cgknob.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "opt.h"
#include "str.h"

enum { O_VAR = 1, O_COPY };

#define OPTS(X) \
	X("variable", 'r', OPT_REQ, O_VAR) \
	X("copy-from", 0, OPT_REQ, O_COPY)
OPT_TABLE(opts, OPTS);

static const unsigned char conflicts[][2] = { { O_VAR, O_COPY }, { 0, 0 } };

/* --copy-from: the directories of the source and a target group in one
 * hierarchy */
struct copy {
	char src[PATH_MAX], dst[PATH_MAX];
	int pass, failed;
};

struct cgset {
	struct cg_knob k[CG_KNOBS_MAX];	/* for each path, each knob */
	int nk;
	struct copy cp;
};

/* a knob of one line, read into buf of 256: 0, or -1 */
static int one_line(const char *dir, const char *name, char *buf)
{
	return cg_get(dir, name, buf, 256) < 0 || strchr(buf, '\n') ? -1 : 0;
}

/* counters a write resets or the kernel refuses (cpuacct.usage,
 * memory.failcnt, pids.peak...) are no settings to copy */
static int counter(const char *name)
{
	for (; *name; name++)
		if (!strncmp(name, "usage", 5) || !strncmp(name, "failcnt", 7) ||
		    !strncmp(name, "peak", 4))
			return 1;
	return 0;
}

/*
 * A knob of one line is copied where it differs, unless the kernel does
 * not let us write it (EACCES: read-only). A write it refuses may depend
 * on another knob (v1's memory.limit_in_bytes must stay below
 * memory.memsw.limit_in_bytes): such knobs get a second pass.
 */
static int copy_one(int dfd, const char *name, int type, void *ctx)
{
	struct copy *c = ctx;
	char val[256], cur[256];

	if (type != DT_REG || !strchr(name, '.') ||
	    !strncmp(name, "cgroup.", 7) || counter(name) ||
	    one_line(c->src, name, val) ||
	    (!one_line(c->dst, name, cur) && !strcmp(cur, val)) ||
	    !cg_put(c->dst, name, val) || errno == EACCES)
		return 0;
	if (c->pass)
		warn_errno("cannot set ", name, " in ", c->dst);
	c->failed = 1;
	return 0;
}

/* a second pass for the knobs the first could not set: 0, or 1 */
static int copy_group(struct copy *cp)
{
	cp->pass = 0;
	do {
		cp->failed = 0;
		if (file_dir(cp->src, copy_one, cp) < 0) {
			warn_errno("cannot read ", cp->src);
			return 1;
		}
	} while (cp->failed && !cp->pass++);
	return cp->failed;
}

static int copy_from(struct copy *cp, char *src, char **paths, int np)
{
	int h, i, st = 0;

	for (h = 0; h < cg_xlayout()->n; h++) {
		if (access(cg_path_dir(cp->src, src, h), F_OK))
			continue;
		for (i = 0; i < np; i++) {
			cg_path_dir(cp->dst, paths[i], h);
			st |= copy_group(cp);
		}
	}
	return st;
}

/* see CT_COLD */
struct cgset cgset_state CT_COLD;

int cgset_main(int argc, char **argv)
{
	struct cgset *c = &cgset_state;
	struct optstate st;
	const char *arg, *src = NULL;
	char **paths;
	int id, i, n, np;

	opt_init(&st, &opts, argc, argv);
	while ((id = opt_next(&st, &arg))) {
		if (id == O_COPY)
			src = arg;
		else
			cg_knob_add(c->k, &c->nk, (char *)arg);
	}
	opt_conflicts(&st, conflicts);
	paths = argv + st.ind;
	np = argc - st.ind;
	if (!np || (!c->nk && !src))
		die_usage("nothing to set");
	if (src)
		return copy_from(&c->cp, (char *)src, paths, np);
	n = c->nk * np;
	if (n > CG_KNOBS_MAX)
		die_usage("too many knobs and groups");
	for (i = 0; i < n; i++) {
		c->k[i] = c->k[i % c->nk];
		c->k[i].path = paths[i / c->nk];
	}
	return -cg_knobs_set(c->k, n);
}
