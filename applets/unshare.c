/* unshare.c: run a program in new namespaces (util-linux compatible) */
/* SPDX-License-Identifier: MIT */

//applet:unshare bin UNSHARE
//config:config UNSHARE
//config:	bool "unshare: run a program in new namespaces"
//config:	default y
//config:	select CORE_NS
//config:	select CORE_IDMAP
//config:	select CORE_MNT
//config:	select CORE_CAPS
//config:	select CORE_PASSWD
//config:	help
//config:	  Usage:
//config:	   unshare [options] [<program> [<argument>...]]
//config:
//config:	  Run a program with some namespaces unshared from the parent.
//config:
//config:	  Options:
//config:	   -m, --mount[=<file>]      unshare mounts namespace
//config:	   -u, --uts[=<file>]        unshare UTS namespace (hostname etc)
//config:	   -i, --ipc[=<file>]        unshare System V IPC namespace
//config:	   -n, --net[=<file>]        unshare network namespace
//config:	   -p, --pid[=<file>]        unshare pid namespace
//config:	   -U, --user[=<file>]       unshare user namespace
//config:	   -C, --cgroup[=<file>]     unshare cgroup namespace
//config:	   -T, --time[=<file>]       unshare time namespace
//config:	                             a <file> keeps the namespace alive: it
//config:	                             is bind-mounted there (pid and time:
//config:	                             with --fork)
//config:
//config:	   -f, --fork                fork before launching <program>
//config:	   --kill-child[=<signame>]  when dying, kill the forked child
//config:	                             (implies --fork); default SIGKILL
//config:	   --forward-signals         forward every signal to the forked
//config:	                             child (implies --fork)
//config:	   --init                    run a minimal init as PID 1 of the new
//config:	                             pid namespace: it reaps orphans and
//config:	                             forwards signals (needs --pid)
//config:	   --mount-proc[=<dir>]      mount proc filesystem first
//config:	                             (implies --mount)
//config:	   --propagation slave|shared|private|unchanged
//config:	                             modify mount propagation in mount
//config:	                             namespace (default private)
//config:
//config:	   -r, --map-root-user       map current user to root (implies --user)
//config:	   -c, --map-current-user    map current user to itself
//config:	                             (implies --user)
//config:	   --map-user=<uid>|<name>   map current user to uid (implies --user)
//config:	   --map-group=<gid>|<name>  map current group to gid
//config:	                             (implies --user)
//config:	   --map-users=<inner>:<outer>:<count>|auto|subids|all
//config:	                             map count users from outer to inner
//config:	                             (implies --user)
//config:	   --map-groups=<inner>:<outer>:<count>|auto|subids|all
//config:	                             map count groups from outer to inner
//config:	                             (implies --user)
//config:	   --map-auto                map users and groups automatically
//config:	                             (implies --user)
//config:	   --map-subids              map the subordinate ids of the user
//config:	                             onto themselves (implies --user)
//config:	   --setgroups allow|deny    control the setgroups syscall in user
//config:	                             namespaces
//config:	   --keep-caps               retain capabilities granted in user
//config:	                             namespaces
//config:
//config:	   -R, --root=<dir>          run the command with root directory
//config:	                             set to <dir>
//config:	   -w, --wd=<dir>            change working directory to <dir>
//config:	   -S, --setuid <uid>        set uid in entered namespace
//config:	   -G, --setgid <gid>        set gid in entered namespace
//config:	   --monotonic <offset>      set clock monotonic offset (seconds)
//config:	                             in time namespaces
//config:	   --boottime <offset>       set clock boottime offset (seconds)
//config:	                             in time namespaces
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "ctbox.h"
#include "caps.h"
#include "file.h"
#include "idmap.h"
#include "mnt.h"
#include "msg.h"
#include "ns.h"
#include "opt.h"
#include "parse.h"
#include "passwd.h"
#include "proc.h"
#include "str.h"
#include "sys.h"

enum {
	O_NS = 1,	/* O_NS + NS_USER ... O_NS + NS_TIME */
	O_FORK = O_NS + NS_COUNT, O_KILL, O_FORWARD, O_INIT, O_PROC, O_PROP,
	O_ROOTMAP, O_CURMAP, O_MAPUSER, O_MAPGROUP, O_MAPUSERS, O_MAPGROUPS,
	O_MAPAUTO, O_MAPSUBIDS, O_SETGROUPS, O_KEEPCAPS, O_ROOT, O_WD,
	O_SETUID, O_SETGID, O_MONO, O_BOOT,
};

#define OPTS(X) \
	NS_OPTS(X, O_NS, OPT_OPT_LONG)                 \
	X("fork", 'f', OPT_NONE, O_FORK)               \
	X("kill-child", 0, OPT_OPT_LONG, O_KILL)       \
	X("forward-signals", 0, OPT_NONE, O_FORWARD)   \
	X("init", 0, OPT_NONE, O_INIT)                 \
	X("mount-proc", 0, OPT_OPT_LONG, O_PROC)       \
	X("propagation", 0, OPT_REQ, O_PROP)           \
	X("map-root-user", 'r', OPT_NONE, O_ROOTMAP)   \
	X("map-current-user", 'c', OPT_NONE, O_CURMAP) \
	X("map-user", 0, OPT_REQ, O_MAPUSER)           \
	X("map-group", 0, OPT_REQ, O_MAPGROUP)         \
	X("map-users", 0, OPT_REQ, O_MAPUSERS)         \
	X("map-groups", 0, OPT_REQ, O_MAPGROUPS)       \
	X("map-auto", 0, OPT_NONE, O_MAPAUTO)          \
	X("map-subids", 0, OPT_NONE, O_MAPSUBIDS)      \
	X("setgroups", 0, OPT_REQ, O_SETGROUPS)        \
	X("keep-caps", 0, OPT_NONE, O_KEEPCAPS)        \
	X("root", 'R', OPT_REQ, O_ROOT)                \
	X("wd", 'w', OPT_REQ, O_WD)                    \
	X("setuid", 'S', OPT_REQ, O_SETUID)            \
	X("setgid", 'G', OPT_REQ, O_SETGID)            \
	X("monotonic", 0, OPT_REQ, O_MONO)             \
	X("boottime", 0, OPT_REQ, O_BOOT)
OPT_TABLE(opts, OPTS);

/* block maps: INNER:OUTER:COUNT, or one of these words */
enum { BLOCK_NONE, BLOCK_AUTO, BLOCK_SUBIDS, BLOCK_ALL };

enum { SETGROUPS_UNSET, SETGROUPS_ALLOW, SETGROUPS_DENY };

struct unshare {
	int flags;			/* CLONE_NEW* */
	const char *persist[NS_COUNT];	/* FILE of --net=FILE and so on */
	int created[NS_COUNT];		/* what mnt_ns_target made */
	int fork, kill_sig, forward, init;
	const char *procdir;
	unsigned long propagation;
	int setgroups;
	int keep_caps;
	int map_uid, map_gid;		/* inner euid/egid, or -1 */
	unsigned euid, egid;		/* ours, before unshare */
	int uid_words, gid_words;	/* BLOCK_AUTO ... for users, groups */
	struct idmap users, groups;	/* explicit blocks */
	const char *root, *wd;
	int set_uid, set_gid;		/* -S, -G, or -1 */
	const char *mono, *boot;
	char **argv;
	pid_t helper;			/* maps and binds from outside */
	int go;				/* its pipe */
};

static int block_word(const char *s)
{
	if (!strcmp(s, "auto"))
		return BLOCK_AUTO;
	if (!strcmp(s, "subids"))
		return BLOCK_SUBIDS;
	if (!strcmp(s, "all"))
		return BLOCK_ALL;
	return BLOCK_NONE;
}

static void map_block(struct idmap *m, int *word, const char *arg)
{
	*word = block_word(arg);
	if (!*word && idmap_parse(m, arg))
		die_usage("invalid mapping '", arg, "': want "
			  "<inner>:<outer>:<count>, auto, subids or all");
}

static int setgroups_word(const char *s)
{
	if (!strcmp(s, "allow"))
		return SETGROUPS_ALLOW;
	if (!strcmp(s, "deny"))
		return SETGROUPS_DENY;
	die_usage("unsupported --setgroups argument '", s, "'");
}

/* a signed number of seconds for the time namespace offsets */
static void check_offset(const char *s, const char *what)
{
	xparse_u64(s + (*s == '-'), 10, 1ULL << 62, what);
}

static void parse_ns(struct unshare *u, int id, const char *arg)
{
	u->flags |= ns_kinds[id - O_NS].flag;
	if (arg)
		u->persist[id - O_NS] = arg;
}

static void parse_map(struct unshare *u, int id, const char *arg)
{
	switch (id) {
	case O_ROOTMAP:
		u->map_uid = u->map_gid = 0;
		break;
	case O_CURMAP:
		u->map_uid = u->euid;
		u->map_gid = u->egid;
		break;
	case O_MAPUSER:
		u->map_uid = pw_xuid(arg);
		break;
	case O_MAPGROUP:
		u->map_gid = gr_xgid(arg);
		break;
	case O_MAPUSERS:
		map_block(&u->users, &u->uid_words, arg);
		break;
	case O_MAPGROUPS:
		map_block(&u->groups, &u->gid_words, arg);
		break;
	case O_MAPAUTO:
		u->uid_words = u->gid_words = BLOCK_AUTO;
		break;
	case O_MAPSUBIDS:
		u->uid_words = u->gid_words = BLOCK_SUBIDS;
		break;
	}
	u->flags |= CLONE_NEWUSER;
}

static void parse_opt(struct unshare *u, int id, const char *arg)
{
	switch (id) {
	case O_FORK:
		u->fork = 1;
		break;
	case O_KILL:
		u->fork = 1;
		u->kill_sig = arg ? parse_signal(arg) : SIGKILL;
		if (u->kill_sig < 0)
			die_usage("unknown signal: ", arg);
		break;
	case O_FORWARD:
		u->fork = u->forward = 1;
		break;
	case O_INIT:
		u->fork = u->init = 1;
		break;
	case O_PROC:
		u->flags |= CLONE_NEWNS;
		u->procdir = arg ? arg : "/proc";
		break;
	case O_PROP:
		u->propagation = mnt_propagation(arg);
		break;
	case O_SETGROUPS:
		u->setgroups = setgroups_word(arg);
		break;
	case O_KEEPCAPS:
		u->keep_caps = 1;
		break;
	case O_ROOT:
		u->root = arg;
		break;
	case O_WD:
		u->wd = arg;
		break;
	case O_SETUID:
		u->set_uid = xparse_id(arg, "user ID");
		break;
	case O_SETGID:
		u->set_gid = xparse_id(arg, "group ID");
		break;
	case O_MONO:
		check_offset(arg, "monotonic offset");
		u->mono = arg;
		break;
	case O_BOOT:
		check_offset(arg, "boottime offset");
		u->boot = arg;
		break;
	default:
		parse_map(u, id, arg);
	}
}

static void check_args(struct unshare *u)
{
	if ((u->mono || u->boot) && !(u->flags & ns_kinds[NS_TIME].flag))
		die_usage("options --monotonic and --boottime require ",
			  "unsharing of a time namespace (-T)");
	if (u->init && !(u->flags & CLONE_NEWPID))
		die_usage("--init runs PID 1 of a new pid namespace: ",
			  "it needs --pid");
	if ((u->persist[NS_PID] || u->persist[NS_TIME]) && !u->fork)
		die_usage("a persistent pid or time namespace needs --fork");
	if (u->setgroups == SETGROUPS_ALLOW && u->map_gid >= 0)
		die_usage("options --setgroups=allow and --map-group ",
			  "(or -r, -c) are mutually exclusive");
	/* one mapped group and no privilege: the kernel wants setgroups off */
	if (u->map_gid >= 0 && !u->setgroups)
		u->setgroups = SETGROUPS_DENY;
}

static void parse(struct unshare *u, int argc, char **argv)
{
	struct optstate st;
	const char *arg;
	int id;

	memset(u, 0, sizeof(*u));
	u->euid = geteuid();
	u->egid = getegid();
	u->map_uid = u->map_gid = u->set_uid = u->set_gid = -1;
	u->propagation = mnt_propagation("private");
	opt_init(&st, &opts, argc, argv);
	while ((id = opt_next(&st, &arg)))
		if (id < O_FORK)
			parse_ns(u, id, arg);
		else
			parse_opt(u, id, arg);
	u->argv = argv + st.ind;
	check_args(u);
}

/* --- id maps --------------------------------------------------------- */

/* the words auto, subids and all, turned into ranges */
static void resolve_words(struct idmap *m, int word, const char *file,
			  const char *which)
{
	struct pw pw;
	unsigned uid = geteuid();
	const char *user = pw_byuid(uid, &pw) ? NULL : pw.name;
	char num[24];

	if (word == BLOCK_ALL && idmap_all(m, which))
		die_errno("cannot read /proc/self/", which);
	if ((word == BLOCK_AUTO || word == BLOCK_SUBIDS) &&
	    idmap_subid(m, file, user, uid, word == BLOCK_SUBIDS))
		die("no subordinate ids for ", user ? user : str_utoa(num, uid),
		    " in ", file);
}

/* with ranges to map, our own id goes with them, cut out of any range
 * that holds it; without, we write it ourselves (write_own_maps) */
static void build_maps(struct unshare *u)
{
	resolve_words(&u->users, u->uid_words, "/etc/subuid", "uid_map");
	resolve_words(&u->groups, u->gid_words, "/etc/subgid", "gid_map");
	if (!u->users.n && !u->groups.n)
		return;
	if (u->map_uid >= 0) {
		idmap_cut(&u->users, u->map_uid, u->euid);
		idmap_add(&u->users, u->map_uid, u->euid, 1);
	}
	if (u->map_gid >= 0) {
		idmap_cut(&u->groups, u->map_gid, u->egid);
		idmap_add(&u->groups, u->map_gid, u->egid, 1);
	}
}

static int has_blocks(const struct unshare *u)
{
	return u->users.n || u->groups.n;
}

static int write_block(pid_t pid, const char *which, const char *prog,
		       const struct idmap *m)
{
	if (!m->n)
		return 0;
	if (geteuid())
		return idmap_helper(pid, prog, m);
	if (!idmap_write(pid, which, m))
		return 0;
	warn_errno("cannot write ", which);
	return -1;
}

/* maps of ranges: written by a process that stays in the parent namespace,
 * directly as root, else through newuidmap and newgidmap */
static int write_blocks(const struct unshare *u, pid_t pid)
{
	if (write_block(pid, "uid_map", "newuidmap", &u->users))
		return -1;
	return write_block(pid, "gid_map", "newgidmap", &u->groups);
}

/* one id mapped onto our own: we may write it ourselves, from inside.
 * setgroups must be denied before gid_map is written (kernel 3.19+). */
static void write_own_maps(const struct unshare *u)
{
	struct idmap m = { 0 };

	if (u->setgroups &&
	    idmap_setgroups(0, u->setgroups == SETGROUPS_DENY ? "deny" :
			    "allow") && errno != ENOENT)
		die_errno("cannot write /proc/self/setgroups");
	if (has_blocks(u))
		return;
	if (u->map_uid >= 0) {
		idmap_add(&m, u->map_uid, u->euid, 1);
		if (idmap_write(0, "uid_map", &m))
			die_errno("cannot write /proc/self/uid_map");
	}
	if (u->map_gid >= 0) {
		m.n = 0;
		idmap_add(&m, u->map_gid, u->egid, 1);
		if (idmap_write(0, "gid_map", &m))
			die_errno("cannot write /proc/self/gid_map");
	}
}

/* --- persistence ------------------------------------------------------ */

static int any_persist(const struct unshare *u)
{
	int i;

	for (i = 0; i < NS_COUNT; i++)
		if (u->persist[i])
			return 1;
	return 0;
}

/* bind /proc/PID/ns/KIND of each new namespace on its file; all or none */
static int bind_all(const struct unshare *u, pid_t pid)
{
	char src[PROC_PATH_MAX], file[32];
	int i, j;

	for (i = 0; i < NS_COUNT; i++) {
		const struct ns_kind *k = &ns_kinds[i];

		if (!u->persist[i])
			continue;
		str_join(file, sizeof(file), "ns/",
			 k->child ? k->child : k->name);
		if (!mnt_bind_ns(str_procpath(src, pid, file), u->persist[i],
				 i == NS_MNT))
			continue;
		for (j = 0; j < i; j++)
			if (u->persist[j])
				mnt_unbind(u->persist[j]);
		return -1;
	}
	return 0;
}

static void make_targets(struct unshare *u)
{
	int i;

	if (access("/proc/self/ns", F_OK))
		die("persistent namespaces need /proc mounted");
	for (i = 0; i < NS_COUNT; i++)
		if (u->persist[i])
			u->created[i] = mnt_ns_target(u->persist[i]);
}

static void undo_targets(const struct unshare *u)
{
	int i;

	for (i = 0; i < NS_COUNT; i++)
		if (u->persist[i])
			mnt_ns_target_undo(u->persist[i], u->created[i]);
}

/* Binds must be made from the original mount namespace, and maps of
 * ranges by a process with privilege in the parent user namespace: both by
 * a helper forked before unshare(), which waits for us to say "go". */
static int need_helper(const struct unshare *u)
{
	return has_blocks(u) || (any_persist(u) &&
				 (u->flags & (CLONE_NEWNS | CLONE_NEWUSER)));
}

static void helper_start(struct unshare *u)
{
	pid_t parent = getpid(), pid;
	int p[2];
	char c;

	if (sys_pipe2(p, O_CLOEXEC))
		die_errno("pipe failed");
	pid = proc_fork();
	if (pid) {
		close(p[0]);
		u->helper = pid;
		u->go = p[1];
		return;
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		_exit(0);	/* unshare failed: the parent said it */
	if (write_blocks(u, parent) || bind_all(u, parent))
		_exit(1);
	_exit(0);
}

/* the maps and binds, by the helper or by ourselves: 0, or -1 with what
 * was made undone */
static int persist_finish(const struct unshare *u)
{
	int st;

	if (u->helper) {
		if (write(u->go, "", 1) != 1)
			die_errno("cannot wake the helper");
		close(u->go);
		st = proc_wait(u->helper, 0);
		if (WIFEXITED(st) && !WEXITSTATUS(st))
			return 0;
	} else if (!any_persist(u) || !bind_all(u, 0)) {
		return 0;
	}
	undo_targets(u);
	return -1;
}

/* is the program there? checked before anything is made that a failed
 * exec would leave behind */
static void check_program(const struct unshare *u)
{
	char path[PATH_MAX];

	if (u->argv[0] &&
	    !proc_which(u->root ? u->root : "", u->argv[0], path, sizeof(path)))
		die_status(127, ENOENT, "failed to execute ", u->argv[0]);
}

/* --- the new namespaces ---------------------------------------------- */

static void time_offsets(const struct unshare *u)
{
	char buf[96];

	if (!u->mono && !u->boot)
		return;
	/* only before any process has entered the time namespace */
	str_join(buf, sizeof(buf), u->mono ? "monotonic " : "",
		 u->mono ? u->mono : "", u->mono ? " 0\n" : "",
		 u->boot ? "boottime " : "", u->boot ? u->boot : "",
		 u->boot ? " 0\n" : "");
	if (file_write_str("/proc/self/timens_offsets", buf))
		die_errno("failed to write to /proc/self/timens_offsets");
}

static void do_unshare(struct unshare *u)
{
	if (any_persist(u)) {
		check_program(u);
		make_targets(u);
	}
	if (need_helper(u))
		helper_start(u);
	if (unshare(u->flags)) {
		int err = errno;

		undo_targets(u);
		die_err(err, "unshare failed");
	}
	if (u->flags & CLONE_NEWUSER)
		write_own_maps(u);
	time_offsets(u);
	/* pid_for_children names nothing until the first child exists:
	 * with --fork, the binds wait for the fork */
	if (!u->fork && persist_finish(u))
		exit(1);
}

/* --- in the namespaces: set up, then run ------------------------------- */

static void set_ids(const struct unshare *u)
{
	if (u->set_gid >= 0) {
		if (sys_setgroups(0, NULL) && u->setgroups != SETGROUPS_DENY)
			die_errno("setgroups failed");
		if (sys_setgid(u->set_gid))
			die_errno("setgid failed");
	}
	if (u->set_uid >= 0 && sys_setuid(u->set_uid))
		die_errno("setuid failed");
}

static void setup(const struct unshare *u)
{
	if (u->flags & CLONE_NEWNS)
		mnt_propagate(u->propagation);
	if (u->root && chroot(u->root))
		die_errno("cannot change root directory to ", u->root);
	if (u->wd ? chdir(u->wd) : u->root && chdir("/"))
		die_errno("cannot change directory to ", u->wd ? u->wd : "/");
	if (u->procdir)
		mnt_proc(u->procdir);
	set_ids(u);
	if (u->keep_caps && (u->flags & CLONE_NEWUSER))
		caps_permitted_to_ambient();
}

/* --kill-child: die with our parent; a pidfd tells whether it is already
 * gone (getppid() says 0 in a new pid namespace) */
static void kill_with_parent(int sig, int pidfd)
{
	struct pollfd p = { pidfd, POLLIN, 0 };

	if (prctl(PR_SET_PDEATHSIG, sig))
		die_errno("prctl PR_SET_PDEATHSIG failed");
	if (pidfd >= 0 && poll(&p, 1, 0) == 1)
		_exit(1);
}

/* with persistence, the child waits until its namespaces are bound: if
 * that fails, it is killed before it has run anything */
static void wait_for_parent(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		_exit(1);
	close(fd);
}

static void release_child(const struct unshare *u, pid_t pid, int fd)
{
	if (persist_finish(u)) {
		kill(pid, SIGKILL);
		proc_wait(pid, 0);
		exit(1);
	}
	if (write(fd, "", 1) != 1)
		die_errno("cannot release the child");
	close(fd);
}

static _Noreturn void run_forked(const struct unshare *u)
{
	int pidfd = u->kill_sig ? sys_pidfd_open(getpid(), 0) : -1;
	int sync[2] = { -1, -1 };
	int wait_binds = u->helper || any_persist(u);
	sigset_t old;
	pid_t pid;

	if (wait_binds && sys_pipe2(sync, O_CLOEXEC))
		die_errno("pipe failed");
	proc_block(u->forward ? PROC_BLOCK_ALL : 0, &old);
	pid = proc_fork();
	if (!pid) {
		proc_restore(&old);
		if (wait_binds) {
			close(sync[1]);
			wait_for_parent(sync[0]);
		}
		if (u->kill_sig)
			kill_with_parent(u->kill_sig, pidfd);
		if (pidfd >= 0)
			close(pidfd);
		setup(u);
		if (u->init)
			proc_init(u->argv);
		proc_exec(u->argv);
	}
	if (wait_binds) {
		close(sync[0]);
		release_child(u, pid, sync[1]);
	}
	proc_relay(u->forward ? proc_forward(pid) : proc_wait(pid, 0));
}

int unshare_main(int argc, char **argv)
{
	struct unshare u;

	parse(&u, argc, argv);
	build_maps(&u);
	do_unshare(&u);
	if (u.fork)
		run_forked(&u);
	setup(&u);
	proc_exec(u.argv);
}
