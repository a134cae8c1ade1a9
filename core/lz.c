/* lz.c: expanding the texts scripts/lzhelp.c compressed */
/* SPDX-License-Identifier: MIT */
#include "ctbox.h"

/* a byte below 0x80 is itself; 1LLLLDDD DDDDDDDD copies L+3 bytes from
 * D bytes back */
size_t lz_expand(const char *src, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)src, *end = p + len;
	unsigned dist;
	size_t n = 0;

	while (p < end) {
		if (*p < 0x80) {
			out[n++] = *p++;
			continue;
		}
		len = (*p >> 3 & 15) + 3;
		dist = (*p & 7) << 8 | p[1];
		p += 2;
		for (; len; len--, n++)
			out[n] = out[n - dist];
	}
	return n;
}
