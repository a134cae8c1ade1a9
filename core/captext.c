/* captext.c: capability names, and libcap's text formats both ways */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "captext.h"
#include "capnames.h"
#include "out.h"
#include "str.h"

/* the bits of a capability's state in the text form, as libcap numbers
 * them: the order of the lists in cap_to_text follows these numbers */
enum { F_E = 1, F_P = 2, F_I = 4 };

static const char *table_name(int n)
{
	const char *p = capnames;

	if (n < 0 || n >= CAPNAMES_COUNT)
		return NULL;
	while (n--)
		p += strlen(p) + 1;
	return *p ? p : NULL;
}

const char *cap_name(int n)
{
	static char buf[CAP_NAME_MAX];
	const char *s = table_name(n);

	if (!s)
		return str_utoa(buf, n);
	return str_join(buf, CAP_NAME_MAX, "cap_", s);
}

static void cap_out(int n)
{
	out_str(cap_name(n));
}

void cap_out_list(uint64_t set)
{
	const char *sep = "";
	int n;

	for (n = 0; n < 64; n++) {
		if (!(set & CAP_BIT(n)))
			continue;
		out_str(sep);
		cap_out(n);
		sep = ",";
	}
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (unsigned)((c | 32) - 'a') < 26;
}

static int is_word(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

static int is_space(int c)
{
	return c == ' ' || (unsigned)(c - '\t') < 5;
}

/* as strtoul(s, &end, 0) reads it: the value stops at the first character
 * that is no digit of the base */
static int scan_number(const char **sp)
{
	const char *s = *sp;
	unsigned base = 10, d, n = 0;

	if (s[0] == '0') {
		base = 8;
		if ((s[1] | 32) == 'x' && (is_digit(s[2]) ||
					   (unsigned)((s[2] | 32) - 'a') < 6)) {
			base = 16;
			s += 2;
		}
	}
	for (;; s++) {
		if (is_digit(*s))
			d = *s - '0';
		else if (is_alpha(*s))
			d = (*s | 32) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		n = n * base + d;
		if (n >= 64)
			return -1;
	}
	*sp = s;
	return n;
}

int cap_scan(const char **sp)
{
	const char *s = *sp, *name;
	size_t len = 0;
	int n;

	if (is_digit(*s))
		return scan_number(sp);
	while (is_alpha(s[len]) || s[len] == '_')
		len++;
	if (len <= 4 || str_ncasecmp(s, "cap_", 4))
		return -1;
	for (n = 0; n < CAPNAMES_COUNT; n++) {
		name = table_name(n);
		if (name && strlen(name) == len - 4 &&
		    !str_ncasecmp(s + 4, name, len - 4)) {
			*sp = s + len;
			return n;
		}
	}
	return -1;
}

int cap_parse(const char *s)
{
	int n = cap_scan(&s);

	return *s ? -1 : n;
}

/* --- cap_from_text ----------------------------------------------------- */

static int flag(char c)
{
	return c == 'e' ? F_E : c == 'p' ? F_P : c == 'i' ? F_I : 0;
}

static uint64_t mask(int cmb)
{
	return cmb >= 64 ? ~0ULL : CAP_BIT(cmb) - 1;
}

/* "all" as a name: any case, and not the start of a longer word */
static int is_all(const char *s)
{
	return !str_ncasecmp(s, "all", 3) && !is_word(s[3]);
}

/* NAME,NAME,...; "all" replaces what came before it, as in libcap */
static int parse_list(const char **sp, uint64_t *list, int cmb)
{
	const char *s = *sp;
	int n;

	for (;;) {
		if (is_all(s)) {
			s += 3;
			*list = mask(cmb);
		} else if ((n = cap_scan(&s)) >= 0) {
			*list |= CAP_BIT(n);
		} else {
			return -1;
		}
		if (*s != ',')
			break;
		if (!is_word(*++s))
			return -1;
	}
	*sp = s;
	return 0;
}

static void set_flags(struct caps *c, uint64_t list, int flags, int on)
{
	uint64_t *sets[3] = { &c->eff, &c->prm, &c->inh };
	int i;

	for (i = 0; i < 3; i++)
		if (flags & 1 << i)
			*sets[i] = on ? *sets[i] | list : *sets[i] & ~list;
}

/* '=' resets the listed capabilities first; "=+" and "=-" too */
static void apply(struct caps *c, uint64_t list, int op, int flags)
{
	if (op == '=' || op == 'P' || op == 'M')
		set_flags(c, list, F_E | F_I | F_P, 0);
	set_flags(c, list, flags, op != '-' && op != 'M');
}

/* the operators and flags of one clause, after its names */
static int parse_actions(const char **sp, struct caps *c, uint64_t list,
			 int listed)
{
	const char *s = *sp;
	int op = *s++, flags, f;

	if (op == '=' && (*s == '+' || *s == '-')) {
		if (!listed)
			return -1;
		op = *s++ == '+' ? 'P' : 'M';
	} else if (op != '+' && op != '-' && op != '=') {
		return -1;
	}
	for (;;) {
		for (flags = 0; (f = flag(*s)); s++)
			flags |= f;
		/* only a plain '=' may stand without flags */
		if (!flags && (op != '=' || (*s && !is_space(*s))))
			return -1;
		apply(c, list, op, flags);
		if (*s != '+' && *s != '-')
			break;
		if (!listed)
			return -1;
		op = *s++;
		if (!is_alpha(*s))
			return -1;
	}
	*sp = s;
	return *s && !is_space(*s) ? -1 : 0;
}

int captext_parse(const char *s, struct caps *c, int cmb)
{
	memset(c, 0, sizeof(*c));
	for (;;) {
		uint64_t list = 0;
		int listed = 0;

		while (is_space(*s))
			s++;
		if (!*s)
			return 0;
		if (is_word(*s)) {
			if (parse_list(&s, &list, cmb))
				return -1;
			listed = 1;
		} else if (*s == '+' || *s == '-') {
			return -1;
		} else {
			list = mask(cmb);
		}
		if (parse_actions(&s, c, list, listed))
			return -1;
	}
}

/* --- cap_to_text ------------------------------------------------------- */

static int state(const struct caps *c, int n)
{
	return (c->eff >> n & 1) | (c->prm >> n & 1) << 1 |
		(c->inh >> n & 1) << 2;
}

static void out_flags(char op, int f)
{
	out_char(op);
	if (f & F_E)
		out_char('e');
	if (f & F_I)
		out_char('i');
	if (f & F_P)
		out_char('p');
}

/* the capabilities from..to-1 in state t */
static uint64_t in_state(const struct caps *c, int t, int from, int to)
{
	uint64_t set = 0;

	for (; from < to; from++)
		if (state(c, from) == t)
			set |= CAP_BIT(from);
	return set;
}

/* each state but m that one of from..to-1 is in, from "eip" down, as a
 * list with what it adds to m and takes away; when lead, the first list
 * takes the '=' itself: "cap_chown=ep", not "= cap_chown+ep" */
static void out_states(const struct caps *c, int from, int to, int m,
		       int lead)
{
	uint64_t set;
	int t;

	for (t = 8; t--; ) {
		set = in_state(c, t, from, to);
		if (t == m || !set)
			continue;
		if (!lead)
			out_char(' ');
		cap_out_list(set);
		if (t & ~m)
			out_flags(lead ? '=' : '+', t & ~m);
		if (~t & m)
			out_flags('-', ~t & m);
		lead = 0;
	}
	if (lead)
		out_char('=');
}

/*
 * The most common state of the known capabilities is said first ("=ep"),
 * ties going to the emptier state, then the others. Capabilities beyond
 * the kernel's come last, by number, as additions to the empty state.
 */
void captext_out(const struct caps *c, int cmb)
{
	int histo[8] = { 0 }, m = 7, t, n;

	for (n = 0; n < cmb; n++)
		histo[state(c, n)]++;
	for (t = 7; t--; )
		if (histo[t] >= histo[m])
			m = t;
	if (m)
		out_flags('=', m);
	out_states(c, 0, cmb, m, !m);
	out_states(c, cmb, 64, 0, 0);
}

/* --- IAB --------------------------------------------------------------- */

enum { IAB_I = 1, IAB_A = 2, IAB_NB = 4 };

static int iab_prefix(char c)
{
	return c == '%' ? IAB_I : c == '^' ? IAB_I | IAB_A :
		c == '!' ? IAB_NB : 0;
}

/* like libcap, a list may end in a comma or in prefixes without a name */
int iab_parse(const char *s, struct iab *v)
{
	int flags, f, n;

	memset(v, 0, sizeof(*v));
	while (*s) {
		for (flags = 0; (f = iab_prefix(*s)); s++)
			flags |= f;
		if (!*s && flags)
			break;
		if ((n = cap_scan(&s)) < 0)
			return -1;
		flags = flags ? flags : IAB_I;
		if (flags & IAB_I)
			v->inh |= CAP_BIT(n);
		if (flags & IAB_A)
			v->amb |= CAP_BIT(n);
		if (flags & IAB_NB)
			v->nb |= CAP_BIT(n);
		if (*s && *s++ != ',')
			return -1;
	}
	return 0;
}

void iab_out(const struct iab *v, int cmb)
{
	const char *sep = "";
	int n;

	for (n = 0; n < cmb; n++) {
		uint64_t b = CAP_BIT(n);

		if (!((v->inh | v->amb | v->nb) & b))
			continue;
		out_str(sep);
		if (v->nb & b)
			out_char('!');
		if (v->amb & b)
			out_char('^');
		else if ((v->nb & b) && (v->inh & b))
			out_char('%');
		cap_out(n);
		sep = ",";
	}
}
