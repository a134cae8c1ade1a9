/* nsenter.c: run a program in the namespaces of another process */
/* SPDX-License-Identifier: MIT */

//applet:nsenter bin NSENTER
//config:config NSENTER
//config:	bool "nsenter: run a program in namespaces of other processes"
//config:	default y
//config:	select CORE_NS
//config:	select CORE_CAPS
//config:	select CORE_CGROUP
//config:	help
//config:	  Usage:
//config:	   nsenter [options] [<program> [<argument>...]]
//config:
//config:	  Run a program with namespaces of other processes.
//config:
//config:	  Options:
//config:	   -a, --all                 enter all namespaces
//config:	   -t, --target <pid>        process to take namespaces from
//config:	   -m, --mount[=<file>]      enter mount namespace
//config:	   -u, --uts[=<file>]        enter UTS namespace (hostname etc)
//config:	   -i, --ipc[=<file>]        enter System V IPC namespace
//config:	   -n, --net[=<file>]        enter network namespace; a <name>
//config:	                             without / is one of ip netns
//config:	   -p, --pid[=<file>]        enter pid namespace
//config:	   -C, --cgroup[=<file>]     enter cgroup namespace
//config:	   -U, --user[=<file>]       enter user namespace
//config:	   -T, --time[=<file>]       enter time namespace
//config:	   -S, --setuid <uid>|follow set uid in entered namespace
//config:	   -G, --setgid <gid>|follow set gid in entered namespace
//config:	   --preserve-credentials    do not touch uids or gids
//config:	   --keep-caps               retain capabilities granted in user
//config:	                             namespaces
//config:	   -r, --root[=<dir>]        set the root directory
//config:	   -w, --wd[=<dir>]          set the working directory
//config:	   -W, --wdns <dir>          set the working directory, a path
//config:	                             in the namespaces
//config:	   -e, --env                 inherit environment variables from
//config:	                             target process
//config:	   -F, --no-fork             never fork, not even for -p
//config:	   -c, --join-cgroup         join the target's cgroups
//config:	                             (v2, v1 and hybrid layouts)
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/stat.h>

#include "ctbox.h"
#include "caps.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "ns.h"
#include "opt.h"
#include "parse.h"
#include "proc.h"
#include "str.h"
#include "sys.h"

enum {
	O_NS = 1,	/* O_NS + NS_USER ... O_NS + NS_TIME */
	O_ALL = O_NS + NS_COUNT, O_TARGET, O_SETUID, O_SETGID, O_PRESERVE,
	O_KEEPCAPS, O_ROOT, O_WD, O_WDNS, O_ENV, O_NOFORK, O_CGROUP,
};

#define OPTS(X) \
	NS_OPTS(X, O_NS, OPT_OPT)                          \
	X("all", 'a', OPT_NONE, O_ALL)                     \
	X("target", 't', OPT_REQ, O_TARGET)                \
	X("setuid", 'S', OPT_REQ, O_SETUID)                \
	X("setgid", 'G', OPT_REQ, O_SETGID)                \
	X("preserve-credentials", 0, OPT_NONE, O_PRESERVE) \
	X("keep-caps", 0, OPT_NONE, O_KEEPCAPS)            \
	X("root", 'r', OPT_OPT, O_ROOT)                    \
	X("wd", 'w', OPT_OPT, O_WD)                        \
	X("wdns", 'W', OPT_REQ, O_WDNS)                    \
	X("env", 'e', OPT_NONE, O_ENV)                     \
	X("no-fork", 'F', OPT_NONE, O_NOFORK)              \
	X("join-cgroup", 'c', OPT_NONE, O_CGROUP)
OPT_TABLE(opts, OPTS);

static const unsigned char conflicts[][2] = {
	{ O_WD, O_WDNS },
	{ 0, 0 }
};

/* -S and -G: leave the id alone, set a number, or take the target's */
enum { ID_KEEP, ID_SET, ID_FOLLOW };

struct nsenter {
	pid_t pid;			/* --target, or 0 */
	unsigned want;			/* bit k: enter ns_kinds[k] */
	unsigned guessed;		/* kinds -a took, not asking /proc */
	const char *file[NS_COUNT];	/* its FILE, or NULL: the target's */
	int fd[NS_COUNT];		/* the namespaces, open (two-pass) */
	int pidfd;			/* the target (setns all at once) */
	unsigned long long needs;	/* bit id: that option needs -t */
	int all, fork, env, cgroup, keep_caps, preserve;
	int uid_how, gid_how;		/* ID_KEEP ... */
	unsigned uid, gid;
	int groups_dropped;		/* setgroups() worked before setns */
	const char *root, *wd, *wdns;	/* DIR of -r, -w, -W */
	int root_target, wd_target;	/* -r, -w without DIR */
	int root_fd, wd_fd, ids_fd;
	char **envp;			/* -e */
	char **argv;
	char netns[PATH_MAX];		/* --net=NAME, in /run/netns */
};

/* --- parse ------------------------------------------------------------ */

/* returns whether the option takes the target's id */
static int parse_id_opt(int *how, unsigned *id, const char *arg,
			const char *what)
{
	if (!strcmp(arg, "follow")) {
		*how = ID_FOLLOW;
		return 1;
	}
	*how = ID_SET;
	*id = xparse_id(arg, what);
	return 0;
}

/* -t 0 is no target, as in util-linux */
static void parse_target(struct nsenter *n, const char *arg)
{
	if (n->pid)
		die_usage("option --target may be given only once");
	n->pid = xparse_u64(arg, 10, INT_MAX, "process ID");
}

/* -r and -w without DIR: the target's */
static int parse_dir(const char *arg, const char **dir, int *target)
{
	*dir = arg;
	return *target = !arg;
}

/* the options with an argument; returns whether the option needs the
 * target (the others are read from the parser's seen bits) */
static int parse_opt(struct nsenter *n, int id, const char *arg)
{
	switch (id) {
	case O_TARGET:
		parse_target(n, arg);
		break;
	case O_SETUID:
		return parse_id_opt(&n->uid_how, &n->uid, arg, "user ID");
	case O_SETGID:
		return parse_id_opt(&n->gid_how, &n->gid, arg, "group ID");
	case O_ROOT:
		return parse_dir(arg, &n->root, &n->root_target);
	case O_WD:
		return parse_dir(arg, &n->wd, &n->wd_target);
	case O_WDNS:
		n->wdns = arg;
		break;
	}
	return 0;
}

/* the flags, and those of them that need the target */
#define BIT(id) (1ULL << (id))
#define NEED_TARGET (BIT(O_ALL) | BIT(O_ENV) | BIT(O_CGROUP))

static void parse_flags(struct nsenter *n, const struct optstate *st)
{
	n->all = OPT_SEEN(st, O_ALL);
	n->env = OPT_SEEN(st, O_ENV);
	n->cgroup = OPT_SEEN(st, O_CGROUP);
	n->preserve = OPT_SEEN(st, O_PRESERVE);
	n->keep_caps = OPT_SEEN(st, O_KEEPCAPS);
	/* unless -F: when entering a pid namespace */
	n->fork = !OPT_SEEN(st, O_NOFORK);
	n->needs |= st->seen & NEED_TARGET;
}

static void check_args(const struct nsenter *n, const struct optstate *st)
{
	char name[OPT_NAME_MAX];
	int i;

	opt_conflicts(st, conflicts);
	if (!n->want && !n->all)
		die("no namespace specified");
	for (i = 1; i < 64 && !n->pid; i++)
		if (n->needs >> i & 1)
			die("no target PID specified for ",
			    opt_name(st, i, name));
}

static void parse(struct nsenter *n, int argc, char **argv)
{
	struct optstate st;
	const char *arg;
	int id, i;

	memset(n, 0, sizeof(*n));
	n->pidfd = n->root_fd = n->wd_fd = n->ids_fd = -1;
	for (i = 0; i < NS_COUNT; i++)
		n->fd[i] = -1;
	opt_init(&st, &opts, argc, argv);
	while ((id = opt_next(&st, &arg))) {
		int need = !arg;	/* a namespace without FILE */

		if (id >= O_ALL) {
			need = parse_opt(n, id, arg);
		} else {
			n->want |= 1U << (id - O_NS);
			n->file[id - O_NS] = arg;
		}
		/* the last one counts: -n -n=FILE needs no target */
		n->needs &= ~BIT(id);
		n->needs |= (unsigned long long)need << id;
	}
	n->argv = argv + st.ind;
	parse_flags(n, &st);
	check_args(n, &st);
}

/* --- prepare: open everything while the paths mean what they say ------- */

/*
 * --all: every kind the kernel has, but the user namespace when it is ours
 * already (setns refuses to enter the caller's own). With guess, the kinds
 * but the user one are taken without asking /proc whether the kernel has
 * them: one setns(pidfd) will tell (drop_missing), and asking costs a
 * lookup each. The user namespace decides which ids to set: asked always.
 */
static void add_all(struct nsenter *n, int guess)
{
	int i;

	for (i = 0; i < NS_COUNT; i++) {
		const struct ns_kind *k = &ns_kinds[i];

		if (n->want >> i & 1)
			continue;
		if (i == NS_USER ? !ns_supported(k) ||
		    ns_is_own(n->pid, k) == 1 : !guess && !ns_supported(k))
			continue;
		n->want |= 1U << i;
		if (i != NS_USER && guess)
			n->guessed |= 1U << i;
	}
}

/* the kinds guessed that the kernel does not have */
static void drop_missing(struct nsenter *n)
{
	int i;

	for (i = 0; i < NS_COUNT; i++)
		if ((n->guessed >> i & 1) && !ns_supported(&ns_kinds[i]))
			n->want &= ~(1U << i);
	n->guessed = 0;
}

static int open_kind(struct nsenter *n, int i)
{
	const char *f = n->file[i];

	if (!f)
		return ns_open_pid(n->pid, &ns_kinds[i]);
	if (i == NS_NET) {
		f = ns_netns_path(f, n->netns, sizeof(n->netns));
		if (!f)
			die_err(ENOENT, "cannot open network namespace ",
				n->file[i]);
	}
	return ns_open_file(f, &ns_kinds[i]);
}

/* the namespaces as files, for the two-pass order */
static void open_all(struct nsenter *n)
{
	int i;

	for (i = 0; i < NS_COUNT; i++)
		if (n->want >> i & 1)
			n->fd[i] = open_kind(n, i);
}

/* one setns(pidfd) can enter the target's namespaces (Linux 5.8), not
 * namespace files; CTBOX_NSENTER_NO_PIDFD=1 forces the files (a test knob) */
static int pidfd_usable(const struct nsenter *n)
{
	const char *knob = getenv("CTBOX_NSENTER_NO_PIDFD");
	int i;

	if (!n->pid || (knob && *knob))
		return 0;
	for (i = 0; i < NS_COUNT; i++)
		if (n->file[i])
			return 0;
	return 1;
}

static _Noreturn void no_process(pid_t pid)
{
	char num[24];

	die("no process ", str_utoa(num, pid));
}

static void open_target(struct nsenter *n)
{
	if (pidfd_usable(n)) {
		n->pidfd = sys_pidfd_open(n->pid, 0);
		if (n->pidfd < 0 && errno == ESRCH)
			no_process(n->pid);
	} else if (n->pid && kill(n->pid, 0) && errno == ESRCH) {
		no_process(n->pid);
	}
	if (n->all)
		add_all(n, n->pidfd >= 0);
	if (n->pidfd < 0)
		open_all(n);
}

static int open_dir(pid_t pid, int target, const char *dir, const char *what)
{
	char path[PROC_PATH_MAX];
	int fd;

	if (target)
		dir = str_procpath(path, pid, what);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		die_errno("cannot open ", dir);
	return fd;
}

/* a private anonymous mapping: memory is used only as it is touched */
static void *map(size_t size)
{
	void *p = sys_mmap_anon(size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);

	if (p == MAP_FAILED)
		die_errno("cannot map memory");
	return p;
}

/* the kernel caps what execve takes at 3/4 of an 8 MB stack limit; each
 * string takes at least 2 bytes, its pointer follows the strings */
#define ENV_MAX (6UL << 20)
#define ENV_MAP (ENV_MAX + sizeof(char *) + (ENV_MAX / 2 + 1) * sizeof(char *))

/* -e: the environment the target was started with, NUL-separated in
 * /proc/PID/environ, as an envp for execve */
static char **target_env(pid_t pid)
{
	char path[PROC_PATH_MAX], *buf = map(ENV_MAP), *p;
	char **envp = (char **)(buf + ENV_MAX + sizeof(char *)), **e = envp;
	ssize_t len = file_read(str_procpath(path, pid, "environ"), buf,
				ENV_MAX + 1);

	if (len < 0)
		die_errno("cannot read ", path);
	if (len == ENV_MAX)
		die("cannot read ", path, ": too large");
	for (p = buf; p < buf + len; p += strlen(p) + 1)
		if (*p)
			*e++ = p;
	*e = NULL;
	return envp;
}

/* uid and gid to set: entering a user namespace sets them, to the
 * target's unless -S/-G say otherwise (util-linux 2.38 sets 0), except
 * with --preserve-credentials */
static void choose_ids(struct nsenter *n)
{
	char path[PROC_PATH_MAX];

	if ((n->want >> NS_USER & 1) && !n->preserve) {
		if (!n->uid_how)
			n->uid_how = n->pid ? ID_FOLLOW : ID_SET;
		if (!n->gid_how)
			n->gid_how = n->pid ? ID_FOLLOW : ID_SET;
	}
	/* /proc/PID is owned by the target's ids; stat'ed once inside the
	 * user namespace, it shows them as that namespace maps them */
	if (n->uid_how == ID_FOLLOW || n->gid_how == ID_FOLLOW) {
		n->ids_fd = open(str_procpath(path, n->pid, ""),
				 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (n->ids_fd < 0)
			die_errno("cannot open ", path);
	}
}

static void prepare(struct nsenter *n)
{
	open_target(n);
	if (n->root || n->root_target)
		n->root_fd = open_dir(n->pid, n->root_target, n->root, "root");
	if (n->wd || n->wd_target)
		n->wd_fd = open_dir(n->pid, n->wd_target, n->wd, "cwd");
	if (n->env)
		n->envp = target_env(n->pid);
	choose_ids(n);
	/* the target's cgroups are paths of our mount namespace: join them
	 * now, the program (forked or not) stays in them */
	if (n->cgroup && cg_join_like(n->pid, 0))
		exit(1);
}

/* --- enter ------------------------------------------------------------ */

static unsigned want_flags(const struct nsenter *n)
{
	unsigned flags = 0;
	int i;

	for (i = 0; i < NS_COUNT; i++)
		if (n->want >> i & 1)
			flags |= ns_kinds[i].flag;
	return flags;
}

static _Noreturn void enter_failed(const struct nsenter *n, int i, int err)
{
	char path[PROC_PATH_MAX];
	const char *f = n->file[i];

	if (!f) {
		f = ns_procpath(path, n->pid, &ns_kinds[i]);
	} else if (i == NS_NET) {
		f = n->netns;
	}
	die_err(err, "cannot enter ", ns_kinds[i].name, " namespace ", f);
}

/*
 * setns(pidfd) enters them all at once, or none: the kernel checks each
 * against the credentials the new user namespace (if any) gives, so no
 * order matters. When it refuses (a kernel before 5.8, a kind it lacks, a
 * namespace we may not enter), nothing has changed: the files, in two
 * passes, may still do, or say which namespace failed and why.
 */
static void enter(struct nsenter *n)
{
	int failed;

	/* a user namespace may forbid setgroups inside: try it here too */
	if (n->gid_how)
		n->groups_dropped = !sys_setgroups(0, NULL);
	if (n->pidfd >= 0) {
		if (!setns(n->pidfd, want_flags(n)))
			return;
		if (n->guessed) {
			drop_missing(n);
			if (!setns(n->pidfd, want_flags(n)))
				return;
		}
		open_all(n);
	}
	if (ns_enter_fds(n->fd, &failed))
		enter_failed(n, failed, errno);
}

/* --- settle: root, working directory, environment -------------------- */

static void change_root(const struct nsenter *n)
{
	char path[PROC_PATH_MAX];
	const char *root = n->root;

	if (!root)
		root = str_procpath(path, n->pid, "root");
	if (sys_fchdir(n->root_fd) || chroot("."))
		die_errno("cannot change root directory to ", root);
	if (chdir("/"))
		die_errno("cannot change directory to /");
}

/* the order is util-linux's: a root without a working directory keeps
 * the one we have after setns (a mount namespace moves it to its root) */
static void settle(struct nsenter *n)
{
	struct statx st;

	if (n->root_fd >= 0 && n->wd_fd < 0 && !n->wdns) {
		n->wd_fd = open(".", O_RDONLY | O_CLOEXEC);
		if (n->wd_fd < 0)
			die_errno("cannot open the working directory");
	}
	if (n->root_fd >= 0)
		change_root(n);
	if (n->wdns && chdir(n->wdns))
		die_errno("cannot change directory to ", n->wdns);
	if (n->wd_fd >= 0 && sys_fchdir(n->wd_fd))
		die_errno("cannot change directory to ",
			  n->wd ? n->wd : "the working directory");
	if (n->envp)
		environ = n->envp;
	if (n->ids_fd < 0)
		return;
	if (sys_statx(n->ids_fd, "", AT_EMPTY_PATH, STATX_UID | STATX_GID, &st))
		die_errno("cannot stat the target process");
	if (n->uid_how == ID_FOLLOW)
		n->uid = st.stx_uid;
	if (n->gid_how == ID_FOLLOW)
		n->gid = st.stx_gid;
}

/* --- run ---------------------------------------------------------------- */

static void set_ids(const struct nsenter *n)
{
	if (n->gid_how) {
		if (sys_setgroups(0, NULL) && !n->groups_dropped)
			die_errno("setgroups failed");
		if (sys_setgid(n->gid))
			die_errno("setgid failed");
	}
	if (n->uid_how && sys_setuid(n->uid))
		die_errno("setuid failed");
	if (n->keep_caps && (n->want >> NS_USER & 1))
		caps_permitted_to_ambient();
}

int nsenter_main(int argc, char **argv)
{
	struct nsenter n;
	pid_t pid;

	parse(&n, argc, argv);
	prepare(&n);
	enter(&n);
	settle(&n);
	/* only a child lands in the pid namespace entered */
	if (n.fork && (n.want >> NS_PID & 1)) {
		pid = proc_fork();
		if (pid)
			proc_relay(proc_wait(pid, PROC_STOPS));
	}
	set_ids(&n);
	proc_exec(n.argv);
}
