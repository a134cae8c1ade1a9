/* caps.c: the capability sets of the calling thread, without libcap */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>

#include "caps.h"
#include "msg.h"

int caps_get(struct caps *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return -1;
	c->eff = d[0].effective | (uint64_t)d[1].effective << 32;
	c->prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	c->inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	return 0;
}

int caps_set(const struct caps *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {
		{ (uint32_t)c->eff, (uint32_t)c->prm, (uint32_t)c->inh },
		{ c->eff >> 32, c->prm >> 32, c->inh >> 32 },
	};

	return syscall(SYS_capset, &h, d);
}

int caps_last(void)
{
	static int last;
	int n;

	if (last)
		return last;
	/* the bounding set answers for every capability the kernel has */
	for (n = 40; n < 64 && prctl(PR_CAPBSET_READ, n, 0, 0, 0) >= 0; n++)
		;
	while (n > 0 && prctl(PR_CAPBSET_READ, n - 1, 0, 0, 0) < 0)
		n--;
	return last = n - 1;
}

uint64_t caps_all(void)
{
	int last = caps_last();

	return last >= 63 ? ~0ULL : CAP_BIT(last + 1) - 1;
}

uint64_t caps_bound(void)
{
	uint64_t m = 0;
	int n;

	for (n = caps_last(); n >= 0; n--)
		if (prctl(PR_CAPBSET_READ, n, 0, 0, 0) > 0)
			m |= CAP_BIT(n);
	return m;
}

uint64_t caps_ambient(void)
{
	uint64_t m = 0;
	int n;

	for (n = caps_last(); n >= 0; n--)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, n, 0, 0) > 0)
			m |= CAP_BIT(n);
	return m;
}

int caps_bound_drop(int n)
{
	return prctl(PR_CAPBSET_DROP, n, 0, 0, 0);
}

int caps_ambient_set(int n, int on)
{
	return prctl(PR_CAP_AMBIENT, on ? PR_CAP_AMBIENT_RAISE :
		     PR_CAP_AMBIENT_LOWER, n, 0, 0);
}

int caps_ambient_clear(void)
{
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

int caps_raise(const struct caps *c, int cap)
{
	struct caps t = *c;

	t.eff |= CAP_BIT(cap);
	return caps_set(&t);
}

void caps_iab_get(struct iab *v)
{
	struct caps c;

	v->inh = caps_get(&c) ? 0 : c.inh;
	v->amb = caps_ambient();
	v->nb = caps_all() & ~caps_bound();
}

/* the ambient and bounding parts, with CAP_SETPCAP raised */
static int iab_vectors(const struct iab *v)
{
	int n;

	if (caps_ambient_clear())
		return -1;
	for (n = caps_last(); n >= 0; n--) {
		if ((v->amb & CAP_BIT(n)) && caps_ambient_set(n, 1))
			return -1;
		if ((v->nb & CAP_BIT(n)) && caps_bound_drop(n))
			return -1;
	}
	return 0;
}

int caps_iab_set(const struct iab *v)
{
	struct caps c;
	uint64_t raise;
	int ret, err;

	if (caps_get(&c))
		return -1;
	/* new inheritable bits outside I|P, like ambient and bounding
	 * changes, need CAP_SETPCAP in the effective set, and the kernel
	 * judges the new inheritable set by the old effective one */
	raise = (v->inh & ~(c.inh | c.prm)) | v->amb | v->nb;
	if (raise && caps_raise(&c, CAP_SETPCAP))
		return -1;
	c.inh = v->inh;
	if (raise ? caps_raise(&c, CAP_SETPCAP) : caps_set(&c))
		ret = -1;
	else
		ret = iab_vectors(v);
	err = errno;
	caps_set(&c);
	errno = err;
	return ret;
}

void caps_permitted_to_ambient(void)
{
	struct caps c;
	int i, last = caps_last();

	if (caps_get(&c))
		die_errno("capget failed");
	c.inh = c.prm;
	if (caps_set(&c))
		die_errno("capset failed");
	for (i = 0; i <= last; i++)
		if ((c.prm >> i & 1) &&
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, i, 0, 0))
			die_errno("cannot raise ambient capability");
}
