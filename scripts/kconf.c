/* kconf.c: the host-side Kconfig tool: resolve .config, write config.h */
/* SPDX-License-Identifier: MIT */
/*
 * Build: cc -O2 -o build/kconf scripts/kconf.c      (C99 + POSIX, host only)
 * Usage: kconf [--srctree DIR] MODE KCONFIG          (see usage() below)
 *
 * Reads the part of the Kconfig language that ctbox uses (bool, int and
 * string symbols, menus, ifs, selects, ranges, help; no tristate, choice or
 * hex) and resolves it as Linux's kconfig does, so that kconfig-conf and
 * kconfig-mconf work on the same files and give the same .config.
 *
 * Every property (prompt, default, select, range) carries its own "if" and
 * the dependencies of the entry that declared it: the entry's "depends on"
 * lines ANDed with those of the enclosing menus and ifs. A symbol is visible
 * when one of its prompts is; the user's value counts only then, otherwise
 * the first default whose conditions hold. A select forces its target to y
 * whatever the target's own dependencies say. Values are found by updating
 * every symbol in turn until a whole pass changes nothing: Kconfig forbids
 * dependency loops, so this ends and its result does not depend on order.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { T_NONE, T_BOOL, T_INT, T_STRING };
enum { E_SYM, E_LIT, E_NOT, E_AND, E_OR, E_EQ, E_NE };
enum { P_PROMPT, P_DEFAULT, P_SELECT, P_RANGE };

struct expr {
	int op;
	struct expr *l, *r;
	struct sym *sym;	/* E_SYM */
	const char *lit;	/* E_LIT: y, n, a number or a string */
};

struct prop {
	int kind;
	const char *text;	/* the prompt */
	struct expr *val;	/* the default; the low end of a range */
	struct expr *hi;	/* the high end of a range */
	struct sym *owner;
	struct sym *target;	/* what a select selects */
	struct expr *cond;	/* its own "if EXPR" */
	struct expr *dep;	/* the dependencies of its entry */
	struct prop *next;	/* the owner's next property */
	struct prop *rnext;	/* the target's next reverse dependency */
	const char *file;
	int line;
};

struct sym {
	const char *name;
	int type;
	int defined;		/* how many config entries define it */
	int visible, write, asked;
	struct prop *props, **tail;
	struct prop *rev;	/* the selects that name it */
	struct expr *dep;	/* OR of its entries' dependencies */
	const char *help;
	const char *user;	/* from the input config; NULL: not set */
	const char *val;	/* the resolved value */
	const char *file;	/* where it was defined or first named */
	int line;
};

struct src {
	FILE *f;
	const char *name;
	int line;
	int depth;		/* menus and ifs open when it began */
	int back;		/* buf holds a line given back */
	char *buf;
	size_t cap;
};

struct buf {
	char *p;
	size_t n, cap;
};

static struct sym **syms;	/* every symbol, in order of first mention */
static int nsyms;
static struct sym **defs;	/* the defined ones, in order of definition */
static int ndefs;
static const char *title = "";
static const char *srctree;
static struct src *src;		/* the file being parsed, for messages */

/* Messages: FILE:LINE: error: ..., or kconf: ...; errors exit */

static void msg(const char *file, int line, const char *what,
		const char *fmt, ...)
{
	va_list ap;

	if (file)
		fprintf(stderr, "%s:%d: %s: ", file, line, what);
	else
		fprintf(stderr, "kconf: %s%s", what, *what ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (strcmp(what, "warning"))
		exit(1);
}
#define die(...) msg(NULL, 0, "", __VA_ARGS__)
#define error_at(file, line, ...) msg(file, line, "error", __VA_ARGS__)
#define warn_at(file, line, ...) msg(file, line, "warning", __VA_ARGS__)
#define syntax(...) msg(src ? src->name : NULL, src ? src->line : 0, \
			"error", __VA_ARGS__)

static void *xrealloc(void *p, size_t n)
{
	if (!(p = realloc(p, n ? n : 1)))
		die("out of memory");
	return p;
}

static void *xzalloc(size_t n)
{
	return memset(xrealloc(NULL, n), 0, n);
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

static char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, n + 1, fmt, ap);
	va_end(ap);
	b->n += n;
}

/* s in double quotes, with " and \ escaped: for .config and for C */
static void bquote(struct buf *b, const char *s)
{
	bprintf(b, "\"");
	for (; *s; s++)
		bprintf(b, "%s%c", *s == '"' || *s == '\\' ? "\\" : "", *s);
	bprintf(b, "\"");
}

/* Symbols */

static int is_int(const char *s)
{
	s += *s == '-';
	if (!isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	return !*s;
}

/* y, n, numbers and strings stand for themselves, not for a symbol */
static int is_const(const char *w)
{
	return !strcmp(w, "y") || !strcmp(w, "n") ||
		isdigit((unsigned char)w[*w == '-']);
}

static void push(struct sym ***a, int *n, struct sym *s)
{
	*a = xrealloc(*a, (*n + 1) * sizeof(**a));
	(*a)[(*n)++] = s;
}

static struct sym *find(const char *name)
{
	int i;

	for (i = 0; i < nsyms; i++)
		if (!strcmp(syms[i]->name, name))
			return syms[i];
	return NULL;
}

static struct sym *lookup(const char *name)
{
	struct sym *s = find(name);

	if (s)
		return s;
	s = xzalloc(sizeof(*s));
	s->name = name;
	s->tail = &s->props;
	s->val = "n";
	s->file = src->name;
	s->line = src->line;
	push(&syms, &nsyms, s);
	return s;
}

/* Lexer: a line becomes tokens; help text is read as raw lines */

enum { K_END, K_WORD, K_STR, K_NOT, K_AND, K_OR, K_LP, K_RP, K_EQ, K_NE };
static const char *const kname[] = {
	"end of line", "word", "string", "!", "&&", "||", "(", ")", "=", "!="
};
#define MAXTOK 128
static struct {
	int k;
	char *s;
} toks[MAXTOK];
static int ntok, pos;

static char *lex_string(char **pp)
{
	char *p = *pp, q = *p++, *out = xrealloc(NULL, strlen(p) + 1), *o;

	for (o = out; *p != q; *o++ = *p++) {
		if (!*p || *p == '\n')
			syntax("unterminated string");
		if (*p == '\\' && p[1] && p[1] != '\n')
			p++;
	}
	*o = 0;
	*pp = p + 1;
	return out;
}

static int lex_op(char **pp)
{
	static const char ops[] = {
		K_AND, K_OR, K_NE, K_NOT, K_LP, K_RP, K_EQ
	};
	size_t i, n;

	for (i = 0; i < sizeof(ops); i++) {
		n = strlen(kname[(int)ops[i]]);
		if (!strncmp(*pp, kname[(int)ops[i]], n)) {
			*pp += n;
			return ops[i];
		}
	}
	syntax("unexpected character '%c'", **pp);
	return K_END;
}

static int is_word(int c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static void tokenize(char *p)
{
	char *w;

	for (ntok = pos = 0;; ntok++) {
		p += strspn(p, " \t\r\n");
		if (!*p || *p == '#')
			break;
		if (ntok == MAXTOK - 1)
			syntax("line too long");
		toks[ntok].s = NULL;
		if (*p == '"' || *p == '\'') {
			toks[ntok].k = K_STR;
			toks[ntok].s = lex_string(&p);
		} else if (is_word(*p)) {
			for (w = p; is_word(*p); p++)
				;
			toks[ntok].k = K_WORD;
			toks[ntok].s = xstrndup(w, p - w);
		} else {
			toks[ntok].k = lex_op(&p);
		}
	}
	toks[ntok].k = K_END;
}

static const char *tokname(int i)
{
	return toks[i].s ? toks[i].s : kname[toks[i].k];
}

static int accept(int k)
{
	return toks[pos].k == k ? (pos++, 1) : 0;
}

static int accept_word(const char *w)
{
	if (toks[pos].k != K_WORD || strcmp(toks[pos].s, w))
		return 0;
	pos++;
	return 1;
}

static char *expect(int k, const char *what)
{
	if (toks[pos].k != k)
		syntax("expected %s, got '%s'", what, tokname(pos));
	return toks[pos++].s;
}

static void expect_end(void)
{
	if (toks[pos].k != K_END)
		syntax("unexpected '%s'", tokname(pos));
}

/* Expressions: || binds loosest, then &&, then = and !=, then ! */

static struct expr *or_expr(void);

static struct expr *mk(int op, struct expr *l, struct expr *r)
{
	struct expr *e = xzalloc(sizeof(*e));

	e->op = op;
	e->l = l;
	e->r = r;
	return e;
}

/* a missing condition (NULL) is always true */
static struct expr *and(struct expr *a, struct expr *b)
{
	return !a ? b : !b ? a : mk(E_AND, a, b);
}

static struct expr *operand(void)
{
	struct expr *e = mk(E_LIT, NULL, NULL);
	char *w = toks[pos].s;

	if (toks[pos].k == K_STR || (toks[pos].k == K_WORD && is_const(w)))
		e->lit = w;
	else if (toks[pos].k == K_WORD && strcmp(w, "if"))
		e->op = E_SYM, e->sym = lookup(w);
	else
		syntax("expected a symbol or a value, got '%s'", tokname(pos));
	pos++;
	return e;
}

static struct expr *primary(void)
{
	struct expr *e;

	if (accept(K_NOT))
		return mk(E_NOT, primary(), NULL);
	if (accept(K_LP)) {
		e = or_expr();
		expect(K_RP, "')'");
		return e;
	}
	e = operand();
	if (accept(K_EQ))
		return mk(E_EQ, e, operand());
	if (accept(K_NE))
		return mk(E_NE, e, operand());
	return e;
}

static struct expr *and_expr(void)
{
	struct expr *e = primary();

	while (accept(K_AND))
		e = mk(E_AND, e, primary());
	return e;
}

static struct expr *or_expr(void)
{
	struct expr *e = and_expr();

	while (accept(K_OR))
		e = mk(E_OR, e, and_expr());
	return e;
}

static struct expr *opt_if(void)
{
	struct expr *e = accept_word("if") ? or_expr() : NULL;

	expect_end();
	return e;
}

/* Parser: the entry being read, and the menus and ifs around it */

enum { N_NONE, N_CONFIG, N_MENU, N_COMMENT };
enum { B_MENU, B_IF };
static struct {
	int kind;
	struct sym *sym;
	struct expr *dep;	/* its "depends on" lines, ANDed */
	struct prop *first;	/* its first property */
} ent;
#define MAXBLOCK 64
static struct {
	int kind;
	struct expr *dep;
	const char *file;
	int line;
} blocks[MAXBLOCK];
static int nblocks;

static void parse_file(const char *path);

static struct expr *outer_deps(void)
{
	struct expr *e = NULL;
	int i;

	for (i = 0; i < nblocks; i++)
		e = and(e, blocks[i].dep);
	return e;
}

/*
 * An entry's "depends on" lines may follow its properties, so they are
 * handed to the properties only when the next keyword ends the entry.
 */
static void end_entry(void)
{
	struct expr *dep;
	struct prop *p;
	struct sym *s = ent.sym;

	if (ent.kind == N_MENU)
		blocks[nblocks - 1].dep = ent.dep;
	if (ent.kind == N_CONFIG) {
		dep = and(ent.dep, outer_deps());
		for (p = ent.first; p; p = p->next)
			p->dep = dep;
		if (s->defined == 1)
			s->dep = dep;
		else
			s->dep = s->dep && dep ? mk(E_OR, s->dep, dep) : NULL;
	}
	memset(&ent, 0, sizeof(ent));
}

static void push_block(int kind, struct expr *dep)
{
	if (nblocks == MAXBLOCK)
		syntax("menus and ifs nested too deeply");
	blocks[nblocks].kind = kind;
	blocks[nblocks].dep = dep;
	blocks[nblocks].file = src->name;
	blocks[nblocks++].line = src->line;
}

static struct sym *need_config(void)
{
	if (ent.kind != N_CONFIG)
		syntax("'%s' outside a config entry", toks[0].s);
	return ent.sym;
}

static struct sym *sym_name(void)
{
	char *name = expect(K_WORD, "a symbol name");

	if (is_const(name))
		syntax("'%s' is not a valid symbol name", name);
	return lookup(name);
}

/* prompt, default, select, range: each with an optional "if EXPR" */
static void kw_prop(int kind)
{
	struct prop *p = xzalloc(sizeof(*p));

	p->kind = kind;
	p->owner = need_config();
	p->file = src->name;
	p->line = src->line;
	*p->owner->tail = p;
	p->owner->tail = &p->next;
	if (!ent.first)
		ent.first = p;
	if (kind == P_PROMPT) {
		p->text = expect(K_STR, "a prompt");
	} else if (kind == P_SELECT) {
		p->target = sym_name();
		p->rnext = p->target->rev;
		p->target->rev = p;
	} else if (kind == P_RANGE) {
		p->val = operand();
		p->hi = operand();
	} else {
		p->val = or_expr();
	}
	p->cond = opt_if();
}

/* bool, int, string [PROMPT [if EXPR]]; def_bool... VALUE [if EXPR] */
#define DEF 8
static void kw_type(int arg)
{
	struct sym *s = need_config();
	int type = arg & ~DEF;

	if (s->type && s->type != type)
		syntax("%s redefined with another type", s->name);
	s->type = type;
	s->val = type == T_INT ? "0" : type == T_STRING ? "" : "n";
	if (arg & DEF && type != T_BOOL)
		warn_at(src->name, src->line, "kconfig-conf and kconfig-mconf "
			"do not know %s", toks[0].s);
	if (arg & DEF)
		kw_prop(P_DEFAULT);
	else if (toks[pos].k == K_STR)
		kw_prop(P_PROMPT);
	else
		expect_end();
}

static void kw_config(int arg)
{
	struct sym *s = sym_name();

	(void)arg;
	expect_end();
	end_entry();
	if (!s->defined++) {
		push(&defs, &ndefs, s);
		s->file = src->name;
		s->line = src->line;
	}
	ent.kind = N_CONFIG;
	ent.sym = s;
}

/* mainmenu, menu and comment: a keyword and a string */
static void kw_title(int kind)
{
	char *text = expect(K_STR, "a title");

	expect_end();
	end_entry();
	if (kind == N_NONE)
		title = text;
	if (kind == N_MENU)
		push_block(B_MENU, NULL);
	ent.kind = kind;
}

static void kw_if(int arg)
{
	struct expr *e = or_expr();

	(void)arg;
	expect_end();
	end_entry();
	push_block(B_IF, e);
}

static void kw_end(int kind)
{
	expect_end();
	end_entry();
	if (nblocks <= src->depth || blocks[nblocks - 1].kind != kind)
		syntax("'%s' without %s", toks[0].s,
		       kind == B_IF ? "if" : "menu");
	nblocks--;
}

/* relative to the current directory first, then to $srctree */
static const char *find_source(const char *path)
{
	char *p;

	if (*path == '/' || !access(path, F_OK) || !srctree)
		return path;
	p = xrealloc(NULL, strlen(srctree) + strlen(path) + 2);
	sprintf(p, "%s/%s", srctree, path);
	return access(p, F_OK) ? path : p;
}

static void kw_source(int arg)
{
	const char *path = expect(K_STR, "a file name");

	(void)arg;
	expect_end();
	end_entry();
	parse_file(find_source(path));
}

static void kw_depends(int arg)
{
	(void)arg;
	if (ent.kind == N_NONE)
		syntax("'depends' outside an entry");
	if (!accept_word("on"))
		syntax("expected 'on' after 'depends'");
	ent.dep = and(ent.dep, or_expr());
	expect_end();
}

static char *next_line(struct src *s)
{
	if (s->back) {
		s->back = 0;
		return s->buf;
	}
	if (getline(&s->buf, &s->cap, s->f) < 0)
		return NULL;
	s->line++;
	return s->buf;
}

static int indent(const char *p)
{
	int col = 0;

	for (; *p == ' ' || *p == '\t'; p++)
		col = *p == '\t' ? (col & ~7) + 8 : col + 1;
	return col;
}

/*
 * The help text is every line up to the first non-blank one indented less
 * than its first line; that one is given back to the parser. The first
 * line's indentation is removed from all of them.
 */
static void kw_help(int arg)
{
	struct buf b = { 0 };
	int base = -1, blanks = 0, col;
	char *l;

	(void)arg;
	expect_end();
	need_config();
	while ((l = next_line(src))) {
		if (!l[strspn(l, " \t\r\n")]) {
			blanks += base >= 0;
			continue;
		}
		if (base < 0)
			base = indent(l);
		if (!base || indent(l) < base) {
			src->back = 1;
			break;
		}
		for (; blanks; blanks--)
			bprintf(&b, "\n");
		for (col = 0; col < base; l++)
			col = *l == '\t' ? (col & ~7) + 8 : col + 1;
		l[strcspn(l, "\r\n")] = 0;
		bprintf(&b, "%*s%s\n", col - base, "", l);
	}
	ent.sym->help = b.p ? b.p : "";
}

static const struct {
	const char *name;
	void (*fn)(int);
	int arg;
} keywords[] = {
	{ "mainmenu", kw_title, N_NONE }, { "menu", kw_title, N_MENU },
	{ "comment", kw_title, N_COMMENT }, { "config", kw_config, 0 },
	{ "menuconfig", kw_config, 0 }, { "if", kw_if, 0 },
	{ "endmenu", kw_end, B_MENU }, { "endif", kw_end, B_IF },
	{ "source", kw_source, 0 }, { "bool", kw_type, T_BOOL },
	{ "int", kw_type, T_INT }, { "string", kw_type, T_STRING },
	{ "def_bool", kw_type, T_BOOL | DEF },
	{ "def_int", kw_type, T_INT | DEF },
	{ "def_string", kw_type, T_STRING | DEF },
	{ "prompt", kw_prop, P_PROMPT }, { "default", kw_prop, P_DEFAULT },
	{ "select", kw_prop, P_SELECT }, { "range", kw_prop, P_RANGE },
	{ "depends", kw_depends, 0 }, { "help", kw_help, 0 },
	{ "---help---", kw_help, 0 },
};

static void parse_line(char *line)
{
	size_t i;

	tokenize(line);
	if (!ntok)
		return;
	if (toks[0].k != K_WORD)
		syntax("unexpected '%s'", tokname(0));
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (!strcmp(toks[0].s, keywords[i].name)) {
			pos = 1;
			keywords[i].fn(keywords[i].arg);
			return;
		}
	}
	syntax("unknown keyword '%s'", toks[0].s);
}

static void parse_file(const char *path)
{
	static int nest;
	struct src s = { 0 }, *up = src;

	if (nest++ == 32)
		syntax("source nested too deeply");
	if (!(s.f = fopen(path, "r")))
		syntax("cannot open %s: %s", path, strerror(errno));
	s.name = path;
	s.depth = nblocks;
	src = &s;
	while (next_line(&s))
		parse_line(s.buf);
	end_entry();
	if (nblocks > s.depth) {
		s.line = blocks[nblocks - 1].line;
		syntax("%s without %s", blocks[nblocks - 1].kind == B_IF ?
		       "if" : "menu", blocks[nblocks - 1].kind == B_IF ?
		       "endif" : "endmenu");
	}
	fclose(s.f);
	src = up;
	nest--;
}

static void check_syms(void)
{
	struct prop *p;
	int i;

	for (i = 0; i < nsyms; i++) {
		if (!syms[i]->defined)
			warn_at(syms[i]->file, syms[i]->line,
				"undefined symbol %s", syms[i]->name);
		else if (!syms[i]->type)
			error_at(syms[i]->file, syms[i]->line,
				 "%s has no type", syms[i]->name);
		for (p = syms[i]->rev; p; p = p->rnext)
			if (syms[i]->defined && syms[i]->type != T_BOOL)
				error_at(p->file, p->line, "%s is not a bool, "
					 "cannot select it", syms[i]->name);
	}
}

/* Evaluation */

static int is_y(const struct sym *s)
{
	return s->type == T_BOOL && s->val[0] == 'y';
}

static int eval(const struct expr *e);

static const char *strval(const struct expr *e)
{
	if (e->op == E_LIT)
		return e->lit;
	if (e->op == E_SYM)
		return e->sym->val;
	return eval(e) ? "y" : "n";
}

static int compare(const struct expr *e)
{
	const char *a = strval(e->l), *b = strval(e->r);
	long long x, y;

	if (!is_int(a) || !is_int(b))
		return strcmp(a, b);
	x = strtoll(a, NULL, 10);
	y = strtoll(b, NULL, 10);
	return (x > y) - (x < y);
}

static int eval(const struct expr *e)
{
	if (!e)
		return 1;
	switch (e->op) {
	case E_SYM:
		return is_y(e->sym);
	case E_LIT:
		return !strcmp(e->lit, "y");
	case E_NOT:
		return !eval(e->l);
	case E_AND:
		return eval(e->l) && eval(e->r);
	case E_OR:
		return eval(e->l) || eval(e->r);
	case E_EQ:
		return !compare(e);
	default:
		return !!compare(e);
	}
}

/* the first property of a kind whose "if" and entry dependencies hold */
static struct prop *first_true(const struct sym *s, int kind)
{
	struct prop *p;

	for (p = s->props; p; p = p->next)
		if (p->kind == kind && eval(p->cond) && eval(p->dep))
			return p;
	return NULL;
}

static int selected(const struct sym *s)
{
	struct prop *p;

	for (p = s->rev; p; p = p->rnext)
		if (is_y(p->owner) && eval(p->cond) && eval(p->dep))
			return 1;
	return 0;
}

static const char *num(long long x)
{
	char b[24];

	snprintf(b, sizeof(b), "%lld", x);
	return xstrdup(b);
}

static const char *clamp(const struct sym *s, const char *v)
{
	struct prop *r = first_true(s, P_RANGE);
	long long x, lo, hi;

	if (s->type != T_INT || !r)
		return v;
	x = strtoll(v, NULL, 10);
	lo = strtoll(strval(r->val), NULL, 10);
	hi = strtoll(strval(r->hi), NULL, 10);
	return x < lo ? num(lo) : x > hi ? num(hi) : v;
}

/* the value s gets when the user does not set it */
static const char *default_value(const struct sym *s)
{
	struct prop *d = first_true(s, P_DEFAULT);

	if (s->type == T_BOOL)
		return (d && eval(d->val)) || selected(s) ? "y" : "n";
	if (d)
		return clamp(s, strval(d->val));
	return clamp(s, s->type == T_INT ? "0" : "");
}

static int update(struct sym *s)
{
	const char *v;

	s->visible = first_true(s, P_PROMPT) != NULL;
	s->write = s->visible || first_true(s, P_DEFAULT) || selected(s);
	if (!s->visible || !s->user)
		v = default_value(s);
	else if (s->type == T_BOOL)
		v = s->user[0] == 'y' || selected(s) ? "y" : "n";
	else
		v = clamp(s, s->user);
	if (!strcmp(v, s->val))
		return 0;
	s->val = v;
	return 1;
}

/*
 * Like kconfig, an int set outside its range counts as not set: its
 * default applies. The range may depend on other symbols, so that can only
 * be judged once they have settled; then settle again without those values.
 */
static int drop_out_of_range(void)
{
	int i, n = 0;

	for (i = 0; i < ndefs; i++) {
		if (defs[i]->type == T_INT && defs[i]->user &&
		    strcmp(clamp(defs[i], defs[i]->user), defs[i]->user)) {
			defs[i]->user = NULL;
			n++;
		}
	}
	return n;
}

static void resolve(void)
{
	int i, pass, changed;

	do {
		changed = 1;
		for (pass = 0; changed && pass <= ndefs + 1; pass++)
			for (changed = i = 0; i < ndefs; i++)
				changed |= update(defs[i]);
		if (changed)
			die("values do not settle: a dependency loop?");
	} while (drop_out_of_range());
}

static void warn_unmet(void)
{
	int i;

	for (i = 0; i < ndefs; i++)
		if (is_y(defs[i]) && !eval(defs[i]->dep))
			warn_at(defs[i]->file, defs[i]->line, "%s is selected "
				"but its dependencies are not met",
				defs[i]->name);
}

/* Config files */

/* unquote "text" in place; NULL if it is not quoted */
static char *unquote(char *v)
{
	char *p = v + 1, *o = v;

	if (*v != '"')
		return NULL;
	for (; *p && *p != '"'; *o++ = *p++)
		if (*p == '\\' && p[1])
			p++;
	if (*p != '"' || p[1])
		return NULL;
	*o = 0;
	return v;
}

static void set_user(const char *file, int line, const char *name, char *v)
{
	struct sym *s = find(name);
	int ok;

	if (!s || !s->defined) {
		warn_at(file, line, "unknown symbol %s", name);
		return;
	}
	if (s->type == T_BOOL)
		ok = !strcmp(v, "y") || !strcmp(v, "n");
	else if (s->type == T_INT)
		ok = is_int(v);
	else
		ok = (v = unquote(v)) != NULL;
	if (ok)
		s->user = xstrdup(v);
	else
		warn_at(file, line, "invalid value for %s, ignored", name);
}

static void config_line(const char *file, int line, char *l)
{
	char *v;

	l[strcspn(l, "\r\n")] = 0;
	if (!strncmp(l, "# CONFIG_", 9)) {
		v = strstr(l, " is not set");
		if (v && !v[11]) {
			*v = 0;
			set_user(file, line, l + 9, "n");
		}
	} else if (!strncmp(l, "CONFIG_", 7) && (v = strchr(l, '='))) {
		*v++ = 0;
		set_user(file, line, l + 7, v);
	} else if (*l && *l != '#') {
		warn_at(file, line, "ignoring malformed line");
	}
}

static void read_config(const char *path, int must_exist)
{
	FILE *f = fopen(path, "r");
	char *l = NULL;
	size_t cap = 0;
	int n = 0;

	if (!f && (must_exist || errno != ENOENT))
		die("cannot open %s: %s", path, strerror(errno));
	while (f && getline(&l, &cap, f) >= 0)
		config_line(path, ++n, l);
	if (f)
		fclose(f);
	free(l);
}

static void put_config(struct buf *b, const struct sym *s)
{
	if (s->type == T_BOOL && !is_y(s)) {
		bprintf(b, "# CONFIG_%s is not set\n", s->name);
	} else if (s->type == T_STRING) {
		bprintf(b, "CONFIG_%s=", s->name);
		bquote(b, s->val);
		bprintf(b, "\n");
	} else {
		bprintf(b, "CONFIG_%s=%s\n", s->name, s->val);
	}
}

static void gen_config(struct buf *b)
{
	int i;

	bprintf(b, "#\n# Automatically generated file; DO NOT EDIT.\n"
		"# %s\n#\n", title);
	for (i = 0; i < ndefs; i++)
		if (defs[i]->write)
			put_config(b, defs[i]);
}

/* only what differs from the defaults: --defconfig of it gives it back */
static void gen_minimal(struct buf *b)
{
	int i;

	for (i = 0; i < ndefs; i++)
		if (defs[i]->visible &&
		    strcmp(defs[i]->val, default_value(defs[i])))
			put_config(b, defs[i]);
}

static void gen_header(struct buf *b)
{
	const struct sym *s;
	int i;

	bprintf(b, "/* Automatically generated by kconf; DO NOT EDIT. */\n"
		"#ifndef KCONF_CONFIG_H\n#define KCONF_CONFIG_H\n");
	for (i = 0; i < ndefs; i++) {
		s = defs[i];
		bprintf(b, "#define CFG_%s ", s->name);
		if (s->type == T_BOOL)
			bprintf(b, "%d", is_y(s));
		else if (s->type == T_STRING)
			bquote(b, s->val);
		else
			bprintf(b, *s->val == '-' ? "(%s)" : "%s", s->val);
		bprintf(b, "\n");
	}
	bprintf(b, "#endif\n");
}

/* make reads $ and # itself: $$ and \# give them back */
static void gen_make(struct buf *b)
{
	const struct sym *s;
	const char *v;
	int i;

	bprintf(b, "# Automatically generated by kconf; DO NOT EDIT.\n");
	for (i = 0; i < ndefs; i++) {
		s = defs[i];
		bprintf(b, "CONFIG_%s=", s->name);
		v = s->type != T_BOOL ? s->val : is_y(s) ? "y" : "";
		for (; *v; v++)
			bprintf(b, *v == '$' ? "$$" : *v == '#' ? "\\#" : "%c",
				*v);
		bprintf(b, "\n");
	}
}

static int same_content(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "r");
	char *old;
	size_t n;

	if (!f)
		return 0;
	old = xrealloc(NULL, b->n + 1);
	n = fread(old, 1, b->n + 1, f);
	fclose(f);
	return n == b->n && (!n || !memcmp(old, b->p, n));
}

/* via PATH.tmp and rename, so a reader never sees half a file */
static void write_file(const char *path, const struct buf *b, int lazy)
{
	char *tmp;
	FILE *f;

	if (lazy && same_content(path, b))
		return;
	tmp = xrealloc(NULL, strlen(path) + 5);
	sprintf(tmp, "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		die("cannot create %s: %s", tmp, strerror(errno));
	if ((b->n && fwrite(b->p, 1, b->n, f) != b->n) | fclose(f))
		die("cannot write %s: %s", tmp, strerror(errno));
	if (rename(tmp, path))
		die("cannot rename %s to %s: %s", tmp, path, strerror(errno));
}

/* --oldconfig: ask for what the input config does not set */

static void show_help(const struct sym *s)
{
	printf("\n%s\n", s->help && *s->help ? s->help :
	       "There is no help available.\n");
}

/* take an answer to the question about s; 0: ask again */
static int answer(struct sym *s, const char *l)
{
	if (!*l) {
		s->user = s->val;
	} else if (s->type != T_STRING && !strcmp(l, "?")) {
		show_help(s);
		return 0;
	} else if (s->type == T_BOOL) {
		if (!strcasecmp(l, "y") || !strcasecmp(l, "yes"))
			s->user = "y";
		else if (!strcasecmp(l, "n") || !strcasecmp(l, "no"))
			s->user = "n";
		else
			return 0;
	} else if (s->type == T_INT) {
		if (!is_int(l) || strcmp(clamp(s, l), l)) {
			printf("%s is not a valid value for %s\n", l, s->name);
			return 0;
		}
		s->user = xstrdup(l);
	} else {
		s->user = xstrdup(l);
	}
	return 1;
}

/* 0 at the end of the input: the rest keep their defaults */
static int ask(struct sym *s)
{
	static char *l;
	static size_t cap;
	const char *text = first_true(s, P_PROMPT)->text;

	do {
		if (s->type == T_BOOL)
			printf("%s (%s) [%s] ", text, s->name,
			       is_y(s) ? "Y/n/?" : "y/N/?");
		else
			printf("%s (%s) [%s] ", text, s->name, s->val);
		fflush(stdout);
		if (getline(&l, &cap, stdin) < 0) {
			printf("\n");
			return 0;
		}
		l[strcspn(l, "\r\n")] = 0;
		if (!isatty(0))
			printf("%s\n", l);
	} while (!answer(s, l));
	return 1;
}

static struct sym *unanswered(void)
{
	struct sym *s;
	int i;

	for (i = 0; i < ndefs; i++) {
		s = defs[i];
		if (s->visible && !s->user && !s->asked &&
		    !(s->type == T_BOOL && selected(s)))
			return s;
	}
	return NULL;
}

/* an answer can make later symbols visible: resolve after each one */
static void oldconfig(void)
{
	struct sym *s;
	int more = 1;

	resolve();
	while (more && (s = unanswered())) {
		more = ask(s);
		s->asked = 1;
		resolve();
	}
}

/* Command line */

enum { M_NONE, M_OLDDEF, M_OLD, M_DEF, M_SAVEDEF, M_ALLNO, M_ALLYES,
	M_GEN, M_LIST, M_HELP, M_SRCTREE };
static const struct {
	const char *name;
	int mode, arg;
} modes[] = {
	{ "olddefconfig", M_OLDDEF, 0 }, { "oldconfig", M_OLD, 0 },
	{ "defconfig", M_DEF, 1 }, { "savedefconfig", M_SAVEDEF, 1 },
	{ "allnoconfig", M_ALLNO, 0 }, { "allyesconfig", M_ALLYES, 0 },
	{ "genconfig", M_GEN, 1 }, { "list", M_LIST, 0 },
	{ "help", M_HELP, 0 }, { "srctree", M_SRCTREE, 1 },
};

struct opts {
	int mode;
	char *arg;
	const char *kconfig;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: kconf [--srctree DIR] MODE KCONFIG\n"
		"  --olddefconfig         resolve the config file, new symbols "
		"get defaults\n"
		"  --oldconfig            the same, asking for new symbols\n"
		"  --defconfig=FILE       start from FILE instead\n"
		"  --savedefconfig=FILE   write a minimal config to FILE\n"
		"  --allnoconfig          every visible bool n\n"
		"  --allyesconfig         every visible bool y\n"
		"  --genconfig=HDR,MK     write a C header and a make file\n"
		"  --list                 print every symbol's value\n"
		"The config file is $KCONFIG_CONFIG, or .config. Files named "
		"by 'source'\nare looked for here, then in DIR or $srctree.\n");
}

static void bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, "kconf: %s%s\nTry 'kconf --help'.\n", what, arg);
	exit(1);
}

static int find_mode(const char *name, size_t n)
{
	int k;

	for (k = 0; k < (int)(sizeof(modes) / sizeof(modes[0])); k++)
		if (strlen(modes[k].name) == n &&
		    !strncmp(modes[k].name, name, n))
			return k;
	return -1;
}

/* --NAME, --NAME=VALUE or --NAME VALUE; returns the last index used */
static int option(struct opts *o, char **argv, int i)
{
	char *name = argv[i] + 2, *val = strchr(name, '=');
	int k = find_mode(name, val ? (size_t)(val - name) : strlen(name));

	if (k < 0)
		bad_usage("unknown option ", argv[i]);
	val += !!val;
	if (modes[k].arg && !val && !(val = argv[++i]))
		bad_usage("missing argument to ", argv[i - 1]);
	if (!modes[k].arg && val)
		bad_usage("no argument expected: ", argv[i]);
	if (modes[k].mode == M_SRCTREE) {
		srctree = val;
		return i;
	}
	if (o->mode)
		bad_usage("more than one mode: ", argv[i]);
	o->mode = modes[k].mode;
	o->arg = val;
	return i;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--", 2))
			i = option(o, argv, i);
		else if (o->kconfig)
			bad_usage("unexpected argument ", argv[i]);
		else
			o->kconfig = argv[i];
	}
	if (o->mode == M_HELP) {
		usage(stdout);
		exit(0);
	}
	if (!o->mode || !o->kconfig)
		bad_usage(o->mode ? "no Kconfig file" : "no mode given", "");
}

static void set_all(const char *v)
{
	int i;

	for (i = 0; i < ndefs; i++)
		if (defs[i]->type == T_BOOL)
			defs[i]->user = v;
}

static void genconfig(char *arg, const char *config)
{
	struct buf c = { 0 }, h = { 0 }, m = { 0 };
	char *mk = strchr(arg, ',');

	if (!mk)
		bad_usage("--genconfig wants HEADER,MK, not ", arg);
	*mk++ = 0;
	gen_config(&c);
	gen_header(&h);
	gen_make(&m);
	write_file(config, &c, 1);
	write_file(arg, &h, 1);
	write_file(mk, &m, 1);
}

static void list(void)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < ndefs; i++) {
		bprintf(&b, "%s=", defs[i]->name);
		if (defs[i]->type == T_STRING)
			bquote(&b, defs[i]->val);
		else
			bprintf(&b, "%s", defs[i]->val);
		bprintf(&b, "\n");
	}
	if (b.n)
		fwrite(b.p, 1, b.n, stdout);
}

static void output(const struct opts *o, const char *config)
{
	struct buf b = { 0 };

	if (o->mode == M_LIST) {
		list();
	} else if (o->mode == M_GEN) {
		genconfig(o->arg, config);
	} else if (o->mode == M_SAVEDEF) {
		gen_minimal(&b);
		write_file(o->arg, &b, 0);
	} else {
		gen_config(&b);
		write_file(config, &b, 0);
	}
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	const char *config = getenv("KCONFIG_CONFIG");

	if (!config || !*config)
		config = ".config";
	parse_args(&o, argc, argv);
	if (!srctree)
		srctree = getenv("srctree");
	parse_file(find_source(o.kconfig));
	check_syms();
	if (o.mode == M_DEF)
		read_config(o.arg, 1);
	else if (o.mode == M_ALLNO || o.mode == M_ALLYES)
		set_all(o.mode == M_ALLYES ? "y" : "n");
	else
		read_config(config, 0);
	if (o.mode == M_OLD)
		oldconfig();
	else
		resolve();
	warn_unmet();
	output(&o, config);
	if (fflush(stdout))
		die("cannot write to standard output: %s", strerror(errno));
	return 0;
}
