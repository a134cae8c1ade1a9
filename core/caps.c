/* caps.c: the capability sets of the calling thread, without libcap */
/* SPDX-License-Identifier: MIT */
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
