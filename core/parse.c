/* parse.c: strict parsing of numbers, sizes, ids and signals */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "msg.h"
#include "parse.h"
#include "str.h"

static int digit(char c, int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		d = (c | 0x20) - 'a' + 10;
	else
		return -1;
	return d < base ? d : -1;
}

/* the digits at *sp; stops at the first non-digit, which the caller judges */
static int scan(const char **sp, int base, unsigned long long max,
		unsigned long long *v)
{
	const char *s = *sp;
	unsigned long long n = 0;
	int d, any = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] | 0x20) == 'x' &&
		    digit(s[2], 16) >= 0) {
			base = 16;
			s += 2;
		}
	}
	for (; (d = digit(*s, base)) >= 0; s++, any = 1) {
		if (n > (max - d) / base) {
			errno = ERANGE;
			return -1;
		}
		n = n * base + d;
	}
	if (!any) {
		errno = EINVAL;
		return -1;
	}
	*sp = s;
	*v = n;
	return 0;
}

int parse_u64(const char *s, int base, unsigned long long max,
	      unsigned long long *v)
{
	if (scan(&s, base, max, v))
		return -1;
	if (*s) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* the suffix first, which sets the largest number before it */
int parse_size(const char *s, unsigned long long *v)
{
	static const char units[] = "kmgt";
	size_t len = strlen(s);
	/* the last character ("" has only its NUL, which is no unit) */
	char c = s[len - !!len] | 0x20;
	int shift = 0, i;

	for (i = 0; units[i]; i++)
		if (c == units[i])
			shift = 10 * (i + 1);
	if (scan(&s, 10, ~0ULL >> shift, v))
		return -1;
	/* the suffix, if any, is all that may follow the digits */
	if (s[!!shift]) {
		errno = EINVAL;
		return -1;
	}
	*v <<= shift;
	return 0;
}

int parse_id(const char *s, unsigned *id)
{
	unsigned long long v;

	if (parse_u64(s, 10, 4294967294ULL, &v))
		return -1;
	*id = v;
	return 0;
}

static const struct {
	unsigned char num;
	char name[7];
} signals[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" },
	{ SIGILL, "ILL" }, { SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" },
	{ SIGBUS, "BUS" }, { SIGFPE, "FPE" }, { SIGKILL, "KILL" },
	{ SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" },
	{ SIGCHLD, "CHLD" }, { SIGCONT, "CONT" }, { SIGSTOP, "STOP" },
	{ SIGTSTP, "TSTP" }, { SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" },
	{ SIGURG, "URG" }, { SIGXCPU, "XCPU" }, { SIGXFSZ, "XFSZ" },
	{ SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" },
	{ SIGIO, "IO" }, { SIGPWR, "PWR" }, { SIGSYS, "SYS" },
};

int parse_signal(const char *s)
{
	unsigned long long v;
	unsigned i;

	if (!parse_u64(s, 10, _NSIG - 1, &v))
		return v ? (int)v : -1;
	if (!str_ncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (!str_casecmp(s, signals[i].name))
			return signals[i].num;
	return -1;
}

const char *signal_name(int sig)
{
	unsigned i;

	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].num == sig)
			return signals[i].name;
	return NULL;
}

static _Noreturn void bad(const char *s, const char *what)
{
	die("invalid ", what, ": '", s, "'",
	    errno == ERANGE ? " (out of range)" : "");
}

unsigned long long xparse_u64(const char *s, int base, unsigned long long max,
			      const char *what)
{
	unsigned long long v;

	if (parse_u64(s, base, max, &v))
		bad(s, what);
	return v;
}

unsigned long long xparse_size(const char *s, const char *what)
{
	unsigned long long v;

	if (parse_size(s, &v))
		bad(s, what);
	return v;
}

unsigned xparse_id(const char *s, const char *what)
{
	unsigned id;

	if (parse_id(s, &id))
		bad(s, what);
	return id;
}
