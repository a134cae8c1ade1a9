/* str.c: building strings in fixed buffers */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "str.h"

char *str_join_(char *buf, size_t size, const char *s, ...)
{
	size_t len = 0;
	va_list ap;

	va_start(ap, s);
	for (; s; s = va_arg(ap, const char *)) {
		size_t n = strlen(s);

		if (n >= size - len) {
			va_end(ap);
			errno = ENAMETOOLONG;
			return NULL;
		}
		memcpy(buf + len, s, n);
		len += n;
	}
	va_end(ap);
	buf[len] = 0;
	return buf;
}

char *str_utoa(char *buf, unsigned long long v)
{
	char tmp[24];
	int i = sizeof(tmp);

	tmp[--i] = 0;
	do {
		tmp[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	memcpy(buf, tmp + i, sizeof(tmp) - i);
	return buf;
}

char *str_procpath(char *buf, pid_t pid, const char *what)
{
	char num[24];

	return str_join(buf, PROC_PATH_MAX, "/proc/",
			pid ? str_utoa(num, pid) : "self", "/", what);
}

int str_split(char *s, char sep, char **fields, int max)
{
	int n = 0;

	while (n < max) {
		fields[n++] = s;
		if (n == max)
			break;	/* the last field keeps the rest */
		s = strchr(s, sep);
		if (!s)
			break;
		*s++ = 0;
	}
	return n;
}

char *str_word(char **s)
{
	char *p = *s, *w;

	while (*p == ' ' || *p == '\t')
		p++;
	w = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = 0;
	*s = p;
	return w;
}

char *str_item(const char **s, char sep, char *buf, size_t size)
{
	const char *p = *s;
	size_t len;

	while (*p == sep)
		p++;
	if (!*p)
		return NULL;
	len = strchrnul(p, sep) - p;
	*s = p + len;
	if (len >= size)
		len = size - 1;
	memcpy(buf, p, len);
	buf[len] = 0;
	return buf;
}

static int lower(unsigned char c)
{
	return (unsigned)(c - 'A') < 26 ? c + 32 : c;
}

int str_ncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (lower(*a) != lower(*b) || !*a)
			return lower(*a) - lower(*b);
	return 0;
}

int str_in_list(const char *list, const char *w, size_t n)
{
	for (; list; list = strchr(list, ','), list += !!list)
		if (!strncmp(list, w, n) && (list[n] == ',' || !list[n]))
			return 1;
	return 0;
}
