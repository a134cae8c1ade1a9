/* caps.h: the capability sets of the calling thread, without libcap */
/* SPDX-License-Identifier: MIT */
#ifndef CAPS_H
#define CAPS_H

#include <stdint.h>

/* one bit per capability, bit N for capability N */
struct caps {
	uint64_t eff, prm, inh;
};

/* the IAB tuple: inheritable, ambient, and blocked (not in bounding) */
struct iab {
	uint64_t inh, amb, nb;
};

#define CAP_BIT(n) (1ULL << (n))

/* capget/capset on ourselves (version 3: 64 bits); 0 or -1 with errno */
int caps_get(struct caps *c);
int caps_set(const struct caps *c);

/* the highest capability the running kernel knows */
int caps_last(void);
/* every capability the kernel knows, as a mask */
uint64_t caps_all(void);

/* the bounding and ambient sets as masks of the known capabilities */
uint64_t caps_bound(void);
uint64_t caps_ambient(void);

/* drop n from the bounding set, raise or lower it in the ambient set;
 * 0 or -1 with errno */
int caps_bound_drop(int n);
int caps_ambient_set(int n, int on);
/* clear the ambient set; fine where it is empty and locked (no-op) */
int caps_ambient_clear(void);

/* capset with CAP_SETPCAP (or another) added to the effective set, when
 * it is permitted: what changes to the bounding, ambient and inheritable
 * sets need; 0 or -1 with errno */
int caps_raise(const struct caps *c, int cap);

void caps_iab_get(struct iab *v);
/* inheritable first, then ambient (which needs it), then the bounding
 * set; CAP_SETPCAP is raised for the duration. 0 or -1 with errno. */
int caps_iab_set(const struct iab *v);

/* make every permitted capability inheritable and ambient, so that they
 * survive execve (unshare/nsenter --keep-caps); dies on failure */
void caps_permitted_to_ambient(void);

#endif
