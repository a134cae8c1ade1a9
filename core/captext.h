/* captext.h: capability names, and libcap's text formats both ways */
/* SPDX-License-Identifier: MIT */
#ifndef CAPTEXT_H
#define CAPTEXT_H

#include "caps.h"

/*
 * The names come from the toolchain's <linux/capability.h> at build time;
 * a capability without a name (a kernel newer than the headers) is written
 * and read as its number. All functions take cmb, the number of
 * capabilities the running kernel knows (caps_last() + 1): "all" and "="
 * mean those.
 */

/* "cap_chown", or the number, in a static buffer kept until the next
 * call */
#define CAP_NAME_MAX 32
const char *cap_name(int n);
/* the names of the capabilities in set, comma separated, by number */
void cap_out_list(uint64_t set);
/* a name (any case) or a number (0x hex, 0 octal, decimal) below 64 at
 * *s; -1 if none. *s moves past it. */
int cap_scan(const char **s);
/* the whole of s as one capability; -1 if it is not one */
int cap_parse(const char *s);

/* cap_from_text: clauses of NAMES, then = + - and the flags e i p;
 * 0, or -1 if s is malformed */
int captext_parse(const char *s, struct caps *c, int cmb);
/* cap_to_text, written with out_str: the shortest form, as libcap's */
void captext_out(const struct caps *c, int cmb);

/* the IAB form: a comma list of names, each with !, ^ or % before it */
int iab_parse(const char *s, struct iab *v);
void iab_out(const struct iab *v, int cmb);

#endif
