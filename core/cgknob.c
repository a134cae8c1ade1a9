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

/* in the order of names */
enum { K_SIZE, K_SWAP, K_MAX, K_QUOTA, K_PERIOD, K_WEIGHT };

/* of each kind its v2 name, then its v1 name */
static const char *const names[] = {
	"memory.max", "memory.limit_in_bytes",
	"memory.swap.max", "memory.memsw.limit_in_bytes",
	"pids.max", "pids.max",
	"cpu.max", "cpu.cfs_quota_us",
	"cpu.max", "cpu.cfs_period_us",
	"cpu.weight", "cpu.shares",
};

#define UNLIMITED (~0ULL)

/* the name of kind k in v2 or v1 */
static const char *name(int k, int v2)
{
	return names[2 * k + !v2];
}

/* the kind of a knob, and whether it was named by its v2 name; -1 */
static int lookup(const char *knob, int *asv2)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(knob, names[i])) {
			*asv2 = !(i & 1);
			return i >> 1;
		}
	return -1;
}

int cg_knob_hier(const char *knob)
{
	const struct cg_layout *l = cg_xlayout();
	const char *k = knob;
	char ctrl[64];

	/* k: after the controller, at the dot that must follow it */
	str_item(&k, '.', ctrl, sizeof(ctrl));
	if (*knob == '.' || !*k)
		die("invalid knob '", knob, "': expected CONTROLLER.NAME");
	if (!strcmp(ctrl, "cgroup"))
		return l->v2 >= 0 ? l->v2 : 0;
	return cg_xctrl_hier(ctrl);
}

void cg_knob_add(struct cg_knob k[CG_KNOBS_MAX], int *n, char *arg)
{
	if (*n == CG_KNOBS_MAX)
		die_usage("too many knobs");
	k += (*n)++;
	k->knob = arg;
	k->val = strchr(arg, '=');
	if (!k->val)
		die_usage("invalid knob '", arg, "': expected KNOB=VALUE");
	*k->val++ = 0;
	k->h = cg_knob_hier(arg);
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

static int set(const char *dir, const char *knob, const char *val)
{
	int err;

	if (!cg_put(dir, knob, val))
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

/*
 * A value of a limit or a weight, in the form of v2 or v1 (from), into the
 * form of the other or the same (to_v2), in out of 24, which may be val:
 * val is read before out is written. memory.swap.max is swap alone, v1's
 * memsw memory and swap: the group's memory limit (mem, read from dir) is
 * taken away or added. NULL if val is no such value.
 */
static char *convert(int k, const char *dir, const char *val,
		     int from_v2, int to_v2, char *out)
{
	unsigned long long n, mem;
	char buf[32];

	if (k == K_WEIGHT) {
		if (parse_u64(val, 10, from_v2 ? 10000 : 262144, &n) ||
		    n < 2u - from_v2)
			return NULL;
		if (from_v2 != to_v2)
			n = to_v2 ? 1 + (n - 2) * 9999 / 262142 :
			    2 + (n - 1) * 262142 / 9999;
		return str_utoa(out, n);
	}
	if (number(val, &n))
		return NULL;
	if (k == K_SWAP && from_v2 != to_v2 && n != UNLIMITED) {
		/* the memory limit, under the name dir's version has */
		if ((cg_get(dir, "memory.max", buf, sizeof(buf)) < 0 &&
		     cg_get(dir, "memory.limit_in_bytes", buf, sizeof(buf)) < 0)
		    || number(buf, &mem))
			return NULL;
		if (mem == UNLIMITED)
			n = to_v2 ? n : UNLIMITED;
		else
			n = to_v2 ? (n > mem ? n - mem : 0) : n + mem;
	}
	if (n == UNLIMITED)
		return str_join(out, 24, to_v2 || k == K_MAX ? "max" :
				"-1");
	return str_utoa(out, n);
}

static int bad(const char *knob, const char *val)
{
	warn("invalid value '", val, "' for ", knob);
	return -1;
}

/* a quota in the form of the other version: v2's max is v1's -1 */
static const char *quota(const char *q, int to_v2)
{
	if (!strcmp(q, to_v2 ? "-1" : "max"))
		return to_v2 ? "max" : "-1";
	return q;
}

/* cpu.max is "QUOTA PERIOD" on v2, two files on v1 */
static int cpu_v2(const char *dir, int kind, const char *val)
{
	char buf[96], *p;

	if (kind == K_QUOTA)
		return set(dir, "cpu.max", quota(val, 1));
	if (cg_get(dir, "cpu.max", buf, sizeof(buf)) < 0) {
		cg_knob_error(dir, "cpu.max");
		return -1;
	}
	/* the quota read, then the new period */
	p = strchrnul(buf, ' ');
	if (!str_join(p, buf + sizeof(buf) - p, " ", val))
		return bad("cpu.cfs_period_us", val);
	return set(dir, "cpu.max", buf);
}

static int cpu_v1(const char *dir, const char *val)
{
	char buf[64], *p;
	const char *q;

	if (!str_join(buf, sizeof(buf), val))
		return bad("cpu.max", val);
	p = strchrnul(buf, ' ');
	if (*p)
		*p++ = 0;
	q = quota(buf, 0);
	if (!*p)
		return set(dir, "cpu.cfs_quota_us", q);
	/* each write must keep quota/period within what the parent allows:
	 * the period first, else the quota first */
	if (!cg_put(dir, "cpu.cfs_period_us", p) &&
	    !cg_put(dir, "cpu.cfs_quota_us", q))
		return 0;
	if (set(dir, "cpu.cfs_quota_us", q))
		return -1;
	return set(dir, "cpu.cfs_period_us", p);
}

int cg_knob_set(const char *dir, int h, const char *knob, const char *val)
{
	int v2 = cg_layout()->h[h].v2, asv2;
	int k = lookup(knob, &asv2);
	char buf[24];

	if (k < 0 || (asv2 == v2 && k >= K_QUOTA))
		return set(dir, knob, val);
	if (k == K_QUOTA || k == K_PERIOD)
		return v2 ? cpu_v2(dir, k, val) : cpu_v1(dir, val);
	if (!convert(k, dir, val, asv2, v2, buf))
		return bad(knob, val);
	return set(dir, name(k, v2), buf);
}

/* cpu.max read on v1, cpu.cfs_*_us read on v2 */
static char *cpu_get(const char *dir, int v2, int kind, char *buf,
		     size_t size)
{
	char q[32], p[32], *sp;

	if (v2) {
		if (cg_get(dir, "cpu.max", q, sizeof(q)) < 0)
			return NULL;
		sp = strchrnul(q, ' ');
		*sp = 0;
		return str_join(buf, size, kind == K_PERIOD ? sp + 1 :
				quota(q, 0));
	}
	if (cg_get(dir, "cpu.cfs_quota_us", q, sizeof(q)) < 0 ||
	    cg_get(dir, "cpu.cfs_period_us", p, sizeof(p)) < 0)
		return NULL;
	return str_join(buf, size, quota(q, 1), " ", p);
}

int cg_knob_get(const char *dir, int h, const char *knob, char *buf,
		size_t size)
{
	int v2 = cg_layout()->h[h].v2, asv2;
	int k = lookup(knob, &asv2);

	if (k < 0 || asv2 == v2 || k == K_MAX)
		return cg_get(dir, knob, buf, size);
	if (k == K_QUOTA || k == K_PERIOD) {
		if (!cpu_get(dir, v2, k, buf, size))
			return -1;
	} else if (cg_get(dir, name(k, v2), buf, size) < 0) {
		return -1;
	} else if (!convert(k, dir, buf, v2, asv2, buf)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* the directory of cg_knobs_set's knobs (see CT_COLD) */
char cgknob_dir[PATH_MAX] CT_COLD;

/* each knob saves what it was on the stack, to set it back if a later one
 * fails; the directory is shared, and made again for that */
int cg_knobs_set(const struct cg_knob *k, int n)
{
	char *dir = cgknob_dir;
	char old[64];

	if (!n)
		return 0;
	cg_path_dir(dir, k->path, k->h);
	if (cg_knob_get(dir, k->h, k->knob, old, sizeof(old)) < 0)
		*old = 0;
	if (cg_knob_set(dir, k->h, k->knob, k->val))
		return -1;
	if (!cg_knobs_set(k + 1, n - 1))
		return 0;
	if (*old)
		cg_knob_set(cg_path_dir(dir, k->path, k->h), k->h, k->knob,
			    old);
	return -1;
}
