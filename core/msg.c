/* msg.c: error and warning messages, one write(2) each */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctbox.h"
#include "errmsg.h"
#include "msg.h"
#include "out.h"
#include "str.h"

_Static_assert(ERRMSG_SIZE < MSG_ERRBUF, "MSG_ERRBUF too small for the texts");

/* in .bss: a write to .data would copy a page that nothing else writes */
static const char *prefix;

void msg_prefix(const char *p)
{
	prefix = p;
}

const char *msg_strerror(int err, char *buf)
{
	char *p = buf, *end, num[24];
	int n;

	if (err > 0 && err < ERRMSG_COUNT) {
		buf[lz_expand(errmsg_lz, ERRMSG_LZ_LEN, buf)] = 0;
		for (n = err; n; n--)
			p = strchr(p, '\n') + 1;
		end = strchrnul(p, '\n');
		*end = 0;
		if (end > p)
			return p;
	}
	return str_join(buf, MSG_ERRBUF, "Unknown error ",
			str_utoa(num, (unsigned)err));
}

static size_t add(char *buf, size_t len, size_t size, const char *s)
{
	size_t n = strlen(s);

	if (n > size - len)
		n = size - len;
	memcpy(buf + len, s, n);
	return len + n;
}

/* compose and write one message; a line too long is cut, never split */
static void emit(int err, const char *s, va_list ap, const char *tail)
{
	char buf[1024], text[MSG_ERRBUF];
	size_t len = 0, size = sizeof(buf) - 1;

	len = add(buf, len, size, prefix ? prefix : "ctbox");
	len = add(buf, len, size, ": ");
	for (; s; s = va_arg(ap, const char *))
		len = add(buf, len, size, s);
	if (err) {
		len = add(buf, len, size, ": ");
		len = add(buf, len, size, msg_strerror(err, text));
	}
	if (tail)
		len = add(buf, len, size, tail);
	buf[len++] = '\n';
	out_flush();
	(void)!write(2, buf, len);
}

void die_(int status, int err, const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	emit(err, s, ap, NULL);
	va_end(ap);
	exit(status);
}

void warn_(int err, const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	emit(err, s, ap, NULL);
	va_end(ap);
}

void die_usage_(const char *s, ...)
{
	char tail[96];
	const char *name = applet_invocation ? applet_invocation : "ctbox";
	va_list ap;

	if (!str_join(tail, sizeof(tail), "\nTry '", name,
		      " --help' for more information."))
		tail[0] = 0;
	va_start(ap, s);
	emit(0, s, ap, tail);
	va_end(ap);
	exit(1);
}
