/* cgexec.c: run a program in given cgroups (libcgroup compatible) */
/* SPDX-License-Identifier: MIT */

//applet:cgexec bin CGEXEC
//config:config CGEXEC
//config:	bool "cgexec: run a program in given cgroups"
//config:	default y
//config:	select CORE_CGROUP
//config:	select CORE_CGKNOB
//config:	help
//config:	  Usage:
//config:	   cgexec [options] -g <ctrls>:<path>... <program> [<arg>...]
//config:
//config:	  Run a program in cgroups.
//config:
//config:	  Options:
//config:	   -g <ctrls>:<path>         group; <ctrls>: a,b or '*', or none for v2
//config:	   -l, --limit <knob>=<val>  set a knob first, v1 or v2 name
//config:	   --create                  create missing groups
//config:	   --wait                    fork, wait, tell how it ended
//config:	   --rm                      with --wait, remove the groups
//config:	   --sticky                  no effect
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "ctbox.h"
#include "cgknob.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "opt.h"
#include "parse.h"
#include "proc.h"
#include "str.h"
#include "sys.h"

enum { O_GROUP = 1, O_STICKY, O_CREATE, O_LIMIT, O_WAIT, O_RM };

#define OPTS(X) \
	X("", 'g', OPT_REQ, O_GROUP)       \
	X("sticky", 0, OPT_NONE, O_STICKY) \
	X("create", 0, OPT_NONE, O_CREATE) \
	X("limit", 'l', OPT_REQ, O_LIMIT)  \
	X("wait", 0, OPT_NONE, O_WAIT)     \
	X("rm", 0, OPT_NONE, O_RM)
OPT_TABLE(opts, OPTS);

struct cgexec {
	int ng, nl;
	unsigned long long seen;	/* the options given */
	char **argv;
	struct cg_group g[CG_GROUPS_MAX];
	struct cg_knob lim[CG_KNOBS_MAX];
};

/* --- parse: every group and knob is checked before anything is made ---- */

/* KNOB=VALUE goes to the group that has the knob's controller, wherever
 * -l stands among the -g */
static void place_limit(struct cgexec *c, struct cg_knob *l)
{
	int i;

	for (i = 0; i < c->ng && !(c->g[i].hiers >> l->h & 1); i++)
		;
	if (i == c->ng)
		die_usage("no group has the controller of ", l->knob);
	l->path = c->g[i].path;
}

static void limit(int id, const char *arg, void *ctx)
{
	struct cgexec *c = ctx;

	if (id == O_LIMIT)
		cg_knob_add(c->lim, &c->nl, (char *)arg);
}

static void parse(struct cgexec *c, int argc, char **argv)
{
	struct optstate st;
	int id;

	opt_init(&st, &opts, argc, argv);
	c->ng = cg_parse(&st, c->g, 0, limit, c);
	c->seen = st.seen;
	if (OPT_SEEN(&st, O_RM) && !OPT_SEEN(&st, O_WAIT))
		die_usage("--rm needs --wait");
	for (id = 0; id < c->nl; id++)
		place_limit(c, &c->lim[id]);
	if (!argv[st.ind])
		die_usage("no program given");
	c->argv = argv + st.ind;
}

/* --- prepare the groups and knobs; undone on failure ------------------- */

static int prepare(struct cgexec *c)
{
	if (cg_prepare(c->g, c->ng, OPT_SEEN(c, O_CREATE)))
		return -1;
	if (cg_knobs_set(c->lim, c->nl)) {
		cg_undo(c->g, c->ng);
		return -1;
	}
	return 0;
}

/* --- --wait: the program's end, its memory peak and OOM kills ---------- */

struct memwatch {
	char dir[PATH_MAX];
	int h, v2;		/* the memory hierarchy (or -1), its version */
	unsigned long long ooms;
};

/* run_wait's (see CT_COLD): at a fixed address, not on the stack, the
 * code that reaches it is shorter */
struct memwatch cgexec_mem CT_COLD;

/* oom_kill of memory.events (v2) or memory.oom_control (v1) */
static unsigned long long oom_kills(const struct memwatch *m)
{
	char buf[512], *p = buf;
	unsigned long long n = 0;

	if (cg_get(m->dir, m->v2 ? "memory.events" :
		   "memory.oom_control", buf, sizeof(buf)) < 0)
		return 0;
	for (; strncmp(p, "oom_kill ", 9); p++)
		if (!(p = strchr(p, '\n')))
			return 0;
	for (p += 9; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + *p - '0';
	return n;
}

static void watch(struct cgexec *c, struct memwatch *m)
{
	int i, h = cg_ctrl_hier("memory", 6);

	m->h = -1;
	for (i = 0; h >= 0 && i < c->ng; i++)
		if (c->g[i].hiers >> h & 1) {
			m->h = h;
			m->v2 = cg_layout()->h[h].v2;
			cg_path_dir(m->dir, c->g[i].path, h);
			m->ooms = oom_kills(m);
			return;
		}
}

/* a number of bytes, 4194304, as "4M", 1572864 as "1.5M" (a tenth cut,
 * not rounded), rewritten in place in buf (of 24 or more); anything else
 * is left as it is */
static const char *human(char *buf)
{
	unsigned long long v, unit = 1;
	char *p;
	int i = 0, tenth;

	if (parse_u64(buf, 10, ~0ULL, &v))
		return buf;
	for (; i < 4 && v / unit >> 10; i++)
		unit <<= 10;
	p = strchr(str_utoa(buf, v / unit), 0);
	tenth = v % unit * 10 / unit;
	/* ".N", kept only when N is not 0 */
	p[0] = '.';
	p[1] = '0' + tenth;
	p += tenth ? 2 : 0;
	p[0] = "\0KMGT"[i];
	p[1] = 0;
	return buf;
}

/* " (memory peak 3.9M, 2 OOM kills)": what the memory knob says, and
 * the OOM kills if any; "" without a memory group. The text lasts until
 * the next call: a static buffer is smaller code than one passed in. */
static const char *notes(const struct memwatch *m, const char *what,
			 const char *knob, unsigned long long ooms)
{
	static char buf[128];
	char val[32], num[24];

	if (m->h < 0 || cg_knob_get(m->dir, m->h, knob, val, sizeof(val)) < 0)
		return "";
	/* without OOM kills, the NULL ends the list after ")" */
	return str_join(buf, 128, " (memory ", what, human(val),
			ooms ? ", " : ")", ooms ? str_utoa(num, ooms) : NULL,
			" OOM kills)");
}

/* how the program ended: killed by the OOM killer (when the group's limit
 * can be read), by a signal, or its exit status */
static void report(const struct memwatch *m, int st)
{
	unsigned long long ooms = m->h < 0 ? 0 : oom_kills(m) - m->ooms;
	int sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	const char *how = "exited with status ", *what, *note = "";
	char num[24];

	if (!sig) {
		what = str_utoa(num, WEXITSTATUS(st));
	} else {
		how = "killed by signal ";
		what = signal_name(sig);
		if (!what)
			what = str_utoa(num, sig);
	}
	if (sig == SIGKILL && ooms)
		note = notes(m, "limit ", "memory.max", 0);
	if (*note) {
		how = "killed by the OOM killer";
		what = "";
	} else {
		note = notes(m, "peak ", m->v2 ? "memory.peak" :
			     "memory.max_usage_in_bytes", ooms);
	}
	warn("program ", how, what, note);
}

/*
 * The child waits on a pipe until we have moved it into every group, so
 * that not one instruction of the program runs outside them; if we cannot,
 * it sees the pipe close and leaves quietly, and we return. We return too
 * when there is no child (a pids limit), or no longer one to start (killed
 * before the go-ahead), for the groups to be undone.
 */
static void run_wait(struct cgexec *c)
{
	struct memwatch *m = &cgexec_mem;
	sigset_t old;
	int p[2], fail, st;
	pid_t pid;
	char go;

	watch(c, m);
	if (sys_pipe2(p, O_CLOEXEC)) {
		warn_errno("cannot start the program");
		return;
	}
	proc_block(0, &old);
	pid = proc_try_fork();
	if (pid < 0) {
		warn_errno("fork failed");
		return;
	}
	if (!pid) {
		proc_restore(&old);
		close(p[1]);
		if (read(p[0], &go, 1) != 1)
			_exit(1);
		proc_exec(c->argv);
	}
	close(p[0]);
	fail = cg_enter(c->g, c->ng, pid, NULL);
	/* the child is gone already (killed): EPIPE, SIGPIPE being blocked */
	if (!fail && write(p[1], "g", 1) != 1) {
		warn_errno("cannot start the program");
		fail = 1;
	}
	close(p[1]);
	if (fail) {
		proc_wait(pid, 0);
		return;
	}
	st = proc_wait(pid, 0);
	report(m, st);
	if (OPT_SEEN(c, O_RM))
		cg_delete(c->g, c->ng, 0);
	proc_relay(st);
}

/* see CT_COLD */
struct cgexec cgexec_state CT_COLD;

int cgexec_main(int argc, char **argv)
{
	struct cgexec *c = &cgexec_state;
	char saved[4096];

	CT_OPAQUE(c);
	parse(c, argc, argv);
	if (prepare(c))
		return 1;
	/* without --wait we move ourselves, then exec. Groups we made must be
	 * left empty to be removed: remember where we are, to come back if
	 * moving into a later group fails. */
	if (OPT_SEEN(c, O_WAIT))
		run_wait(c);
	else if (!cg_enter(c->g, c->ng, 0, OPT_SEEN(c, O_CREATE) &&
			   file_read("/proc/self/cgroup", saved,
				     sizeof(saved)) >= 0 ? saved : NULL))
		proc_exec(c->argv);
	/* back here only if the program could not be moved into every group */
	cg_undo(c->g, c->ng);
	return 1;
}
