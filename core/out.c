/* out.c: buffered output to stdout, without stdio */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "ctbox.h"
#include "msg.h"
#include "out.h"
#include "str.h"

/* see CT_COLD: the runs that exec print nothing */
char out_buf[1024] CT_COLD;
static size_t used;
static int failed;		/* the errno of a write that failed */

void out_flush(void)
{
	size_t off = 0;

	while (off < used) {
		ssize_t n = write(1, out_buf + off, used - off);

		if (n < 0) {
			failed = errno;
			break;
		}
		off += n;
	}
	used = 0;
}

void out_mem(const char *s, size_t n)
{
	while (n) {
		size_t k = sizeof(out_buf) - used;

		if (k > n)
			k = n;
		memcpy(out_buf + used, s, k);
		used += k;
		s += k;
		n -= k;
		if (used == sizeof(out_buf))
			out_flush();
	}
}

void out_str(const char *s)
{
	out_mem(s, strlen(s));
}

void out_char(char c)
{
	out_mem(&c, 1);
}

void out_num(unsigned long long v)
{
	char tmp[24];

	out_str(str_utoa(tmp, v));
}

void out_snum(long long v)
{
	if (v < 0) {
		out_char('-');
		out_num(-(unsigned long long)v);
	} else {
		out_num(v);
	}
}

void out_base(unsigned long long v, unsigned base, int width)
{
	char tmp[65];
	int i = 64;

	tmp[64] = 0;
	do {
		tmp[--i] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v || 64 - i < width);
	out_str(tmp + i);
}

int out_close(void)
{
	out_flush();
	if (failed)
		warn_err(failed, "write error");
	return !!failed;
}
