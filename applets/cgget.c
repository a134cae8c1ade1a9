/* cgget.c: print knobs of cgroups (libcgroup's output format) */
/* SPDX-License-Identifier: MIT */

//applet:cgget bin CGGET
//config:config CGGET
//config:	bool "cgget: print knobs of cgroups"
//config:	default y
//config:	select CORE_CGROUP
//config:	select CORE_CGKNOB
//config:	help
//config:	  Usage:
//config:	   cgget [options] <path>...
//config:	   cgget [-nv] -g <ctrls>:<path>...
//config:	   cgget -m
//config:
//config:	  Print knobs of cgroups, all by default.
//config:
//config:	  Options:
//config:	   -r, --variable <knob>     this knob, v1 or v2 name
//config:	   -g <ctrls>[:<path>]       knobs of these controllers
//config:	   -a, --all                 of every controller
//config:	   -n                        no group names
//config:	   -v, --values-only         no knob names
//config:	   -m                        the layout: legacy, unified, hybrid
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctbox.h"
#include "cgknob.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "opt.h"
#include "out.h"

enum { O_NOHEAD = 1, O_VALUES, O_ALL, O_VAR, O_GROUP, O_MODE };

#define OPTS(X) \
	X("", 'n', OPT_NONE, O_NOHEAD)            \
	X("values-only", 'v', OPT_NONE, O_VALUES) \
	X("all", 'a', OPT_NONE, O_ALL)            \
	X("variable", 'r', OPT_REQ, O_VAR)        \
	X("", 'g', OPT_REQ, O_GROUP)              \
	X("", 'm', OPT_NONE, O_MODE)
OPT_TABLE(opts, OPTS);

static const unsigned char conflicts[][2] = {
	{ O_VAR, O_GROUP }, { O_VAR, O_ALL }, { 0, 0 }
};

#define KNOBS_MAX 32
#define GROUPS_MAX 64

struct group {
	char *path;		/* as given */
	const char *ctrls;	/* of -g CONTROLLERS:PATH, else NULL */
};

struct cgget {
	int nk, ng, found;
	unsigned long long seen;	/* the options given */
	const char *ctrls;	/* of -g CONTROLLERS, as a comma list */
	/* the controller listed: its name (n bytes); the group's directory
	 * in the hierarchy h of that or of a knob named */
	const char *ctrl;
	size_t n;
	int h;
	const char *knob[KNOBS_MAX];
	unsigned char first[KNOBS_MAX];	/* of each knob, the index of the
					 * first knob of its controller */
	struct group grp[GROUPS_MAX];
	char dir[PATH_MAX];
	char val[16384];
};

/* "name: value", the lines of a value after the first indented by a tab,
 * empty ones left out */
static void print(struct cgget *c, const char *name)
{
	const char *s;

	if (!OPT_SEEN(c, O_VALUES)) {
		out_str(name);
		out_str(": ");
	}
	for (s = c->val; *s; s++)
		if (*s != '\n')
			out_char(*s);
		else if (s[1] && s[1] != '\n')
			out_str("\n\t");
	out_char('\n');
}

/* print knob name of the group at c->dir in hierarchy c->h; one that
 * cannot be read is an error if named, else (memory.force_empty) shown
 * empty */
static void value(struct cgget *c, const char *name, int named)
{
	if (cg_knob_get(c->dir, c->h, name, c->val, sizeof(c->val)) < 0) {
		if (named) {
			/* the message flushes what is printed */
			cg_knob_error(c->dir, name);
			exit(1);
		}
		c->val[0] = 0;
	}
	print(c, name);
}

static void knob(struct cgget *c, const char *path, const char *name)
{
	c->h = cg_knob_hier(name);
	cg_path_dir(c->dir, path, c->h);
	value(c, name, 1);
}

static int list_one(int dfd, const char *name, int type, void *ctx)
{
	struct cgget *c = ctx;

	if (type == DT_REG && !strncmp(name, c->ctrl, c->n) &&
	    name[c->n] == '.')
		value(c, name, 0);
	return 0;
}

/* every knob of each controller of the comma list, in the kernel's order */
static void controllers(struct cgget *c, char *path, const char *ctrls)
{
	for (; *ctrls; ctrls += c->n + !!ctrls[c->n]) {
		c->n = strchrnul(ctrls, ',') - ctrls;
		c->ctrl = ctrls;
		c->h = cg_ctrl_hier(ctrls, c->n);
		if (!file_dir(cg_path_dir(c->dir, path, c->h), list_one, c))
			c->found = 1;
	}
}

/* -a: the controllers of every v1 hierarchy (not the named ones), then the
 * ones of v2, in the order they are mounted */
static void all(struct cgget *c, char *path)
{
	int h;

	for (h = 0; h < cg_layout()->n; h++)
		controllers(c, path, cg_hier_ctrls(h));
}

static int show(struct cgget *c, char *path, const char *ctrls)
{
	int i, j;

	if (!OPT_SEEN(c, O_NOHEAD)) {
		out_str(path);
		out_str(":\n");
	}
	/* a group is found when a knob named or listed is read */
	c->found = c->nk;
	/* -r: the knobs of each controller together, controllers in the
	 * order of their first knob, as libcgroup prints them */
	if (c->nk) {
		for (i = 0; i < c->nk; i++)
			for (j = 0; j < c->nk; j++)
				if (c->first[j] == i)
					knob(c, path, c->knob[j]);
	} else if (ctrls && strcmp(ctrls, "*"))
		controllers(c, path, ctrls);
	else
		all(c, path);
	if (!OPT_SEEN(c, O_NOHEAD))
		out_char('\n');
	if (c->found)
		return 0;
	warn("no such group ", path);
	return 1;
}

static int mode(void)
{
	const struct cg_layout *l = cg_xlayout();

	out_str(l->v2 < 0 ? "Legacy Mode (Cgroup v1 only).\n" :
		l->n == 1 ? "Unified Mode (Cgroup v2 only).\n" :
		"Hybrid Mode (Cgroup v1/v2).\n");
	return out_close();
}

/* -r: a knob, with the first one of its controller */
static void add_knob(struct cgget *c, const char *knob)
{
	size_t n;
	int i;

	if (c->nk == KNOBS_MAX)
		die_usage("too many knobs");
	cg_knob_hier(knob);
	n = strchr(knob, '.') - knob + 1;
	c->knob[c->nk] = knob;
	for (i = 0; strncmp(c->knob[i], knob, n); i++)
		;
	c->first[c->nk++] = i;
}

static void parse(struct cgget *c, int argc, char **argv)
{
	struct optstate st;
	const char *arg, *ctrls;
	char *path;
	int id, ops = 0;

	opt_init(&st, &opts, argc, argv);
	/* options and paths may come in any order, as with getopt */
	while ((id = opt_next(&st, &arg)) || st.ind < argc) {
		ctrls = arg;	/* NULL for an operand */
		if (!id) {
			path = argv[st.ind++];
			ops++;
		} else if (id == O_GROUP) {
			/* CONTROLLERS:PATH, or CONTROLLERS for the paths */
			if (!(path = strchr(arg, ':')))
				c->ctrls = arg;
			else
				*path++ = 0;
			cg_ctrls_hiers(arg);
			if (!path)
				continue;
		} else {
			if (id == O_VAR)
				add_knob(c, arg);
			continue;
		}
		if (c->ng == GROUPS_MAX)
			die_usage("too many groups");
		c->grp[c->ng++] = (struct group){ path, ctrls };
	}
	opt_conflicts(&st, conflicts);
	if (OPT_SEEN(&st, O_MODE))
		exit(mode());
	if (ops && c->ng > ops)
		die_usage("give groups either with -g or as paths");
	if (!c->ng)
		die_usage("no group given");
	c->seen = st.seen;
}

/* see CT_COLD */
struct cgget cgget_state CT_COLD;

int cgget_main(int argc, char **argv)
{
	struct cgget *c = &cgget_state;
	struct group *g;
	int i, st = 0;

	CT_OPAQUE(c);
	parse(c, argc, argv);
	/* -g CONTROLLERS serves the paths */
	for (g = c->grp, i = c->ng; i--; g++)
		st |= show(c, g->path, g->ctrls ? g->ctrls : c->ctrls);
	return out_close() | st;
}
