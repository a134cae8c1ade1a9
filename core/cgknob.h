/* cgknob.h: cgroup knobs, their names and values translated v1 <-> v2 */
/* SPDX-License-Identifier: MIT */
#ifndef CGKNOB_H
#define CGKNOB_H

#include <stddef.h>

/*
 * Where a clear mapping exists, a knob can be named by its v1 or its v2
 * name on either version, with values in the form of that name:
 *
 *   memory.max       memory.limit_in_bytes        max <-> -1, K/M/G sizes
 *   memory.swap.max  memory.memsw.limit_in_bytes  swap <-> memory + swap
 *   pids.max         pids.max                     -1 -> max
 *   cpu.max          cpu.cfs_quota_us, cpu.cfs_period_us
 *   cpu.weight       cpu.shares   weight = 1 + (shares - 2) * 9999 / 262142
 *
 * Any other knob (cpuset.cpus, cpuset.mems...) is written as it is.
 */

/* the hierarchy serving the knob's controller ("memory" of memory.max;
 * cgroup.* files: v2, else the first), or die naming the knob */
int cg_knob_hier(const char *knob);

/* set knob to value in the group at dir, of hierarchy h: 0, or -1 with a
 * message naming the group, the knob and the value */
int cg_knob_set(const char *dir, int h, const char *knob, const char *value);

/* read knob of the group at dir, of hierarchy h, without its last newline,
 * into buf: 0 or more, or -1 with errno (ENOENT: no such knob or group) */
int cg_knob_get(const char *dir, int h, const char *knob, char *buf,
		size_t size);

/* a KNOB=VALUE, split, for the group PATH (set by the applet) of
 * hierarchy h, the knob's */
struct cg_knob {
	const char *path;
	char *knob, *val;
	int h;
};

/* split KNOB=VALUE (arg is changed) into k[*n], counted, with the knob's
 * hierarchy; or die naming what is wrong */
#define CG_KNOBS_MAX 64
void cg_knob_add(struct cg_knob k[CG_KNOBS_MAX], int *n, char *arg);

/* set the n knobs k in order, or none: when one fails, those set before
 * are set back to what they were. 0, or -1 with a message printed. */
int cg_knobs_set(const struct cg_knob *k, int n);

/* the message for a failed cg_knob_get, from errno */
void cg_knob_error(const char *dir, const char *knob);

#endif
