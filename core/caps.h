/* caps.h: the capability sets of the calling thread, without libcap */
/* SPDX-License-Identifier: MIT */
#ifndef CAPS_H
#define CAPS_H

#include <stdint.h>

/* one bit per capability, bit N for capability N */
struct caps {
	uint64_t eff, prm, inh;
};

/* capget/capset on ourselves (version 3: 64 bits); 0 or -1 with errno */
int caps_get(struct caps *c);
int caps_set(const struct caps *c);

/* the highest capability the running kernel knows */
int caps_last(void);

/* make every permitted capability inheritable and ambient, so that they
 * survive execve (unshare/nsenter --keep-caps); dies on failure */
void caps_permitted_to_ambient(void);

#endif
