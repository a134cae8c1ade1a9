/* cgclassify.c: move running processes into given cgroups */
/* SPDX-License-Identifier: MIT */

//applet:cgclassify bin CGCLASSIFY
//config:config CGCLASSIFY
//config:	bool "cgclassify: move running processes into given cgroups"
//config:	default y
//config:	select CORE_CGROUP
//config:	help
//config:	  Usage:
//config:	   cgclassify -g <ctrls>:<path>... <pid>...
//config:
//config:	  Move processes into cgroups.
//config:
//config:	  Options:
//config:	   -g <ctrls>:<path>         group; <ctrls>: a,b or '*', or none for v2
//config:	   --sticky, --cancel-sticky no effect
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>

#include "ctbox.h"
#include "cgroup.h"
#include "msg.h"
#include "opt.h"
#include "parse.h"

enum { O_GROUP = 1, O_STICKY, O_CANCEL };

#define OPTS(X) \
	X("", 'g', OPT_REQ, O_GROUP)              \
	X("sticky", 0, OPT_NONE, O_STICKY)        \
	X("cancel-sticky", 0, OPT_NONE, O_CANCEL)
OPT_TABLE(opts, OPTS);

static const unsigned char conflicts[][2] = {
	{ O_STICKY, O_CANCEL }, { 0, 0 }
};

static pid_t pid_arg(const char *s)
{
	pid_t pid = xparse_u64(s, 10, INT_MAX, "process id");

	if (!pid || (kill(pid, 0) && errno == ESRCH))
		die("no such process ", s);
	return pid;
}

/* see CT_COLD */
struct cg_group cgclassify_groups[CG_GROUPS_MAX] CT_COLD;

int cgclassify_main(int argc, char **argv)
{
	struct optstate st;
	struct cg_group *g = cgclassify_groups;
	int n, k, status = 0;

	opt_init(&st, &opts, argc, argv);
	n = cg_parse(&st, g, 0, NULL, NULL);
	opt_conflicts(&st, conflicts);
	if (st.ind == argc)
		die_usage("no process given");
	/* every process must exist before any is moved */
	for (k = st.ind; k < argc; k++)
		pid_arg(argv[k]);
	if (cg_prepare(g, n, 0))
		return 1;
	for (k = st.ind; k < argc; k++)
		status |= cg_enter(g, n, pid_arg(argv[k]), NULL);
	return -status;
}
