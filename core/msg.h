/* msg.h: error and warning messages, one write(2) each */
/* SPDX-License-Identifier: MIT */
#ifndef MSG_H
#define MSG_H

#include <errno.h>

/*
 * Each message is "PREFIX: part1part2...[: strerror]\n", where PREFIX is
 * "unshare" or "ctbox: unshare". The parts are strings, ended by the macros.
 * Evaluate errno before anything that may change it: the macros pass it
 * first, but the other arguments should be plain values.
 */
_Noreturn void die_(int status, int err, const char *s, ...);
void warn_(int err, const char *s, ...);
_Noreturn void die_usage_(const char *s, ...);

#define die(...)		die_(1, 0, __VA_ARGS__, (char *)0)
#define die_errno(...)		die_(1, errno, __VA_ARGS__, (char *)0)
#define die_err(e, ...)		die_(1, (e), __VA_ARGS__, (char *)0)
#define die_status(st, e, ...)	die_((st), (e), __VA_ARGS__, (char *)0)
#define warn(...)		warn_(0, __VA_ARGS__, (char *)0)
#define warn_errno(...)		warn_(errno, __VA_ARGS__, (char *)0)
#define warn_err(e, ...)	warn_((e), __VA_ARGS__, (char *)0)
/* a usage error: the message, then "Try 'APPLET --help' ...", status 1 */
#define die_usage(...)		die_usage_(__VA_ARGS__, (char *)0)

/* strerror(err) in buf, which holds MSG_ERRBUF bytes: the texts of the
 * build host's C library, compressed (scripts/gen-errmsg.sh) */
#define MSG_ERRBUF 4096
const char *msg_strerror(int err, char *buf);

/* the prefix of every message ("unshare" or "ctbox: unshare") */
void msg_prefix(const char *prefix);

#endif
