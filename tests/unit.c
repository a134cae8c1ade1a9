/* unit.c: unit tests of the core: option parser, numbers, strings, messages */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "ctbox.h"
#include "file.h"
#include "idmap.h"
#include "msg.h"
#include "opt.h"
#include "parse.h"
#include "str.h"

/* what main.c provides in the real binary */
const struct applet *applet_cur;
const char *applet_invocation = "unit";
void applet_help(const struct applet *a)
{
	(void)a;
	fputs("help text\n", stderr);	/* where expect_exit looks */
}

static int failed;

static void result(int ok, const char *name)
{
	printf("%s: unit: %s\n", ok ? "PASS" : "FAIL", name);
	failed |= !ok;
}

#define CHECK(name, cond) result((cond), (name))

/* --- the option parser --------------------------------------------------- */

enum { A = 1, B, NET, TGT, PROC, LONGONLY };
#define TAB(X) \
	X("all", 'a', OPT_NONE, A) \
	X("bee", 'b', OPT_NONE, B) \
	X("net", 'n', OPT_OPT, NET) \
	X("target", 't', OPT_REQ, TGT) \
	X("mount-proc", 0, OPT_OPT_LONG, PROC) \
	X("longonly", 'l', OPT_OPT_LONG, LONGONLY)
OPT_TABLE(tab, TAB);

/* parse argv; a string "id=arg id=arg ... |rest" of what was seen */
static char *parse(char **argv, char *out)
{
	struct optstate st;
	const char *arg;
	int argc = 0, id;

	while (argv[argc])
		argc++;
	opt_init(&st, &tab, argc, argv);
	out[0] = 0;
	while ((id = opt_next(&st, &arg)))
		sprintf(out + strlen(out), "%d=%s ", id, arg ? arg : "-");
	strcat(out, "|");
	for (id = st.ind; id < argc; id++)
		sprintf(out + strlen(out), "%s ", argv[id]);
	return out;
}

#define P(...) parse((char *[]){ "x", __VA_ARGS__, NULL }, buf)

static void test_opt(void)
{
	char buf[256];

	CHECK("opt: bundled short options", !strcmp(P("-ab", "prog"), "1=- 2=- |prog "));
	CHECK("opt: optional argument attached", !strcmp(P("-nFILE"), "3=FILE |"));
	CHECK("opt: optional argument not taken when separate",
	      !strcmp(P("-n", "FILE"), "3=- |FILE "));
	CHECK("opt: optional argument ends a bundle", !strcmp(P("-anX"), "1=- 3=X |"));
	CHECK("opt: required argument attached and separate",
	      !strcmp(P("-t1", "-t", "2"), "4=1 4=2 |"));
	CHECK("opt: required argument after a bundle", !strcmp(P("-at", "9"), "1=- 4=9 |"));
	CHECK("opt: --long=value and --long value",
	      !strcmp(P("--target=5", "--target", "6"), "4=5 4=6 |"));
	CHECK("opt: --long with an optional argument", !strcmp(P("--net=/f", "--net"), "3=/f 3=- |"));
	CHECK("opt: an unambiguous prefix", !strcmp(P("--tar=7", "--mount"), "4=7 5=- |"));
	CHECK("opt: -- ends the options", !strcmp(P("-a", "--", "-b"), "1=- |-b "));
	CHECK("opt: the first operand stops the parser",
	      !strcmp(P("-a", "prog", "-b"), "1=- |prog -b "));
	CHECK("opt: a lone - is an operand", !strcmp(P("-", "-a"), "|- -a "));
	CHECK("opt: long-only optional argument: the letter bundles",
	      !strcmp(P("-lab"), "6=- 1=- 2=- |"));
	CHECK("opt: long-only optional argument with =", !strcmp(P("--longonly=x"), "6=x |"));
}

/* run fn in a child: its wait status, and its stderr in err */
static int child(void (*fn)(void), char err[512])
{
	int p[2], st;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (pipe(p) || (pid = fork()) < 0)
		exit(2);
	if (!pid) {
		dup2(p[1], 2);
		close(p[0]);
		fn();
		_exit(99);
	}
	close(p[1]);
	n = read(p[0], err, 511);
	err[n > 0 ? n : 0] = 0;
	close(p[0]);
	waitpid(pid, &st, 0);
	return st;
}

/* fn must exit with status and say msg on stderr */
static void expect_exit(const char *name, void (*fn)(void), int status,
			const char *msg)
{
	char err[512];
	int st = child(fn, err);

	CHECK(name, WIFEXITED(st) && WEXITSTATUS(st) == status && strstr(err, msg));
}

static char out[256];
static void bad_unknown(void) { parse((char *[]){ "x", "--nope", NULL }, out); }
static void bad_short(void) { parse((char *[]){ "x", "-z", NULL }, out); }
static void bad_missing(void) { parse((char *[]){ "x", "-t", NULL }, out); }
static void bad_noarg(void) { parse((char *[]){ "x", "--all=1", NULL }, out); }
static void bad_ambig(void)
{
#define T2(X) X("mapa", 0, OPT_NONE, 1) X("mapb", 0, OPT_NONE, 2)
	OPT_TABLE(t2, T2);
	struct optstate st;
	const char *arg;
	char *argv[] = { "x", "--map", NULL };

	opt_init(&st, &t2, 2, argv);
	opt_next(&st, &arg);
}
static void bad_conflict(void)
{
	static const unsigned char pairs[][2] = { { A, B }, { 0, 0 } };
	struct optstate st;
	const char *arg;
	char *argv[] = { "x", "-ab", NULL };

	opt_init(&st, &tab, 2, argv);
	while (opt_next(&st, &arg))
		;
	opt_conflicts(&st, pairs);
}
static void help(void) { parse((char *[]){ "x", "--help", NULL }, out); }
static void die_msg(void) { errno = ENOENT; die_errno("cannot open ", "/x"); }

static void test_opt_errors(void)
{
	expect_exit("opt: unknown long option", bad_unknown, 1,
		    "unrecognized option '--nope'\nTry 'unit --help' for more information.");
	expect_exit("opt: unknown short option", bad_short, 1, "invalid option -- 'z'");
	expect_exit("opt: missing argument", bad_missing, 1,
		    "option requires an argument -- 't'");
	expect_exit("opt: argument not allowed", bad_noarg, 1,
		    "option '--all' doesn't allow an argument");
	expect_exit("opt: ambiguous prefix", bad_ambig, 1, "option '--map' is ambiguous");
	expect_exit("opt: conflicts table", bad_conflict, 1,
		    "--all and --bee are mutually exclusive");
	expect_exit("opt: --help prints the help, exits 0", help, 0,
		    "help text");
	expect_exit("msg: die_errno, one line", die_msg, 1,
		    "ctbox: cannot open /x: No such file or directory\n");
}

/* --- numbers ----------------------------------------------------------- */

static int u64(const char *s, int base, unsigned long long max,
	       unsigned long long want, int err)
{
	unsigned long long v = 12345;

	errno = 0;
	if (parse_u64(s, base, max, &v))
		return errno == err;
	return !err && v == want;
}

static int size(const char *s, unsigned long long want, int err)
{
	unsigned long long v;

	errno = 0;
	if (parse_size(s, &v))
		return errno == err;
	return !err && v == want;
}

static void test_numbers(void)
{
	unsigned id;

	CHECK("parse: decimal", u64("4096", 10, ~0ULL, 4096, 0));
	CHECK("parse: the largest u64", u64("18446744073709551615", 10, ~0ULL, ~0ULL, 0));
	CHECK("parse: u64 overflow", u64("18446744073709551616", 10, ~0ULL, 0, ERANGE));
	CHECK("parse: above max", u64("256", 10, 255, 0, ERANGE));
	CHECK("parse: trailing junk", u64("12x", 10, ~0ULL, 0, EINVAL));
	CHECK("parse: a sign", u64("-1", 10, ~0ULL, 0, EINVAL));
	CHECK("parse: a space", u64(" 1", 10, ~0ULL, 0, EINVAL));
	CHECK("parse: empty", u64("", 10, ~0ULL, 0, EINVAL));
	CHECK("parse: hex with base 0", u64("0x1F", 0, ~0ULL, 31, 0));
	CHECK("parse: decimal with base 0", u64("019", 0, ~0ULL, 19, 0));
	CHECK("parse: 0x without digits", u64("0x", 0, ~0ULL, 0, EINVAL));
	CHECK("parse: hex digits in decimal", u64("1a", 10, ~0ULL, 0, EINVAL));
	CHECK("parse: size without suffix", size("100", 100, 0));
	CHECK("parse: size K", size("4k", 4096, 0));
	CHECK("parse: size M", size("4M", 4194304, 0));
	CHECK("parse: size G", size("2G", 2147483648ULL, 0));
	CHECK("parse: size T", size("1T", 1ULL << 40, 0));
	CHECK("parse: size bad suffix", size("4X", 0, EINVAL));
	CHECK("parse: size junk after suffix", size("4MB", 0, EINVAL));
	CHECK("parse: size overflow with suffix", size("17179869184G", 0, ERANGE));
	CHECK("parse: id", !parse_id("4294967294", &id) && id == 4294967294U);
	CHECK("parse: id -1 refused", parse_id("4294967295", &id) && errno == ERANGE);
	CHECK("parse: signal by name", parse_signal("TERM") == 15);
	CHECK("parse: signal with SIG, any case", parse_signal("sigkill") == 9);
	CHECK("parse: signal by number", parse_signal("10") == 10);
	CHECK("parse: signal 0 refused", parse_signal("0") == -1);
	CHECK("parse: unknown signal", parse_signal("NOPE") == -1);
	CHECK("parse: signal name", !strcmp(signal_name(17), "CHLD"));
}

/* --- strings, files, id maps -------------------------------------------- */

static int count_lines(char *line, void *ctx)
{
	int *n = ctx;

	*n += line[0] == 'L';
	return 0;
}

static void test_strings(void)
{
	char buf[16], s[] = "a:b::c", t[] = "  one\ttwo  ", *f[4], *p = t;
	char path[64], big[FILE_LINE_MAX * 3];
	int n = 0, fd;

	CHECK("str: join", !strcmp(str_join(buf, sizeof(buf), "ab", "cd"), "abcd"));
	CHECK("str: join too long", !str_join(buf, 4, "ab", "cd") && errno == ENAMETOOLONG);
	CHECK("str: utoa", !strcmp(str_utoa(buf, 18446744073709551615ULL) + 10, "3709551615"));
	CHECK("str: procpath", !strcmp(str_procpath(path, 0, "ns/net"), "/proc/self/ns/net"));
	CHECK("str: split keeps empty fields", str_split(s, ':', f, 4) == 4 && !*f[2] && !strcmp(f[3], "c"));
	CHECK("str: words", !strcmp(str_word(&p), "one") && !strcmp(str_word(&p), "two") && !*str_word(&p));

	strcpy(path, "/tmp/ctbox-unit.XXXXXX");
	fd = mkstemp(path);
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	(void)!write(fd, "L1\nL2\n", 6);
	(void)!write(fd, big, sizeof(big));
	(void)!write(fd, "L3\nL4", 5);
	close(fd);
	CHECK("file: lines, a too long one skipped, the last unended",
	      file_lines(path, count_lines, &n) == 0 && n == 4);
	unlink(path);
	CHECK("file: lines of a missing file", file_lines(path, count_lines, &n) == -1);
}

static void test_idmap(void)
{
	struct idmap m = { 0 };

	CHECK("idmap: INNER:OUTER:COUNT", !idmap_parse(&m, "0:1000:10") &&
	      m.r[0].inner == 0 && m.r[0].outer == 1000 && m.r[0].count == 10);
	CHECK("idmap: OUTER,INNER,COUNT", !idmap_parse(&m, "2000,5,3") &&
	      m.r[1].inner == 5 && m.r[1].outer == 2000);
	CHECK("idmap: a zero count refused", idmap_parse(&m, "1:2:0"));
	CHECK("idmap: junk refused", idmap_parse(&m, "1:2:3:4") && idmap_parse(&m, "a:1:1"));
	m.n = 0;
	idmap_add(&m, 0, 100000, 65536);
	idmap_cut(&m, 0, 1000);
	CHECK("idmap: cut inner 0", m.n == 1 && m.r[0].inner == 1 && m.r[0].outer == 100001 &&
	      m.r[0].count == 65535);
	m.n = 0;
	idmap_add(&m, 0, 0, 100);
	idmap_cut(&m, 10, 50);
	CHECK("idmap: cut an inner and an outer id from the middle",
	      m.n == 3 && m.r[0].count == 10 && m.r[1].inner == 11 &&
	      m.r[1].count == 39 && m.r[2].inner == 51 && m.r[2].count == 49);
}

#if CFG_SECCOMP
/* core/heap.c, the malloc of a build with libseccomp */
extern char heap_arena[];	/* 8 KB and a page's slack to align them */
#define IN_ARENA(p) ((char *)(p) >= heap_arena && \
		     (char *)(p) < heap_arena + 8192 + 4096)

static void test_heap(void)
{
	char *a = malloc(10), *b, *c, *d, *e = NULL;
	volatile size_t huge = ~(size_t)0 / 2;
	int zero = 1, i;

	CHECK("heap: blocks are aligned to 16", !((unsigned long)a % 16));
	CHECK("heap: the first arena is the one in .bss", IN_ARENA(a));
	memcpy(a, "123456789", 10);
	b = realloc(a, 100);
	CHECK("heap: the last block grows in place", b == a &&
	      !strcmp(b, "123456789"));
	c = malloc(5);
	d = realloc(b, 200);
	CHECK("heap: another block moves, with its bytes", d != b &&
	      !strcmp(d, "123456789"));
	free(d);
	a = calloc(50, 4);
	CHECK("heap: a freed last block is taken again", a == d && c);
	for (i = 0; i < 200; i++)
		zero &= !a[i];
	CHECK("heap: calloc zeroes a block given back", zero);
	for (i = 0; i < 9; i++)
		e = malloc(1000);
	CHECK("heap: past 8 KB, blocks come from a mapped arena", e &&
	      !IN_ARENA(e) && !((unsigned long)e % 16));
	memset(e, 2, 1000);
	d = malloc(1 << 20);
	CHECK("heap: a block larger than the arenas", d && !((unsigned long)d % 16));
	memset(d, 1, 1 << 20);
	errno = 0;
	CHECK("heap: overflow is ENOMEM", !calloc(huge, 4) &&
	      errno == ENOMEM && !malloc(huge * 2) && !realloc(d, huge * 2));
}

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func);
static void assert_fail(void) { __assert_fail("1 == 2", "db.c", 42, "f"); }

static void test_assert(void)
{
	char err[512];
	int st = child(assert_fail, err);

	CHECK("seccomp: libseccomp's assert() says where, and aborts",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT &&
	      strstr(err, "libseccomp: db.c:42: f: assertion '1 == 2' failed"));
}
#endif

/* unit errmsg: msg_strerror of 1..199, "N TEXT" a line, for unit.test to
 * compare with the build host's strerror */
static int print_errmsgs(void)
{
	char buf[MSG_ERRBUF];
	int e;

	for (e = 1; e < 200; e++)
		printf("%d %s\n", e, msg_strerror(e, buf));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "errmsg"))
		return print_errmsgs();
#if CFG_SECCOMP
	test_heap();
	test_assert();
#endif
	test_opt();
	test_opt_errors();
	test_numbers();
	test_strings();
	test_idmap();
	return failed;
}
