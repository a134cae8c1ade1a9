/* addr.c: network addresses as text: IPv4 and IPv6 with prefixes, MAC */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "parse.h"
#include "str.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* a dotted quad: four numbers up to 255 without leading zeros; where it
 * stops, or NULL */
static const char *v4_parse(unsigned char *a, const char *s)
{
	unsigned v;
	int i, n;

	for (i = 0; i < 4; i++) {
		if (i && *s++ != '.')
			return NULL;
		for (v = n = 0; *s >= '0' && *s <= '9' && n < 4; n++)
			v = v * 10 + *s++ - '0';
		if (!n || v > 255 || (n > 1 && s[-n] == '0'))
			return NULL;
		a[i] = v;
	}
	return s;
}

/* the groups before and after a "::" go to the two ends of the address */
static int v6_place(unsigned char *a, const unsigned char *b, int n,
		    int gap)
{
	if (gap < 0 ? n != 16 : n == 16)
		return -1;
	if (gap < 0)
		gap = n;
	memset(a, 0, 16);
	memcpy(a, b, gap);
	memcpy(a + 16 - (n - gap), b + gap, n - gap);
	return 0;
}

/* RFC 4291: groups of up to four hex digits, one "::" for a run of zero
 * groups, and maybe a dotted quad for the last 32 bits */
static int v6_parse(unsigned char *a, const char *p)
{
	unsigned char b[16];
	const char *q;
	int n = 0, gap = -1, k, d;
	unsigned v;

	if (*p == ':' && *++p != ':')
		return -1;
	if (*p == ':') {
		gap = 0;
		p++;
	}
	while (*p && n < 16) {
		if (n <= 12 && (q = v4_parse(b + n, p)) && !*q)
			return v6_place(a, b, n + 4, gap);
		for (v = k = 0; k < 5 && (d = hexval(*p)) >= 0; k++, p++)
			v = v << 4 | d;
		if (!k || k > 4)
			return -1;
		b[n++] = v >> 8;
		b[n++] = v;
		if (*p && *p++ != ':')
			return -1;
		if (*p == ':' && gap < 0 && p[-1] == ':') {
			gap = n;
			p++;
		} else if (!*p && p[-1] == ':') {
			return -1;
		}
	}
	return *p ? -1 : v6_place(a, b, n, gap);
}

int addr_parse(struct cidr *c, const char *s, int prefix)
{
	const char *slash = strchr(s, '/'), *end;
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned long long len;
	char tmp[48];

	c->text = s;
	if (n >= sizeof(tmp))
		return ADDR_BAD;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	c->family = strchr(tmp, ':') ? AF_INET6 : AF_INET;
	c->size = c->family == AF_INET ? 4 : 16;
	if (c->size == 4 ? !(end = v4_parse(c->addr, tmp)) || *end :
	    v6_parse(c->addr, tmp) != 0)
		return ADDR_BAD;
	c->len = c->size * 8;
	if (!slash)
		return prefix ? ADDR_NO_PREFIX : ADDR_OK;
	if (!prefix)
		return ADDR_HAS_PREFIX;
	if (parse_u64(slash + 1, 10, c->size * 8, &len))
		return errno == ERANGE ? ADDR_PREFIX_RANGE : ADDR_BAD;
	c->len = len;
	return ADDR_OK;
}

static char *v4(char *p, const unsigned char *a)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p += strlen(str_utoa(p, a[i]));
	}
	return p;
}

static char *hex16(char *p, unsigned v)
{
	int shift = 12;

	while (shift && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		*p++ = "0123456789abcdef"[(v >> shift) & 15];
	return p;
}

/* RFC 5952: the first longest run of two or more zero groups is "::" */
static void zero_run(const unsigned *g, int *best, int *blen)
{
	int i, j;

	*best = -1;
	*blen = 1;
	for (i = 0; i < 8; i = j + 1) {
		for (j = i; j < 8 && !g[j]; j++)
			;
		if (j - i > *blen) {
			*best = i;
			*blen = j - i;
		}
	}
}

static char *v6(char *p, const unsigned char *a)
{
	unsigned g[8];
	int i, best, blen;

	for (i = 0; i < 8; i++)
		g[i] = a[2 * i] << 8 | a[2 * i + 1];
	zero_run(g, &best, &blen);
	/* IPv4-mapped and -compatible addresses end in dotted decimal (as
	 * glibc and so iproute2 print them) */
	if (!best && (blen == 6 || (blen == 5 && g[5] == 0xffff))) {
		memcpy(p, "::ffff:", 7);
		return v4(p + (blen == 6 ? 2 : 7), a + 12);
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (!i)
				*p++ = ':';
			i += blen - 1;
			continue;
		}
		p = hex16(p, g[i]);
		if (i < 7)
			*p++ = ':';
	}
	return p;
}

char *addr_format(char *buf, int family, const void *addr, int len)
{
	char *p = family == AF_INET ? v4(buf, addr) : v6(buf, addr);

	if (len >= 0) {
		*p++ = '/';
		p += strlen(str_utoa(p, len));
	}
	*p = 0;
	return buf;
}

int addr_mac_parse(unsigned char mac[6], const char *s)
{
	int i, d;

	for (i = 0; i < 6; i++) {
		if (i && *s++ != ':')
			return -1;
		if ((d = hexval(*s++)) < 0)
			return -1;
		mac[i] = d;
		if ((d = hexval(*s)) >= 0) {
			mac[i] = mac[i] << 4 | d;
			s++;
		}
	}
	return *s ? -1 : 0;
}

char *addr_mac_format(char *buf, const unsigned char *mac, int n)
{
	char *p = buf;
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			*p++ = ':';
		*p++ = "0123456789abcdef"[mac[i] >> 4];
		*p++ = "0123456789abcdef"[mac[i] & 15];
	}
	*p = 0;
	return buf;
}
