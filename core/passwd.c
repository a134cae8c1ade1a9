/* passwd.c: users and groups from /etc/passwd and /etc/group, no NSS */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "file.h"
#include "msg.h"
#include "parse.h"
#include "passwd.h"
#include "str.h"

struct pw_query {
	const char *name;	/* match this name, or else */
	unsigned id;		/* this id (field 2) */
	struct pw *pw;
	unsigned *gid;		/* group queries */
	char *gname;
	unsigned gname_size;
};

static void copy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

static int match(struct pw_query *q, char **f, unsigned *id)
{
	if (parse_id(f[2], id))
		return 0;
	return q->name ? !strcmp(f[0], q->name) : *id == q->id;
}

static int pw_line(char *line, void *ctx)
{
	struct pw_query *q = ctx;
	char *f[7];
	unsigned uid, gid;

	if (str_split(line, ':', f, 7) != 7 || !match(q, f, &uid) ||
	    parse_id(f[3], &gid))
		return 0;
	q->pw->uid = uid;
	q->pw->gid = gid;
	copy(q->pw->name, f[0], sizeof(q->pw->name));
	copy(q->pw->dir, f[5], sizeof(q->pw->dir));
	copy(q->pw->shell, f[6], sizeof(q->pw->shell));
	return 1;
}

int pw_byname(const char *name, struct pw *pw)
{
	struct pw_query q = { .name = name, .pw = pw };

	return file_lines("/etc/passwd", pw_line, &q) == 1 ? 0 : -1;
}

int pw_byuid(unsigned uid, struct pw *pw)
{
	struct pw_query q = { .id = uid, .pw = pw };

	return file_lines("/etc/passwd", pw_line, &q) == 1 ? 0 : -1;
}

static int gr_line(char *line, void *ctx)
{
	struct pw_query *q = ctx;
	char *f[4];
	unsigned gid;

	if (str_split(line, ':', f, 4) < 3 || !match(q, f, &gid))
		return 0;
	if (q->gid)
		*q->gid = gid;
	if (q->gname)
		copy(q->gname, f[0], q->gname_size);
	return 1;
}

int gr_byname(const char *name, unsigned *gid)
{
	struct pw_query q = { .name = name, .gid = gid };

	return file_lines("/etc/group", gr_line, &q) == 1 ? 0 : -1;
}

int gr_byname_name(unsigned gid, char *name, unsigned size)
{
	struct pw_query q = { .id = gid, .gname = name, .gname_size = size };

	return file_lines("/etc/group", gr_line, &q) == 1 ? 0 : -1;
}

struct member_query {
	const char *user;
	unsigned *gids;
	int n, max;
};

static int member_line(char *line, void *ctx)
{
	struct member_query *q = ctx;
	char *f[4], *m[64];
	unsigned gid;
	int i, n;

	if (str_split(line, ':', f, 4) != 4 || parse_id(f[2], &gid))
		return 0;
	n = str_split(f[3], ',', m, 64);
	for (i = 0; i < n; i++) {
		if (strcmp(m[i], q->user))
			continue;
		for (n = 0; n < q->n && q->gids[n] != gid; n++)
			;
		if (n == q->n && q->n < q->max)
			q->gids[q->n++] = gid;
		break;
	}
	return 0;
}

int gr_member_of(const char *user, unsigned gid, unsigned *gids, int max)
{
	struct member_query q = { user, gids, 0, max };

	if (max > 0)
		gids[q.n++] = gid;
	file_lines("/etc/group", member_line, &q);
	return q.n;
}

unsigned pw_xuid(const char *s)
{
	struct pw pw;
	unsigned id;

	if (!parse_id(s, &id))
		return id;
	if (pw_byname(s, &pw))
		die("unknown user '", s, "'");
	return pw.uid;
}

unsigned gr_xgid(const char *s)
{
	unsigned id;

	if (!parse_id(s, &id))
		return id;
	if (gr_byname(s, &id))
		die("unknown group '", s, "'");
	return id;
}
