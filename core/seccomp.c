/* seccomp.c: seccomp filters from syscall lists and policy files */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include <seccomp.h>

#include "ctbox.h"
#include "caps.h"
#include "msg.h"
#include "parse.h"
#include "seccomp.h"
#include "str.h"
#include "sys.h"

#define RULES_MAX 512
#define POLICY_MAX 65536

enum { K_DENY, K_ALLOW, K_ACTION };	/* --seccomp-deny, allow, a file's */

struct rule {
	int nr;		/* native number, or libseccomp's pseudo one */
	unsigned char kind;
	unsigned char ncmp;
	uint32_t action;	/* of K_ACTION */
	struct scmp_arg_cmp cmp[6];
};

static struct {
	int n;
	int allowlist;		/* an --seccomp-allow was given */
	int has_default;	/* a file said "default ACTION" */
	uint32_t def;
	const char *export;
	const char *where;	/* "FILE:LINE: " of the line being read */
	struct rule *rules;	/* few, then RULES_MAX of them, mapped */
} sc;

/* the first rules: a short list needs no mapping, nor its page fault */
static struct rule few[4];

/* --seccomp-action (kept out of sc, which is too big for .data) */
static uint32_t deny = SCMP_ACT_ERRNO(EPERM);

/*
 * The rules (80 KB) and a policy file's text (64 KB) are mapped when first
 * needed, not kept in .bss: there they would lie between ctbox's variables
 * and musl's, and every applet would fault one more page in.
 */
static void *area(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die_errno("no memory for the seccomp filter");
	return p;
}

/* a message about the file line being read, if any */
static _Noreturn void bad(const char *what, const char *s)
{
	die(sc.where ? sc.where : "", what, " '", s, "'");
}

static int action_word(const char *s, uint32_t *act, int allow)
{
	unsigned long long n = EPERM;

	if (allow && !strcmp(s, "allow"))
		*act = SCMP_ACT_ALLOW;
	else if (!strcmp(s, "kill"))
		*act = SCMP_ACT_KILL;
	else if (!strcmp(s, "kill-process"))
		*act = SCMP_ACT_KILL_PROCESS;
	else if (!strcmp(s, "trap"))
		*act = SCMP_ACT_TRAP;
	else if (!strcmp(s, "log"))
		*act = SCMP_ACT_LOG;
	else if (!strncmp(s, "errno", 5) && (!s[5] || (s[5] == ':' &&
		 !parse_u64(s + 6, 0, 4095, &n))))
		*act = SCMP_ACT_ERRNO(n);
	else
		return -1;
	return 0;
}

void sc_action(const char *word)
{
	if (action_word(word, &deny, 0))
		die("invalid seccomp action '", word, "': want errno[:N], ",
		    "kill, kill-process, trap or log");
}

static struct rule *add(const char *name, int kind)
{
	struct rule *r;
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		bad("unknown syscall", name);
	if (sc.n == RULES_MAX)
		bad("too many seccomp rules at", name);
	if (!sc.n)
		sc.rules = few;
	else if (sc.n == ARRAY_SIZE(few))
		sc.rules = memcpy(area(RULES_MAX * sizeof(*sc.rules)), few,
				  sizeof(few));
	r = &sc.rules[sc.n++];
	r->nr = nr;
	r->kind = kind;
	r->ncmp = 0;
	return r;
}

void sc_list(const char *names, int allow)
{
	char name[64];

	sc.allowlist |= allow;
	while (str_item(&names, ',', name, sizeof(name)))
		add(name, allow ? K_ALLOW : K_DENY);
}

void sc_export(const char *path)
{
	sc.export = path;
}

/* --- policy files ------------------------------------------------------ */

static const struct {
	char op[3];
	unsigned char cmp;
} ops[] = {
	{ "==", SCMP_CMP_EQ }, { "!=", SCMP_CMP_NE }, { "<", SCMP_CMP_LT },
	{ "<=", SCMP_CMP_LE }, { ">", SCMP_CMP_GT }, { ">=", SCMP_CMP_GE },
};

static unsigned long long value(const char *s)
{
	unsigned long long v;

	if (!*s)
		bad("missing value after", "argN OP");
	if (parse_u64(s, 0, ~0ULL, &v))
		bad("invalid value", s);
	return v;
}

/* argN OP VALUE, or argN & MASK == VALUE */
static void condition(struct rule *r, char **line, const char *arg)
{
	struct scmp_arg_cmp *c = &r->cmp[r->ncmp];
	const char *op;
	unsigned i;

	if (r->ncmp == 6)
		bad("more than 6 conditions at", arg);
	if (strncmp(arg, "arg", 3) || arg[3] < '0' || arg[3] > '5' || arg[4])
		bad("want arg0 to arg5, not", arg);
	c->arg = arg[3] - '0';
	for (i = 0; i < r->ncmp; i++)
		if (r->cmp[i].arg == c->arg)
			bad("one condition per argument and rule (libseccomp);"
			    " a second one on", arg);
	op = str_word(line);
	if (!strcmp(op, "&")) {
		c->op = SCMP_CMP_MASKED_EQ;
		c->datum_a = value(str_word(line));
		if (strcmp(op = str_word(line), "=="))
			bad("want == after the mask, not", op);
		c->datum_b = value(str_word(line));
		r->ncmp++;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(ops) && strcmp(op, ops[i].op); i++)
		;
	if (i == ARRAY_SIZE(ops))
		bad("want == != < <= > >= or &, not", op);
	c->op = ops[i].cmp;
	c->datum_a = value(str_word(line));
	c->datum_b = 0;
	r->ncmp++;
}

static void policy_line(char *line)
{
	char *word = str_word(&line), *name;
	uint32_t act;
	struct rule *r;

	if (!*word)
		return;
	if (!strcmp(word, "default")) {
		word = str_word(&line);
		if (action_word(word, &act, 1))
			bad("invalid default action", word);
		if (sc.has_default && sc.def != act)
			bad("a second, different default", word);
		sc.has_default = 1;
		sc.def = act;
	} else {
		if (action_word(word, &act, 1))
			bad("invalid action", word);
		name = str_word(&line);
		if (!*name)
			bad("missing syscall after", word);
		r = add(name, K_ACTION);
		r->action = act;
		while (*(word = str_word(&line)))
			condition(r, &line, word);
		return;
	}
	if (*(word = str_word(&line)))
		bad("unexpected", word);
}

static size_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n = 1;

	if (fd < 0)
		die_errno("cannot open ", path);
	while (n && len < size) {
		n = read(fd, buf + len, size - len);
		if (n < 0 && errno != EINTR)
			die_errno("cannot read ", path);
		len += n > 0 ? n : 0;
	}
	close(fd);
	if (len == size)
		die(path, ": policy file too large");
	return len;
}

void sc_file(const char *path)
{
	char where[256], num[24], *file = area(POLICY_MAX), *line = file, *end;
	size_t len = slurp(path, file, POLICY_MAX - 1);
	unsigned lineno;

	file[len] = 0;
	for (lineno = 1; *line; lineno++, line = end) {
		end = strchrnul(line, '\n');
		if (*end)
			*end++ = 0;
		line[strcspn(line, "#")] = 0;
		line[strcspn(line, "\r")] = 0;
		sc.where = str_join(where, sizeof(where), path, ":",
				    str_utoa(num, lineno), ": ");
		policy_line(line);
	}
	sc.where = NULL;
	munmap(file, POLICY_MAX);
}

/* libseccomp's assert()s end here, not in musl's __assert_fail, which
 * prints with fprintf and so links all of printf (10 KB) for a message that
 * should never show */
_Noreturn void __assert_fail(const char *expr, const char *file, int line,
			     const char *func)
{
	char num[24];

	warn("libseccomp: ", file, ":", str_utoa(num, line), ": ", func,
	     ": assertion '", expr, "' failed");
	/* abort(), without musl's raise(): see proc_fork() */
	sys_sigdfl(SIGABRT);
	kill(getpid(), SIGABRT);
	_exit(128 + SIGABRT);
}

/* --- the filter -------------------------------------------------------- */

/* The filter holds on every ABI the kernel runs for the native one: a
 * deny-list that i386 (int 0x80) or x32 numbers could get around is no
 * deny-list. Any other architecture meets the default-deny action. */
static void add_arches(scmp_filter_ctx ctx)
{
	uint32_t native = seccomp_arch_native();
	int rc = 0;

	if (native == SCMP_ARCH_X86_64) {
		rc = seccomp_arch_add(ctx, SCMP_ARCH_X86);
		if (!rc)
			rc = seccomp_arch_add(ctx, SCMP_ARCH_X32);
	} else if (native == SCMP_ARCH_AARCH64) {
		rc = seccomp_arch_add(ctx, SCMP_ARCH_ARM);
	}
	if (rc && rc != -EEXIST)
		die_err(-rc, "cannot add the compat ABIs to the filter");
}

static uint32_t default_action(void)
{
	if (sc.has_default && sc.allowlist && sc.def == SCMP_ACT_ALLOW)
		die("--seccomp-allow denies all else, but a policy file says ",
		    "'default allow'");
	if (sc.has_default)
		return sc.def;
	return sc.allowlist ? deny : SCMP_ACT_ALLOW;
}

static void add_rule(scmp_filter_ctx ctx, const struct rule *r, uint32_t def)
{
	uint32_t act = r->kind == K_DENY ? deny :
		r->kind == K_ALLOW ? SCMP_ACT_ALLOW : r->action;
	char *name;
	int rc;

	/* a rule that does what the default does is no rule (libseccomp
	 * refuses it) */
	if (act == def)
		return;
	rc = seccomp_rule_add_array(ctx, act, r->nr, r->ncmp, r->cmp);
	if (!rc)
		return;
	name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, r->nr);
	die_err(-rc, "cannot add the seccomp rule for ", name ? name : "?");
}

static void export(scmp_filter_ctx ctx)
{
	int fd = open(sc.export, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		      0644);
	int rc;

	if (fd < 0)
		die_errno("cannot create ", sc.export);
	rc = seccomp_export_bpf(ctx, fd);
	if (rc || close(fd))
		die_err(rc ? -rc : errno, "cannot write ", sc.export);
}

/* The kernel takes a filter from a process with no_new_privs set, or with
 * CAP_SYS_ADMIN in its effective set; libseccomp sets no_new_privs unless
 * told not to, so we tell it when the capability makes it unneeded. */
static int need_nnp(void)
{
	struct caps c;

	return caps_get(&c) || !(c.eff & CAP_BIT(CAP_SYS_ADMIN));
}

static int newer_action(uint32_t act)
{
	return act == SCMP_ACT_KILL_PROCESS || act == SCMP_ACT_LOG;
}

/* libseccomp learns what the kernel offers by probing it, nine system
 * calls (five of them faults, costly on a fresh process) before the first
 * rule. Only kill-process and log need an answer; a filter of allow,
 * errno, trap and kill (of the thread) runs on any seccomp kernel (3.5),
 * and at libseccomp's API level 1 is loaded through prctl(PR_SET_SECCOMP)
 * with no probe at all. */
static int needs_probe(uint32_t def)
{
	int i;

	if (newer_action(def) || newer_action(deny))
		return 1;
	for (i = 0; i < sc.n; i++)
		if (sc.rules[i].kind == K_ACTION &&
		    newer_action(sc.rules[i].action))
			return 1;
	return 0;
}

void sc_finish(int load)
{
	uint32_t def = default_action();
	scmp_filter_ctx ctx;
	int i, rc;

	/* a filter only exported is for another kernel, perhaps another
	 * architecture under qemu-user, where libseccomp would judge the
	 * actions by what qemu offers: take them all */
	if (!load)
		seccomp_api_set(6);
	else if (!needs_probe(def))
		seccomp_api_set(1);
	ctx = seccomp_init(def);
	if (!ctx)
		die("cannot make a seccomp filter");
	/* the kernel's errno, not libseccomp's ECANCELED */
	seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	add_arches(ctx);
	for (i = 0; i < sc.n; i++)
		add_rule(ctx, &sc.rules[i], def);
	if (sc.export)
		export(ctx);
	if (!load)
		return;
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, need_nnp());
	rc = seccomp_load(ctx);
	if (rc)
		die_err(-rc, "cannot load the seccomp filter");
}
