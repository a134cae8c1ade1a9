/* parse.h: strict parsing of numbers, sizes, ids and signals */
/* SPDX-License-Identifier: MIT */
#ifndef PARSE_H
#define PARSE_H

/*
 * Strict: digits only (no sign, no spaces), no trailing junk, no overflow.
 * base is 10, 16, or 0 for "0x" hex or decimal. The parse_ functions return
 * 0, or -1 with errno EINVAL or ERANGE; the xparse_ ones die with
 * "invalid WHAT: 'S'".
 */
int parse_u64(const char *s, int base, unsigned long long max,
	      unsigned long long *v);
/* a size in bytes with an optional K, M, G or T suffix (powers of 1024) */
int parse_size(const char *s, unsigned long long *v);
/* a uid or gid: 0 to 4294967294 ((uid_t)-1 means "no change" to the kernel) */
int parse_id(const char *s, unsigned *id);
/* a signal: a number, or a name with or without SIG, any case; -1 if bad */
int parse_signal(const char *s);
/* the name of a signal without SIG ("TERM"), or NULL */
const char *signal_name(int sig);

unsigned long long xparse_u64(const char *s, int base, unsigned long long max,
			      const char *what);
unsigned long long xparse_size(const char *s, const char *what);
unsigned xparse_id(const char *s, const char *what);

#endif
