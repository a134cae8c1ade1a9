/* idmap.c: uid and gid maps of user namespaces, setgroups, subordinate ids */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "file.h"
#include "idmap.h"
#include "msg.h"
#include "parse.h"
#include "proc.h"
#include "str.h"

void idmap_add(struct idmap *m, unsigned inner, unsigned outer,
	       unsigned count)
{
	if (!count)
		return;
	if (m->n == IDMAP_MAX)
		die("too many id ranges (at most 32)");
	m->r[m->n].inner = inner;
	m->r[m->n].outer = outer;
	m->r[m->n].count = count;
	m->n++;
}

/* cut one id out of every range: inner if by_inner, else outer */
static void cut(struct idmap *m, unsigned id, int by_inner)
{
	unsigned i, n = m->n;

	for (i = 0; i < n; i++) {
		struct idmap_range r = m->r[i];
		unsigned at = id - (by_inner ? r.inner : r.outer);

		if (id < (by_inner ? r.inner : r.outer) || at >= r.count)
			continue;
		m->r[i].count = at;
		idmap_add(m, r.inner + at + 1, r.outer + at + 1,
			  r.count - at - 1);
	}
	for (i = n = 0; i < m->n; i++)	/* drop ranges left empty */
		if (m->r[i].count)
			m->r[n++] = m->r[i];
	m->n = n;
}

void idmap_cut(struct idmap *m, unsigned inner, unsigned outer)
{
	cut(m, inner, 1);
	cut(m, outer, 0);
}

int idmap_parse(struct idmap *m, const char *spec)
{
	char buf[64], *f[3];
	unsigned v[3];
	int old = !strchr(spec, ':'), i;

	if (!str_join(buf, sizeof(buf), spec) ||
	    str_split(buf, old ? ',' : ':', f, 3) != 3)
		return -1;
	for (i = 0; i < 3; i++)
		if (parse_id(f[i], &v[i]))
			return -1;
	if (!v[2])
		return -1;
	if (old)
		idmap_add(m, v[1], v[0], v[2]);
	else
		idmap_add(m, v[0], v[1], v[2]);
	return 0;
}

struct subid_query {
	const char *user;
	char uid[24];
	unsigned start, count;
};

static int subid_line(char *line, void *ctx)
{
	struct subid_query *q = ctx;
	char *f[3];
	unsigned start, count;

	if (str_split(line, ':', f, 3) != 3 ||
	    (strcmp(f[0], q->uid) && (!q->user || strcmp(f[0], q->user))) ||
	    parse_id(f[1], &start) || parse_id(f[2], &count) || !count)
		return 0;
	q->start = start;
	q->count = count;
	return 1;
}

int idmap_subid(struct idmap *m, const char *file, const char *user,
		unsigned uid, int identity)
{
	struct subid_query q = { .user = user };

	str_utoa(q.uid, uid);
	if (file_lines(file, subid_line, &q) != 1)
		return -1;
	idmap_add(m, identity ? q.start : 0, q.start, q.count);
	return 0;
}

static int all_line(char *line, void *ctx)
{
	unsigned long long count;
	unsigned inner, outer;

	/* "inner outer count", in columns padded with spaces */
	if (!parse_id(str_word(&line), &inner) &&
	    !parse_id(str_word(&line), &outer) &&
	    !parse_u64(str_word(&line), 10, 4294967295U, &count))
		idmap_add(ctx, inner, inner, count);
	return 0;
}

int idmap_all(struct idmap *m, const char *which)
{
	char path[PROC_PATH_MAX];

	return file_lines(str_procpath(path, 0, which), all_line, m) < 0 ?
	       -1 : 0;
}

static size_t format(const struct idmap *m, char *buf, size_t size)
{
	char in[24], out[24], n[24];
	size_t len = 0;
	unsigned i;

	for (i = 0; i < m->n; i++) {
		if (!str_join(buf + len, size - len,
			      str_utoa(in, m->r[i].inner), " ",
			      str_utoa(out, m->r[i].outer), " ",
			      str_utoa(n, m->r[i].count), "\n"))
			break;
		len += strlen(buf + len);
	}
	return len;
}

int idmap_write(pid_t pid, const char *which, const struct idmap *m)
{
	char path[PROC_PATH_MAX], buf[IDMAP_MAX * 36];
	size_t len = format(m, buf, sizeof(buf));

	return file_write(str_procpath(path, pid, which), buf, len);
}

int idmap_helper(pid_t pid, const char *prog, const struct idmap *m)
{
	char num[IDMAP_MAX * 3 + 1][12], *argv[IDMAP_MAX * 3 + 3];
	unsigned i, n = 0;
	pid_t child;
	int st;

	argv[n++] = (char *)prog;
	argv[n++] = str_utoa(num[0], pid);
	for (i = 0; i < m->n; i++) {
		argv[n] = str_utoa(num[n - 1], m->r[i].inner), n++;
		argv[n] = str_utoa(num[n - 1], m->r[i].outer), n++;
		argv[n] = str_utoa(num[n - 1], m->r[i].count), n++;
	}
	argv[n] = NULL;
	child = proc_fork();
	if (!child)
		proc_exec(argv);
	st = proc_wait(child, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		warn(prog, " is needed to map ids without privilege: ",
		     "install it (Debian: the uidmap package)");
	else
		warn(prog, " failed");
	return -1;
}

int idmap_setgroups(pid_t pid, const char *value)
{
	char path[PROC_PATH_MAX];

	return file_write_str(str_procpath(path, pid, "setgroups"), value);
}
