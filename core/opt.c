/* opt.c: the table-driven option parser shared by every applet */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "ctbox.h"
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "str.h"

enum { ID_HELP = 62, ID_VERSION = 63 };	/* the top of the 6 bits */

#define BUILTIN(X) \
	X("help", 'h', OPT_NONE, ID_HELP) \
	X("version", 'V', OPT_NONE, ID_VERSION)
OPT_TABLE(builtin, BUILTIN);

void opt_init(struct optstate *st, const struct opt_table *t, int argc,
	      char **argv)
{
	st->argc = argc;
	st->argv = argv;
	st->ind = 1;
	st->bundle = NULL;
	st->seen = 0;
	st->t = t;
}

static const struct opt *by_short(const struct opt *tab, char c)
{
	for (; tab->id; tab++)
		if (tab->sh == c)
			return tab;
	return NULL;
}

/* the long name of entry o of table t, "" if none */
static const char *long_name(const struct opt_table *t, const struct opt *o)
{
	const struct opt *e;
	const char *l = t->lng;

	for (e = t->tab; e != o; e++)
		l += strlen(l) + 1;
	return l;
}

/* exact name, else the only entry it is a prefix of; *ambig if several */
static const struct opt *by_long(const struct opt_table *t, const char *name,
				 size_t len, const struct opt **pre, int *ambig)
{
	const struct opt *o;
	const char *l = t->lng;

	for (o = t->tab; o->id; o++, l += strlen(l) + 1) {
		if (!*l || strncmp(l, name, len))
			continue;
		if (!l[len])
			return o;
		if (*pre && (*pre)->id != o->id)
			*ambig = 1;
		*pre = o;
	}
	return NULL;
}

static const struct opt *find_long(const struct optstate *st, const char *name,
				   size_t len)
{
	const struct opt *pre = NULL, *o;
	int ambig = 0;
	char buf[64];

	o = by_long(st->t, name, len, &pre, &ambig);
	if (!o)
		o = by_long(&builtin, name, len, &pre, &ambig);
	if (o)
		return o;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, name, len);
	buf[len] = 0;
	if (ambig)
		die_usage("option '--", buf, "' is ambiguous");
	if (!pre)
		die_usage("unrecognized option '--", buf, "'");
	return pre;
}

static _Noreturn void builtin_opt(int id)
{
	if (id == ID_HELP)
		applet_help(applet_cur);
	else
		out_str("ctbox " CTBOX_VERSION "\n");
	exit(out_close());
}

static int take(struct optstate *st, const struct opt *o, const char **arg)
{
	st->seen |= 1ULL << o->id;
	if (o->id == ID_HELP || o->id == ID_VERSION)
		builtin_opt(o->id);
	(void)arg;
	return o->id;
}

/* the long name of o, of the applet's table or the built-in one */
static const char *name_of(const struct optstate *st, const struct opt *o)
{
	return long_name(o->id >= ID_HELP ? &builtin : st->t, o);
}

static int long_opt(struct optstate *st, const char *s, const char **arg)
{
	const char *eq = strchr(s, '=');
	size_t len = eq ? (size_t)(eq - s) : strlen(s);
	const struct opt *o = find_long(st, s, len);

	if (o->arg == OPT_NONE && eq)
		die_usage("option '--", name_of(st, o),
			  "' doesn't allow an argument");
	if (eq)
		*arg = eq + 1;
	else if (o->arg == OPT_REQ) {
		if (st->ind >= st->argc)
			die_usage("option '--", name_of(st, o),
				  "' requires an argument");
		*arg = st->argv[st->ind++];
	}
	return take(st, o, arg);
}

static int short_opt(struct optstate *st, const char **arg)
{
	char c[2] = { *st->bundle++, 0 };
	const struct opt *o = by_short(st->t->tab, c[0]);

	if (!o)
		o = by_short(builtin.tab, c[0]);
	if (!o)
		die_usage("invalid option -- '", c, "'");
	if ((o->arg == OPT_REQ || o->arg == OPT_OPT) && *st->bundle) {
		*arg = st->bundle;
		st->bundle = NULL;
	} else if (o->arg == OPT_REQ) {
		if (st->ind >= st->argc)
			die_usage("option requires an argument -- '", c, "'");
		*arg = st->argv[st->ind++];
	}
	if (st->bundle && !*st->bundle)
		st->bundle = NULL;
	return take(st, o, arg);
}

int opt_next(struct optstate *st, const char **arg)
{
	const char *s;

	*arg = NULL;
	if (st->bundle)
		return short_opt(st, arg);
	if (st->ind >= st->argc)
		return 0;
	s = st->argv[st->ind];
	if (s[0] != '-' || !s[1])
		return 0;
	st->ind++;
	if (s[1] != '-') {
		st->bundle = s + 1;
		return short_opt(st, arg);
	}
	if (!s[2])
		return 0;	/* "--": the operands follow */
	return long_opt(st, s + 2, arg);
}

const char *opt_name(const struct optstate *st, int id, char buf[OPT_NAME_MAX])
{
	const struct opt *o;
	const char *l;

	for (o = st->t->tab; o->id; o++) {
		if (o->id != id)
			continue;
		l = long_name(st->t, o);
		if (*l && strlen(l) < OPT_NAME_MAX - 2)
			return str_join(buf, OPT_NAME_MAX, "--", l);
		buf[0] = '-';
		buf[1] = o->sh;
		buf[2] = 0;
		return buf;
	}
	return "?";
}

void opt_conflicts(const struct optstate *st, const unsigned char (*pairs)[2])
{
	char a[OPT_NAME_MAX], b[OPT_NAME_MAX];

	for (; pairs[0][0]; pairs++) {
		if (!OPT_SEEN(st, pairs[0][0]) || !OPT_SEEN(st, pairs[0][1]))
			continue;
		die_usage(opt_name(st, pairs[0][0], a), " and ",
			  opt_name(st, pairs[0][1], b),
			  " are mutually exclusive");
	}
}
