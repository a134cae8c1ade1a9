/* cgknob.c: cgroup knobs, their names and values translated v1 <-> v2 */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "ctbox.h"
#include "cgknob.h"
#include "cgroup.h"
#include "file.h"
#include "msg.h"
#include "parse.h"
#include "str.h"

enum { K_SIZE, K_MAX, K_SWAP, K_QUOTA, K_PERIOD, K_WEIGHT };

static const struct knob {
	const char *v2, *v1;
	unsigned char kind;
} knobs[] = {
	{ "memory.max", "memory.limit_in_bytes", K_SIZE },
	{ "memory.swap.max", "memory.memsw.limit_in_bytes", K_SWAP },
	{ "pids.max", "pids.max", K_MAX },
	{ "cpu.max", "cpu.cfs_quota_us", K_QUOTA },
	{ "cpu.max", "cpu.cfs_period_us", K_PERIOD },
	{ "cpu.weight", "cpu.shares", K_WEIGHT },
};

#define UNLIMITED (~0ULL)

/* the entry of a knob, and whether it was named by its v2 name */
static const struct knob *lookup(const char *name, int *asv2)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		*asv2 = !strcmp(name, knobs[i].v2);
		if (*asv2 || !strcmp(name, knobs[i].v1))
			return &knobs[i];
	}
	return NULL;
}

int cg_knob_hier(const char *knob)
{
	const struct cg_layout *l = cg_xlayout();
	const char *dot = strchr(knob, '.');
	int h;

	if (!dot || dot == knob)
		die("invalid knob '", knob, "': expected CONTROLLER.NAME");
	if (!strncmp(knob, "cgroup.", 7))
		return l->v2 >= 0 ? l->v2 : 0;
	if ((h = cg_ctrl_hier(knob, dot - knob)) < 0)
		die("unknown controller in '", knob,
		    "': no cgroup hierarchy has it");
	return h;
}

void cg_knob_error(const char *dir, const char *knob)
{
	if (errno != ENOENT)
		warn_errno("cannot read ", knob, " of ", dir);
	else if (access(dir, F_OK))
		warn("no such group ", dir);
	else
		warn(dir, " has no knob ", knob);
}

static int get(const char *dir, const char *knob, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t n;

	if (!str_join(path, sizeof(path), dir, "/", knob) ||
	    (n = file_read(path, buf, size)) < 0)
		return -1;
	if (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	return n;
}

static int put(const char *dir, const char *knob, const char *val)
{
	char path[PATH_MAX];

	if (!str_join(path, sizeof(path), dir, "/", knob))
		return -1;
	return file_write_str(path, val);
}

static int set(const char *dir, const char *knob, const char *val)
{
	int err;

	if (!put(dir, knob, val))
		return 0;
	err = errno;
	if (err == ENOENT)
		cg_knob_error(dir, knob);
	else
		warn_(err, err == EINVAL || err == ERANGE ?
		      "the kernel rejects " : "cannot set ", knob, "=", val,
		      " in ", dir, (char *)0);
	return -1;
}

/* a limit as a number: max, -1 and v1's page-rounded LONG_MAX are all
 * UNLIMITED; sizes may end in K, M, G or T */
static int number(const char *s, unsigned long long *v)
{
	if (!strcmp(s, "max") || !strcmp(s, "-1")) {
		*v = UNLIMITED;
		return 0;
	}
	if (parse_size(s, v))
		return -1;
	if (*v > 1ULL << 62)
		*v = UNLIMITED;
	return 0;
}

static int get_number(const char *dir, const char *knob,
		      unsigned long long *v)
{
	char buf[64];

	if (get(dir, knob, buf, sizeof(buf)) < 0)
		return -1;
	if (number(buf, v)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* a limit as the version takes it */
static char *limit(char *buf, unsigned long long v, int v2)
{
	if (v == UNLIMITED)
		return strcpy(buf, v2 ? "max" : "-1");
	return str_utoa(buf, v);
}

static int bad(const char *knob, const char *val)
{
	warn("invalid value '", val, "' for ", knob);
	return -1;
}

/* weight = 1 + (shares - 2) * 9999 / 262142, as the OCI runtimes convert */
static int weight(const char *dir, int to_v2, const char *knob,
		  const char *val)
{
	unsigned long long n;
	char buf[24];

	if (parse_u64(val, 10, to_v2 ? 262144 : 10000, &n) ||
	    n < (to_v2 ? 2u : 1u))
		return bad(knob, val);
	n = to_v2 ? 1 + (n - 2) * 9999 / 262142 : 2 + (n - 1) * 262142 / 9999;
	return set(dir, to_v2 ? "cpu.weight" : "cpu.shares", str_utoa(buf, n));
}

/* cpu.max is "QUOTA PERIOD" on v2, two files on v1 */
static int cpu_v2(const char *dir, int kind, const char *knob,
		  const char *val)
{
	unsigned long long n;
	char buf[64], cat[96];

	if (kind == K_QUOTA) {
		if (number(val, &n))
			return bad(knob, val);
		return set(dir, "cpu.max", limit(buf, n, 1));
	}
	if (get(dir, "cpu.max", buf, sizeof(buf)) < 0) {
		cg_knob_error(dir, "cpu.max");
		return -1;
	}
	*strchrnul(buf, ' ') = 0;
	return set(dir, "cpu.max", str_join(cat, sizeof(cat), buf, " ", val));
}

static int cpu_v1(const char *dir, const char *val)
{
	char q[64], *p;

	if (!str_join(q, sizeof(q), val))
		return bad("cpu.max", val);
	p = strchrnul(q, ' ');
	if (*p)
		*p++ = 0;
	if (!strcmp(q, "max"))
		strcpy(q, "-1");
	if (!*p)
		return set(dir, "cpu.cfs_quota_us", q);
	/* each write must keep quota/period within what the parent allows:
	 * the period first, else the quota first */
	if (!put(dir, "cpu.cfs_period_us", p) &&
	    !put(dir, "cpu.cfs_quota_us", q))
		return 0;
	if (set(dir, "cpu.cfs_quota_us", q))
		return -1;
	return set(dir, "cpu.cfs_period_us", p);
}

/* memory.swap.max (swap alone) <-> memory.memsw.limit_in_bytes (memory and
 * swap): add or take away the memory limit */
static int swap_set(const char *dir, int v2, unsigned long long n)
{
	unsigned long long mem;
	char buf[24];

	if (get_number(dir, v2 ? "memory.max" : "memory.limit_in_bytes",
		       &mem)) {
		cg_knob_error(dir, v2 ? "memory.max" : "memory.limit_in_bytes");
		return -1;
	}
	if (v2 && n != UNLIMITED && mem != UNLIMITED)
		n = n > mem ? n - mem : 0;
	if (!v2 && mem == UNLIMITED)
		n = UNLIMITED;
	if (!v2 && n != UNLIMITED)
		n += mem;
	return set(dir, v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes",
		   limit(buf, n, v2));
}

int cg_knob_set(const char *dir, int h, const char *knob, const char *val)
{
	int v2 = cg_layout()->h[h].v2, asv2;
	const struct knob *k = lookup(knob, &asv2);
	unsigned long long n;
	char buf[24];

	if (!k || (asv2 == v2 && k->kind >= K_QUOTA))
		return set(dir, knob, val);
	if (k->kind == K_WEIGHT)
		return weight(dir, v2, knob, val);
	if (k->kind >= K_QUOTA)
		return v2 ? cpu_v2(dir, k->kind, knob, val) : cpu_v1(dir, val);
	if (number(val, &n))
		return bad(knob, val);
	if (k->kind == K_SWAP && asv2 != v2)
		return swap_set(dir, v2, n);
	return set(dir, v2 ? k->v2 : k->v1,
		   limit(buf, n, v2 || k->kind == K_MAX));
}

/* cpu.max read on v1, cpu.cfs_*_us read on v2 */
static int cpu_get(const char *dir, int v2, int kind, char *buf, size_t size)
{
	char q[32], p[32], *sp;

	if (v2) {
		if (get(dir, "cpu.max", q, sizeof(q)) < 0)
			return -1;
		sp = strchrnul(q, ' ');
		*sp = 0;
		if (kind == K_PERIOD)
			return str_join(buf, size, sp + 1) ? 0 : -1;
		return str_join(buf, size, strcmp(q, "max") ? q : "-1") ? 0 : -1;
	}
	if (get(dir, "cpu.cfs_quota_us", q, sizeof(q)) < 0 ||
	    get(dir, "cpu.cfs_period_us", p, sizeof(p)) < 0)
		return -1;
	return str_join(buf, size, strcmp(q, "-1") ? q : "max", " ", p) ?
		0 : -1;
}

static int swap_get(const char *dir, int v2, unsigned long long *n)
{
	unsigned long long mem;

	if (get_number(dir, v2 ? "memory.swap.max" :
		       "memory.memsw.limit_in_bytes", n) ||
	    get_number(dir, v2 ? "memory.max" : "memory.limit_in_bytes", &mem))
		return -1;
	if (v2 && *n != UNLIMITED)
		*n = mem == UNLIMITED ? UNLIMITED : *n + mem;
	if (!v2 && *n != UNLIMITED)
		*n = *n > mem ? *n - mem : 0;
	return 0;
}

int cg_knob_get(const char *dir, int h, const char *knob, char *buf,
		size_t size)
{
	int v2 = cg_layout()->h[h].v2, asv2;
	const struct knob *k = lookup(knob, &asv2);
	unsigned long long n;
	int r;

	if (!k || asv2 == v2 || k->kind == K_MAX)
		return get(dir, knob, buf, size);
	if (k->kind >= K_QUOTA && k->kind <= K_PERIOD)
		r = cpu_get(dir, v2, k->kind, buf, size);
	else if (k->kind == K_SWAP)
		r = swap_get(dir, v2, &n);
	else
		r = get_number(dir, v2 ? k->v2 : k->v1, &n);
	if (r)
		return -1;
	if (k->kind == K_WEIGHT)
		str_utoa(buf, v2 ? 2 + (n - 1) * 262142 / 9999 :
			 1 + (n < 2 ? 0 : n - 2) * 9999 / 262142);
	else if (k->kind <= K_SWAP)
		limit(buf, n, asv2);
	return strlen(buf);
}
