/* cgdelete.c: remove cgroups */
/* SPDX-License-Identifier: MIT */

//applet:cgdelete bin CGDELETE
//config:config CGDELETE
//config:	bool "cgdelete: remove cgroups"
//config:	default y
//config:	select CORE_CGROUP
//config:	help
//config:	  Usage:
//config:	   cgdelete [-r] [[-g] <ctrls>:<path>]...
//config:
//config:	  Remove cgroups, moving their processes up.
//config:
//config:	  Options:
//config:	   -r, --recursive           remove subgroups too
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <stddef.h>

#include "ctbox.h"
#include "cgroup.h"
#include "msg.h"
#include "opt.h"

enum { O_GROUP = 1, O_REC };

#define OPTS(X) \
	X("", 'g', OPT_REQ, O_GROUP)         \
	X("recursive", 'r', OPT_NONE, O_REC)
OPT_TABLE(opts, OPTS);

/* see CT_COLD */
struct cg_group cgdelete_groups[CG_GROUPS_MAX] CT_COLD;

int cgdelete_main(int argc, char **argv)
{
	struct optstate st;
	struct cg_group *g = cgdelete_groups;
	int n;

	opt_init(&st, &opts, argc, argv);
	/* operands are groups too; parse them all before removing any */
	n = cg_parse(&st, g, 1, NULL, NULL);
	return -cg_delete(g, n, OPT_SEEN(&st, O_REC));
}
