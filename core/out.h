/* out.h: buffered output to stdout, without stdio */
/* SPDX-License-Identifier: MIT */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>

void out_mem(const char *s, size_t n);
void out_str(const char *s);
void out_char(char c);
void out_num(unsigned long long v);		/* decimal */
void out_snum(long long v);
/* in base 2..16, lower case, zero padded to width digits */
void out_base(unsigned long long v, unsigned base, int width);
static inline void out_hex(unsigned long long v, int width)
{
	out_base(v, 16, width);
}
void out_flush(void);				/* also done by die() */
/* write what is buffered; if a write to stdout failed (a full disk, a
 * closed descriptor), say so and return exit status 1, else 0 */
int out_close(void);

#endif
