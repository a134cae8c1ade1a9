/* capsh.c: capabilities, securebits, ids and seccomp, then a shell (libcap) */
/* SPDX-License-Identifier: MIT */

//applet:capsh sbin CAPSH
//config:config CAPSH
//config:	bool "capsh: capability shell wrapper"
//config:	default y
//config:	select CORE_CAPS
//config:	select CORE_CAPTEXT
//config:	select CORE_PASSWD
//config:	help
//config:	  Usage:
//config:	   capsh [options] [-- <shell arg>... | == <capsh arg>...
//config:	          | --exec <program> [<arg>...]]
//config:
//config:	  Change capabilities and ids, left to right, then run the shell
//config:	  (/bin/sh), capsh again, or a program. As libcap's capsh.
//config:
//config:	  Options (<caps>: cap_name,... or all):
//config:	   --print, --current        show the capability state
//config:	   --caps=<text>             set caps as cap_from_text(3)
//config:	   --drop=<caps>             drop from the bounding set
//config:	   --inh=<caps>|none         set the inheritable set
//config:	   --addamb=, --delamb=<caps>, --noamb   change the ambient set
//config:	   --iab=<text>              set the IAB tuple (!cap ^cap %cap)
//config:	   --strict                  toggle the CAP_SETPCAP fixups
//config:	   --keep=0|1, --secbits=<n>, --no-new-privs
//config:	   --mode[=<mode>], --modes, --inmode=<mode>   libcap modes
//config:	   --uid=, --gid=, --groups=<id>,..., --chroot=<dir>
//config:	   --user=<name>, --cap-uid=<uid>   keeping permitted caps
//config:	   --noenv                   --user sets no HOME and USER
//config:	   --shell=<path>            the shell of --
//config:	   --is-uid=, --is-gid=<id>, --has-p=, --has-i=, --has-a=,
//config:	   --has-b=, --supports=<cap>, --has-ambient, --has-no-new-privs
//config:	                             fail (status 1) unless true
//config:	   --decode=<hex>, --explain=<cap>   name, explain
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version
//config:
//config:config SECCOMP
//config:	bool "capsh: seccomp filters (libseccomp)"
//config:	default y
//config:	depends on CAPSH
//config:	select CORE_SECCOMP
//config:	select CORE_HEAP
//config:	help
//config:	  The --seccomp options of capsh, built with libseccomp (about
//config:	  100 KB). Without it they fail with a message.
//config:
//config:	   --seccomp-deny=, --seccomp-allow=<syscall>,...
//config:	   --seccomp-action=errno[:<n>]|kill|kill-process|trap|log
//config:	   --seccomp=<file>          "default ACTION" and
//config:	                             "ACTION SYSCALL [argN OP VALUE]..."
//config:	   --seccomp-export=<file>   write the BPF program
//config:	                             (loaded last, before the exec)

#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include <linux/securebits.h>

#include "ctbox.h"
#include "capexplain.h"
#include "caps.h"
#include "captext.h"
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "parse.h"
#include "passwd.h"
#include "proc.h"
#include "seccomp.h"
#include "str.h"
#include "sys.h"

/* in groups, each a run of numbers for one switch of act() */
enum {
	O_PRINT = 1, O_CURRENT, O_MODE, O_MODES, O_INMODE, O_DECODE,
	O_EXPLAIN,
	O_CAPS, O_DROP, O_INH, O_ADDAMB, O_DELAMB, O_NOAMB, O_IAB, O_STRICT,
	O_KEEP, O_SECBITS, O_NNP,
	O_UID, O_GID, O_GROUPS, O_USER, O_NOENV, O_CAPUID, O_CHROOT, O_SHELL,
	O_ISUID, O_ISGID,
	O_HASP, O_HASI, O_HASA, O_HASB, O_HASAMB, O_HASNNP, O_SUPPORTS,
	O_QUIET,
	O_SC_DENY, O_SC_ALLOW, O_SC_ACTION, O_SC_FILE, O_SC_EXPORT, O_EXEC,
};

#define OPTS(X) \
	X("print", 0, OPT_NONE, O_PRINT)             \
	X("current", 0, OPT_NONE, O_CURRENT)         \
	X("caps", 0, OPT_REQ, O_CAPS)                \
	X("drop", 0, OPT_REQ, O_DROP)                \
	X("inh", 0, OPT_REQ, O_INH)                  \
	X("addamb", 0, OPT_REQ, O_ADDAMB)            \
	X("delamb", 0, OPT_REQ, O_DELAMB)            \
	X("noamb", 0, OPT_NONE, O_NOAMB)             \
	X("iab", 0, OPT_REQ, O_IAB)                  \
	X("strict", 0, OPT_NONE, O_STRICT)           \
	X("keep", 0, OPT_REQ, O_KEEP)                \
	X("secbits", 0, OPT_REQ, O_SECBITS)          \
	X("mode", 0, OPT_OPT, O_MODE)                \
	X("modes", 0, OPT_NONE, O_MODES)             \
	X("inmode", 0, OPT_REQ, O_INMODE)            \
	X("no-new-privs", 0, OPT_NONE, O_NNP)        \
	X("uid", 0, OPT_REQ, O_UID)                  \
	X("gid", 0, OPT_REQ, O_GID)                  \
	X("groups", 0, OPT_REQ, O_GROUPS)            \
	X("user", 0, OPT_REQ, O_USER)                \
	X("noenv", 0, OPT_NONE, O_NOENV)             \
	X("cap-uid", 0, OPT_REQ, O_CAPUID)           \
	X("chroot", 0, OPT_REQ, O_CHROOT)            \
	X("shell", 0, OPT_REQ, O_SHELL)              \
	X("quiet", 0, OPT_NONE, O_QUIET)             \
	X("is-uid", 0, OPT_REQ, O_ISUID)             \
	X("is-gid", 0, OPT_REQ, O_ISGID)             \
	X("has-p", 0, OPT_REQ, O_HASP)               \
	X("has-i", 0, OPT_REQ, O_HASI)               \
	X("has-a", 0, OPT_REQ, O_HASA)               \
	X("has-b", 0, OPT_REQ, O_HASB)               \
	X("has-ambient", 0, OPT_NONE, O_HASAMB)      \
	X("has-no-new-privs", 0, OPT_NONE, O_HASNNP) \
	X("supports", 0, OPT_REQ, O_SUPPORTS)        \
	X("decode", 0, OPT_REQ, O_DECODE)            \
	X("explain", 0, OPT_REQ, O_EXPLAIN)          \
	X("seccomp-deny", 0, OPT_REQ, O_SC_DENY)     \
	X("seccomp-allow", 0, OPT_REQ, O_SC_ALLOW)   \
	X("seccomp-action", 0, OPT_REQ, O_SC_ACTION) \
	X("seccomp", 0, OPT_REQ, O_SC_FILE)          \
	X("seccomp-export", 0, OPT_REQ, O_SC_EXPORT) \
	X("exec", 0, OPT_NONE, O_EXEC)
OPT_TABLE(opts, OPTS);

struct capsh {
	int strict;		/* --strict: no CAP_SETPCAP fixups */
	int noenv;
	int seccomp;		/* a --seccomp option was given */
	const char *shell;
};

/* libcap's modes, in the order of their numbers (UNCERTAIN is 0) */
static const char modes[][12] = {
	"UNCERTAIN", "NOPRIV", "PURE1E_INIT", "PURE1E", "HYBRID"
};
enum { M_UNCERTAIN, M_NOPRIV, M_PURE1E_INIT, M_PURE1E, M_HYBRID };

#define SECURED_BASIC (SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | \
		       SECBIT_NO_SETUID_FIXUP | \
		       SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED)
#define SECURED_AMBIENT (SECURED_BASIC | SECBIT_NO_CAP_AMBIENT_RAISE | \
			 SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED)

/* the number of capabilities the kernel knows (caps_last() asks once) */
#define CMB (caps_last() + 1)

/* --- reading the state ---------------------------------------------- */

static void xcaps_get(struct caps *c)
{
	if (caps_get(c))
		die_errno("cannot read the capabilities");
}

static int secbits(void)
{
	return prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
}

static int has_ambient(void)
{
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 0, 0, 0) >= 0;
}

/* libcap's guess: HYBRID is no securebits at all; the others lock them
 * and differ in what capabilities are left */
static int mode_get(void)
{
	int sb = secbits();
	struct caps c;

	if (!sb)
		return M_HYBRID;
	if ((sb & SECURED_BASIC) != SECURED_BASIC || caps_ambient() ||
	    (has_ambient() && sb != SECURED_AMBIENT))
		return M_UNCERTAIN;
	xcaps_get(&c);
	if (c.inh)
		return M_PURE1E;
	if (c.prm || c.eff || caps_bound())
		return M_PURE1E_INIT;
	return M_NOPRIV;
}

/* --- --print --------------------------------------------------------- */

static void out_set(const char *what, uint64_t set)
{
	out_str(what);
	cap_out_list(set);
	out_char('\n');
}

static void print_caps(int cmb)
{
	struct caps c;

	xcaps_get(&c);
	out_str("Current: ");
	captext_out(&c, cmb);
	out_char('\n');
}

static void print_iab(int cmb)
{
	struct iab v;

	caps_iab_get(&v);
	out_str("Current IAB: ");
	iab_out(&v, cmb);
	out_char('\n');
}

/* the securebits by number, each followed by its lock; the kernel 6.14
 * bits, which libcap 2.66 does not name, are shown only when one of them
 * or its lock is set, so that the output stays libcap's otherwise */
static const char secbit_names[][22] = {
	"noroot", "no-suid-fixup", "keep-caps", "no-ambient-raise",
	"exec-restrict-file", "exec-deny-interactive"
};

static void out_bit(int sb, int i)
{
	out_str(" secure-");
	out_str(secbit_names[i]);
	out_str(sb & 1 << 2 * i ? ": yes (" : ": no (");
	out_str(sb & 2 << 2 * i ? "locked)\n" : "unlocked)\n");
}

static void print_secbits(void)
{
	int sb = secbits(), i;
	char len[8];

	if (sb < 0) {
		out_str("[Securebits ABI not supported]\n");
		return;
	}
	out_str("Securebits: 0");
	out_base(sb, 8, 0);
	out_str("/0x");
	out_base(sb, 16, 0);
	out_char('/');
	out_str(str_utoa(len, 32 - (sb ? __builtin_clz(sb) : 31)));
	out_str("'b");
	out_base(sb, 2, 0);
	out_str(" (no-new-privs=");
	out_num(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	out_str(")\n");
	for (i = 0; i < 4 || (i < 6 && sb & 0xf00); i++)
		if (i != 3 || has_ambient())
			out_bit(sb, i);
}

static void out_id(unsigned id, int group)
{
	struct pw pw;

	out_num(id);
	out_char('(');
	if (group ? gr_byname_name(id, pw.name, sizeof(pw.name)) :
	    pw_byuid(id, &pw))
		out_str("???");
	else
		out_str(pw.name);
	out_char(')');
}

static void print_ids(void)
{
	unsigned groups[256];
	int n, i;

	out_str("uid=");
	out_id(getuid(), 0);
	out_str(" euid=");
	out_id(geteuid(), 0);
	out_str("\ngid=");
	out_id(getgid(), 1);
	out_str("\ngroups=");
	n = getgroups(ARRAY_SIZE(groups), (gid_t *)groups);
	for (i = 0; i < n; i++) {
		if (i)
			out_char(',');
		out_id(groups[i], 1);
	}
	out_char('\n');
}

static void print_state(const struct capsh *s)
{
	int m;

	print_caps(CMB);
	out_set("Bounding set =", caps_bound());
	out_set("Ambient set =", caps_ambient());
	print_iab(CMB);
	print_secbits();
	print_ids();
	m = mode_get();
	out_str("Guessed mode: ");
	out_str(modes[m]);
	out_str(" (");
	out_num(m);
	out_str(")\n");
}

/* --- capability names and lists ---------------------------------------- */

static int xcap(const char *s)
{
	int n = cap_parse(s);

	if (n < 0)
		die("unknown capability '", s, "'");
	return n;
}

/* NAME,NAME,... or all; empty items are skipped, as strtok does */
static uint64_t cap_list(const char *s)
{
	char name[CAP_NAME_MAX];
	uint64_t set = 0;

	if (!strcmp(s, "all"))
		return caps_all();
	while (str_item(&s, ',', name, sizeof(name)))
		set |= CAP_BIT(xcap(name));
	return set;
}

/* --- changing capabilities -------------------------------------------- */

/* Unless --strict, CAP_SETPCAP goes into the effective set first when it
 * is permitted: the kernel wants it there to widen the inheritable set
 * and to drop from the bounding set. c gets the state to restore; 1 if it
 * needs restoring. */
static int fixup(const struct capsh *s, struct caps *c)
{
	xcaps_get(c);
	return !s->strict && !(c->eff & CAP_BIT(CAP_SETPCAP)) &&
		!caps_raise(c, CAP_SETPCAP);
}

static void set_caps(const struct capsh *s, const char *text)
{
	struct caps c, old;

	if (captext_parse(text, &c, CMB))
		die("invalid capability text '", text, "'");
	fixup(s, &old);
	if (caps_set(&c))
		die_errno("cannot set capabilities '", text, "'");
}

static void set_inh(const struct capsh *s, const char *list)
{
	struct caps c;
	uint64_t inh = strcmp(list, "none") ? cap_list(list) : 0;

	fixup(s, &c);
	c.inh = inh;
	if (caps_set(&c))
		die_errno("cannot set the inheritable set to '", list, "'");
}

static void drop(const struct capsh *s, const char *list)
{
	uint64_t set = cap_list(list);
	struct caps c;
	int n, err, raised = fixup(s, &c);

	for (n = 0; n < 64; n++)
		if ((set & CAP_BIT(n)) && caps_bound_drop(n))
			break;
	err = errno;
	if (raised)
		caps_set(&c);
	if (n < 64)
		die_err(err, "cannot drop ", cap_name(n),
			" from the bounding set");
}

static void ambient(const char *list, int on)
{
	uint64_t set = cap_list(list);
	int n;

	for (n = 0; n < 64; n++)
		if ((set & CAP_BIT(n)) && caps_ambient_set(n, on))
			die_errno("cannot ", on ? "raise" : "lower", " ",
				  cap_name(n), " in the ambient set",
				  on ? " (it must be permitted and inheritable)"
				  : "");
}

static void set_iab(const char *text)
{
	struct iab v;

	if (iab_parse(text, &v))
		die("invalid IAB text '", text, "'");
	if (caps_iab_set(&v))
		die_errno("cannot set the IAB tuple '", text, "'");
}

/* what libcap's cap_set_mode does: lock the securebits, clear ambient,
 * and for the stricter modes the inheritable, bounding and permitted
 * sets; the effective set ends empty */
static int mode_apply(int m)
{
	struct caps c;
	int sb = has_ambient() ? SECURED_AMBIENT : SECURED_BASIC, n;

	xcaps_get(&c);
	if (caps_raise(&c, CAP_SETPCAP))
		return -1;
	if (m == M_HYBRID)
		sb = 0;
	else if (caps_ambient_clear() && has_ambient())
		return -1;
	if (m == M_NOPRIV || m == M_PURE1E_INIT)
		c.inh = 0;
	if (prctl(PR_SET_SECUREBITS, sb, 0, 0, 0))
		return -1;
	if (m == M_NOPRIV) {
		for (n = caps_last(); n >= 0; n--)
			caps_bound_drop(n);
		c.prm = 0;
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	}
	c.eff = 0;
	return caps_set(&c);
}

static void set_mode(const char *name)
{
	int m;

	for (m = M_NOPRIV; m <= M_HYBRID && strcmp(name, modes[m]); m++)
		;
	if (m > M_HYBRID)
		die("unsupported mode: ", name);
	if (mode_apply(m))
		die_errno("failed to set mode ", name);
}

static void mode_opt(const char *arg)
{
	int m;

	if (arg) {
		set_mode(arg);
		return;
	}
	m = mode_get();
	out_str("Mode: ");
	out_str(modes[m]);
	out_char('\n');
}

static void list_modes(void)
{
	int m;

	out_str("Supported modes:");
	for (m = M_NOPRIV; m <= M_HYBRID; m++) {
		out_char(' ');
		out_str(modes[m]);
	}
	out_char('\n');
}

static void in_mode(const char *want)
{
	const char *got = modes[mode_get()];

	if (strcmp(got, want))
		die("mismatched mode got=", got, " want=", want);
}

/* --- uids, gids, groups, environment ----------------------------------- */

/* as libcap's cap_setuid: keep-caps for the change, so the permitted set
 * stays; the effective set ends empty */
static void setuid_keep(unsigned uid)
{
	struct caps c;
	char num[24];
	int ret, err;

	xcaps_get(&c);
	caps_raise(&c, CAP_SETUID);
	prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
	ret = sys_setuid(uid);
	err = errno;
	prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	c.eff = 0;
	caps_set(&c);
	if (ret)
		die_err(err, "cannot set uid to ", str_utoa(num, uid));
}

/* as libcap's cap_setgroups: CAP_SETGID raised for the change */
static void setgroups_keep(unsigned gid, const unsigned *gids, int n)
{
	struct caps c;
	char num[24];
	int ret, err;

	xcaps_get(&c);
	caps_raise(&c, CAP_SETGID);
	ret = sys_setgid(gid) ? -1 : sys_setgroups(n, gids);
	err = errno;
	c.eff = 0;
	caps_set(&c);
	if (ret)
		die_err(err, "cannot set gid and groups to ",
			str_utoa(num, gid));
}

/* --user replaces HOME and USER where they are set, and adds neither, as
 * libcap 2.66 does */
static void env_user(const char *home, const char *user)
{
	extern char **environ;
	static char h[sizeof(((struct pw *)0)->dir) + 8];
	static char u[sizeof(((struct pw *)0)->name) + 8];
	char **e;

	str_join(h, sizeof(h), "HOME=", home);
	str_join(u, sizeof(u), "USER=", user);
	for (e = environ; *e; e++)
		if (!strncmp(*e, "HOME=", 5) || !strncmp(*e, "USER=", 5))
			*e = **e == 'H' ? h : u;
}

static void set_user(const struct capsh *s, const char *name)
{
	unsigned gids[256];
	struct pw pw;
	int n;

	if (pw_byname(name, &pw))
		die("unknown user '", name, "'");
	n = gr_member_of(pw.name, pw.gid, gids, ARRAY_SIZE(gids));
	setgroups_keep(pw.gid, gids, n);
	setuid_keep(pw.uid);
	if (!s->noenv)
		env_user(pw.dir, pw.name);
}

static void set_groups(const char *list)
{
	unsigned gids[256];
	const char *s = list;
	char name[256];
	int n = 0;

	while (str_item(&s, ',', name, sizeof(name))) {
		if (n == ARRAY_SIZE(gids))
			die("too many groups: '", list, "'");
		gids[n++] = gr_xgid(name);
	}
	if (sys_setgroups(n, gids))
		die_errno("cannot set groups to '", list, "'");
}

static void set_id(int id, const char *arg)
{
	unsigned v = id == O_GID ? gr_xgid(arg) : pw_xuid(arg);

	if (id == O_CAPUID)
		setuid_keep(v);
	else if (id == O_UID ? sys_setuid(v) : sys_setgid(v))
		die_errno("cannot set ", id == O_UID ? "uid" : "gid", " to ",
			  arg);
}

static void is_id(int id, const char *arg)
{
	unsigned want = id == O_ISUID ? pw_xuid(arg) : gr_xgid(arg);
	unsigned got = id == O_ISUID ? getuid() : getgid();
	char a[24], b[24];

	if (got != want)
		die(id == O_ISUID ? "uid" : "gid", ": got=", str_utoa(a, got),
		    ", want=", str_utoa(b, want));
}

/* CAP_SYS_CHROOT is raised for the call, as libcap does */
static void do_chroot(const char *dir)
{
	struct caps c;
	int ret, err;

	xcaps_get(&c);
	caps_raise(&c, CAP_SYS_CHROOT);
	ret = chroot(dir);
	err = errno;
	caps_set(&c);
	if (ret || chdir("/"))
		die_err(ret ? err : errno, "cannot change root directory to ",
			dir);
}

/* --- questions --------------------------------------------------------- */

static void has_cap(int id, const char *arg)
{
	int n = xcap(arg);
	const char *what;
	struct caps c;
	uint64_t set;

	xcaps_get(&c);
	switch (id) {
	case O_HASP:
		set = c.prm, what = " not permitted";
		break;
	case O_HASI:
		set = c.inh, what = " not inheritable";
		break;
	case O_HASA:
		set = caps_ambient(), what = " not in the ambient set";
		break;
	case O_HASB:
		set = caps_bound(), what = " not in the bounding set";
		break;
	default:
		set = caps_all(), what = " not supported by the kernel";
	}
	if (!(set & CAP_BIT(n)))
		die(cap_name(n), what);
}

static void decode(const char *arg)
{
	unsigned long long v;

	v = xparse_u64(arg + 2 * !str_ncasecmp(arg, "0x", 2), 16, ~0ULL,
		       "hex value");
	out_str("0x");
	out_hex(v, 16);
	out_set("=", v);
}

/* one line per capability, in our own words; scripts/gen-lztext.sh
 * compresses them into capexplain.h, as the help texts are */
//explain:Change file owners.
//explain:Bypass file permission checks.
//explain:Bypass read and search permissions.
//explain:Act as the owner of any file.
//explain:Keep set-ID bits on changed files.
//explain:Signal any process.
//explain:Set any group IDs.
//explain:Set any user IDs.
//explain:Change bounding, inheritable, securebits.
//explain:Set immutable, append-only flags.
//explain:Bind ports below 1024.
//explain:Broadcast, multicast (unused).
//explain:Configure interfaces, routes, firewalls.
//explain:Use raw and packet sockets.
//explain:Lock memory beyond limits.
//explain:Bypass System V IPC permissions.
//explain:Load kernel modules.
//explain:Raw I/O: ioperm, iopl, /dev/mem.
//explain:chroot; setns to mount namespaces.
//explain:Trace any process.
//explain:Switch process accounting.
//explain:Administer: mount, swapon, more.
//explain:Reboot, kexec.
//explain:Raise priorities; real-time.
//explain:Override limits and quotas.
//explain:Set the clocks.
//explain:Configure terminals, vhangup.
//explain:Create device files.
//explain:Lease any file.
//explain:Write audit records.
//explain:Configure auditing.
//explain:Set file capabilities.
//explain:Override MAC policy.
//explain:Configure MAC policy.
//explain:Read and control the kernel log.
//explain:Set wake-up alarms.
//explain:Block system suspend.
//explain:Read audit via netlink.
//explain:Use perf_event_open.
//explain:Load BPF programs, maps.
//explain:Checkpoint/restore: choose PIDs.
#define EXPLAINED 41

static void explain(int cmb, const char *arg)
{
	char text[EXPLAIN_SIZE];
	const char *p = text, *name;
	int n = xcap(arg), i;

	if (n >= cmb && n < EXPLAINED)
		out_str("<reserved for> ");
	name = cap_name(n);
	out_str(n < EXPLAINED || name[0] == 'c' ? name :
		n < cmb ? "<unnamed>" : "<unsupported>");
	out_str(" (");
	out_num(n);
	out_str(") [/proc/self/status:CapXXX: 0x");
	out_hex(CAP_BIT(n), 16);
	out_str("]\n");
	if (!CFG_FULL_HELP || n >= EXPLAINED)
		return;
	lz_expand(explain_lz, EXPLAIN_LZ_LEN, text);
	for (i = 0; i < n; i++)
		p = strchr(p, '\n') + 1;
	out_str("\n    ");
	out_mem(p, strchr(p, '\n') + 1 - p);
}

/* --- the options, left to right --------------------------------------- */

static int act_caps(struct capsh *s, int id, const char *arg)
{
	switch (id) {
	case O_CAPS:
		set_caps(s, arg);
		break;
	case O_DROP:
		drop(s, arg);
		break;
	case O_INH:
		set_inh(s, arg);
		break;
	case O_ADDAMB:
	case O_DELAMB:
		ambient(arg, id == O_ADDAMB);
		break;
	case O_NOAMB:
		if (caps_ambient_clear())
			die_errno("cannot clear the ambient set");
		break;
	case O_IAB:
		set_iab(arg);
		break;
	case O_STRICT:
		s->strict = !s->strict;
		break;
	/* prctl() reads unsigned longs: a 64-bit value would take two
	 * argument slots on 32-bit ARM (armhf) */
	case O_KEEP:
		if (prctl(PR_SET_KEEPCAPS, (unsigned long)
			  xparse_u64(arg, 0, 1, "--keep value"), 0, 0, 0))
			die_errno("cannot set keep-caps");
		break;
	case O_SECBITS:
		if (prctl(PR_SET_SECUREBITS, (unsigned long)
			  xparse_u64(arg, 0, 0xffffffff, "securebits"),
			  0, 0, 0))
			die_errno("cannot set securebits to ", arg);
		break;
	case O_NNP:
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			die_errno("cannot set no-new-privs");
		break;
	default:
		return 0;
	}
	return 1;
}

static int act_ids(struct capsh *s, int id, const char *arg)
{
	switch (id) {
	case O_UID:
	case O_GID:
	case O_CAPUID:
		set_id(id, arg);
		break;
	case O_GROUPS:
		set_groups(arg);
		break;
	case O_USER:
		set_user(s, arg);
		break;
	case O_NOENV:
		s->noenv = 1;
		break;
	case O_CHROOT:
		do_chroot(arg);
		break;
	case O_SHELL:
		s->shell = arg;
		break;
	case O_ISUID:
	case O_ISGID:
		is_id(id, arg);
		break;
	default:
		return 0;
	}
	return 1;
}

static int act_show(struct capsh *s, int id, const char *arg)
{
	switch (id) {
	case O_PRINT:
		print_state(s);
		break;
	case O_CURRENT:
		print_caps(CMB);
		print_iab(CMB);
		break;
	case O_MODE:
		mode_opt(arg);
		break;
	case O_MODES:
		list_modes();
		break;
	case O_INMODE:
		in_mode(arg);
		break;
	case O_DECODE:
		decode(arg);
		break;
	case O_EXPLAIN:
		explain(CMB, arg);
		break;
	default:
		return 0;
	}
	return 1;
}

static void act_check(int id)
{
	if (id == O_HASAMB && !has_ambient())
		die("ambient set not supported");
	if (id == O_HASNNP && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		die("no-new-privs not set");
}

static void act_seccomp(struct capsh *s, int id, const char *arg)
{
	if (!CFG_SECCOMP)
		die("seccomp support not compiled in");
	s->seccomp = 1;
	if (id == O_SC_DENY || id == O_SC_ALLOW)
		sc_list(arg, id == O_SC_ALLOW);
	else if (id == O_SC_ACTION)
		sc_action(arg);
	else if (id == O_SC_FILE)
		sc_file(arg);
	else
		sc_export(arg);
}

static void act(struct capsh *s, int id, const char *arg)
{
	/* every change is written out first: an exec may follow */
	if (id >= O_SC_DENY)
		act_seccomp(s, id, arg);
	else if (id >= O_HASP && id <= O_SUPPORTS && arg)
		has_cap(id, arg);
	else if (!act_caps(s, id, arg) && !act_ids(s, id, arg) &&
		 !act_show(s, id, arg))
		act_check(id);
	out_flush();
}

/* --- the end: exit, or run something ------------------------------------ */

/* the seccomp filter goes on last, so that nothing of ours is filtered */
static _Noreturn void run(const struct capsh *s, char **argv)
{
	if (CFG_SECCOMP && s->seccomp)
		sc_finish(1);
	proc_exec(argv);
}

/* == : capsh again, as it was called ("ctbox capsh" takes two words);
 * after --chroot, PATH finds it inside the new root, as libcap's does */
static _Noreturn void rerun(const struct capsh *s, char **argv, int i)
{
	if (!strncmp(applet_invocation, "ctbox ", 6)) {
		argv[i - 1] = argv[-1];
		argv[i] = (char *)applet_cur->name;
		run(s, argv + i - 1);
	}
	argv[i] = argv[0];
	run(s, argv + i);
}

int capsh_main(int argc, char **argv)
{
	struct capsh s = { .shell = "/bin/sh" };
	struct optstate st;
	const char *arg;
	int id, prev;

	opt_init(&st, &opts, argc, argv);
	do {
		prev = st.ind;
		id = opt_next(&st, &arg);
		if (id && id != O_EXEC)
			act(&s, id, arg);
	} while (id && id != O_EXEC);
	if (id == O_EXEC) {
		if (st.ind >= argc)
			die_usage("--exec needs a program");
		run(&s, argv + st.ind);
	}
	/* "--" was consumed by the parser: the shell takes its place */
	if (st.ind == prev + 1 && !strcmp(argv[prev], "--")) {
		argv[prev] = (char *)s.shell;
		run(&s, argv + prev);
	}
	if (st.ind < argc && !strcmp(argv[st.ind], "=="))
		rerun(&s, argv, st.ind);
	if (st.ind < argc)
		die_usage("unrecognized argument '", argv[st.ind], "'");
	if (CFG_SECCOMP && s.seccomp)
		sc_finish(0);
	return out_close();
}
