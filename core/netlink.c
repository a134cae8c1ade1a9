/* netlink.c: rtnetlink requests: building them, acks, extended acks, dumps */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "msg.h"
#include "netlink.h"
#include "str.h"

/*
 * A dump fills messages of up to the size of the buffer we read with (the
 * kernel caps that at 32 KiB), or of its own minimum when that is larger:
 * a message cut short is reported (EMSGSIZE), never parsed.
 */
#define NL_RECV_MAX 32768

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#define NLM_F_ACK_TLVS 0x200
#endif

/* the raw calls: musl's socket wrappers carry fallbacks (socketcall,
 * kernels before 2.6.27) that ctbox has no use for; syscall() takes its
 * arguments as longs, which the prototype makes them */
static long sys(long n, long a, long b, long c, long d, long e, long f)
{
	return syscall(n, a, b, c, d, e, f);
}

/* the options are as old as 4.3 (short acks), 4.12 (extended acks) and
 * 4.20 (strict checks: dump filters are honoured); older kernels refuse
 * them and answer as they always did */
static void set_options(int fd)
{
	static const int opts[] = { NETLINK_CAP_ACK, NETLINK_EXT_ACK,
				    NETLINK_GET_STRICT_CHK };
	const int one = 1;
	unsigned i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		sys(SYS_setsockopt, fd, SOL_NETLINK, opts[i], (long)&one,
		    sizeof(one), 0);
}

/* enter the namespace nsfd (-1: stay in ours); the fd of ours to come
 * back with, or -1 */
static int enter(int nsfd, const char *ns)
{
	int self;

	if (nsfd < 0)
		return -1;
	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0 || setns(nsfd, CLONE_NEWNET))
		die_errno("cannot open a netlink socket in ", ns);
	return self;
}

/* a socket belongs for good to the namespace it was made in: enter the
 * namespace, make it, and come back */
void nl_open(struct nl *nl, int nsfd, const char *ns)
{
	int self = enter(nsfd, ns);

	memset(nl, 0, sizeof(*nl));
	nl->fd = sys(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
		     NETLINK_ROUTE, 0, 0, 0);
	if (nl->fd < 0)
		die_errno("cannot open a netlink socket in ",
			  ns ? ns : "our namespace");
	if (self >= 0 && setns(self, CLONE_NEWNET))
		die_errno("cannot return to our network namespace");
	if (self >= 0)
		close(self);
	set_options(nl->fd);
}

/* --- building ------------------------------------------------------- */

void *nl_room(union nlreq *r, size_t len)
{
	size_t off = NLMSG_ALIGN(r->h.nlmsg_len);

	len = RTA_ALIGN(len);
	if (len > sizeof(*r) - off)
		die("netlink request too long");
	memset(r->b + off, 0, len);
	r->h.nlmsg_len = off + len;
	return r->b + off;
}

void *nl_req(union nlreq *r, int type, int flags, size_t fam)
{
	r->h.nlmsg_len = NLMSG_HDRLEN;
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = flags;
	r->h.nlmsg_seq = r->h.nlmsg_pid = 0;
	return nl_room(r, fam);
}

struct rtattr *nl_put(union nlreq *r, int type, const void *data,
		      size_t len)
{
	struct rtattr *a = nl_room(r, RTA_LENGTH(len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	return a;
}

void nl_put_u32(union nlreq *r, int type, unsigned v)
{
	nl_put(r, type, &v, sizeof(v));
}

void nl_put_str(union nlreq *r, int type, const char *s)
{
	nl_put(r, type, s, strlen(s) + 1);
}

struct rtattr *nl_nest(union nlreq *r, int type)
{
	return nl_put(r, type | NLA_F_NESTED, NULL, 0);
}

void nl_end(union nlreq *r, struct rtattr *nest)
{
	nest->rta_len = r->b + r->h.nlmsg_len - (char *)nest;
}

/* --- parsing -------------------------------------------------------- */

const struct rtattr *nl_find(const void *p, size_t len, int type)
{
	const struct rtattr *a = p;
	int n = len;

	for (; RTA_OK(a, n); a = RTA_NEXT(a, n))
		if ((a->rta_type & NLA_TYPE_MASK) == type)
			return a;
	return NULL;
}

const struct rtattr *nl_find_msg(const struct nlmsghdr *h, size_t fam,
				 int type)
{
	size_t off = NLMSG_SPACE(fam);

	if (h->nlmsg_len < off)
		return NULL;
	return nl_find((const char *)h + off, h->nlmsg_len - off, type);
}

unsigned nl_u32(const struct rtattr *a)
{
	unsigned v = 0;

	if (a && RTA_PAYLOAD(a) >= sizeof(v))
		memcpy(&v, RTA_DATA(a), sizeof(v));
	return v;
}

const char *nl_str(const struct rtattr *a)
{
	const char *s = a ? RTA_DATA(a) : "";

	if (!a || !RTA_PAYLOAD(a) || s[RTA_PAYLOAD(a) - 1])
		return "";
	return s;
}

/* --- talking -------------------------------------------------------- */

static int fail(struct nl *nl, int err)
{
	nl->err = err;
	return -1;
}

/* the end of an answer: an ack (an error, or 0), or the end of a dump,
 * which carries an error too. The kernel's message follows, as attributes,
 * when it sends one: that needs 4.12, which also keeps our request out of
 * the ack (NETLINK_CAP_ACK). */
static int end(struct nl *nl, const struct nlmsghdr *m, int ret)
{
	size_t off = m->nlmsg_type == NLMSG_ERROR ?
		NLMSG_SPACE(sizeof(struct nlmsgerr)) : NLMSG_SPACE(sizeof(int));
	int err = 0;

	if (m->nlmsg_len >= NLMSG_SPACE(sizeof(int)))
		memcpy(&err, NLMSG_DATA(m), sizeof(int));
	if (!err)
		return ret;
	if ((m->nlmsg_flags & NLM_F_ACK_TLVS) && m->nlmsg_len >= off)
		str_join(nl->ext, sizeof(nl->ext), nl_str(nl_find(
			(const char *)m + off, m->nlmsg_len - off,
			NLMSGERR_ATTR_MSG)));
	return fail(nl, -err);
}

/* one datagram of answers: 1 when it held the end, *ret set */
static int answers(struct nl *nl, const struct nlmsghdr *m, int len,
		   unsigned seq, nl_fn *fn, void *ctx, int *ret)
{
	for (; NLMSG_OK(m, len); m = NLMSG_NEXT(m, len)) {
		if (m->nlmsg_seq != seq)
			continue;
		if (m->nlmsg_type == NLMSG_ERROR ||
		    m->nlmsg_type == NLMSG_DONE) {
			*ret = end(nl, m, *ret);
			return 1;
		}
		if (m->nlmsg_type >= NLMSG_MIN_TYPE && !*ret && fn)
			*ret = fn(m, ctx);
	}
	return 0;
}

int nl_talk(struct nl *nl, struct nlmsghdr *h, nl_fn *fn, void *ctx)
{
	union { struct nlmsghdr h; char b[NL_RECV_MAX]; } buf;
	int ret = 0;
	ssize_t n;

	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = ++nl->seq;
	nl->ext[0] = 0;
	if (sys(SYS_sendto, nl->fd, (long)h, h->nlmsg_len, 0, 0, 0) < 0)
		return fail(nl, errno);
	do {
		/* MSG_TRUNC: the length of the datagram, even when it was
		 * longer than the buffer */
		n = sys(SYS_recvfrom, nl->fd, (long)buf.b, sizeof(buf),
			MSG_TRUNC, 0, 0);
		if (n < 0)
			return fail(nl, errno);
		if (n > (ssize_t)sizeof(buf))
			return fail(nl, EMSGSIZE);
	} while (!answers(nl, &buf.h, n, h->nlmsg_seq, fn, ctx, &ret));
	return ret;
}

const char *nl_error(struct nl *nl)
{
	int ext = nl->ext[0] != 0;
	char text[MSG_ERRBUF];

	return str_join(nl->msg, sizeof(nl->msg), msg_strerror(nl->err, text),
			ext ? " (" : "", nl->ext, ext ? ")" : "");
}
