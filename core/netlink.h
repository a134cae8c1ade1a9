/* netlink.h: rtnetlink requests: building them, acks, extended acks, dumps */
/* SPDX-License-Identifier: MIT */
#ifndef NETLINK_H
#define NETLINK_H

#include <stddef.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* a NETLINK_ROUTE socket, bound to the network namespace it was opened in */
struct nl {
	int fd;			/* set it to -1 until nl_open */
	unsigned seq;
	int err;		/* errno of the last failed request */
	char ext[128];		/* the kernel's own message, or "" */
	char msg[160];		/* nl_error's text */
};

/* open a socket in the network namespace nsfd (-1: our own): enter it,
 * open the socket, come back. Dies naming ns (NULL: ours) when it cannot:
 * the calling process is back in its own namespace when this returns. */
void nl_open(struct nl *nl, int nsfd, const char *ns);

/*
 * A request is built in a union nlreq: nl_req writes the header and returns
 * the family header (struct ifinfomsg...), zeroed; attributes and nests
 * follow. NL_REQ_MAX holds any request ctbox makes: one that outgrows it
 * is a bug, and dies.
 */
#define NL_REQ_MAX 256
union nlreq {
	struct nlmsghdr h;
	char b[NL_REQ_MAX];
};

void *nl_req(union nlreq *r, int type, int flags, size_t fam);
/* room for len zeroed bytes (a nested ifinfomsg) */
void *nl_room(union nlreq *r, size_t len);
/* add an attribute; its header is returned (nl_nest needs it) */
struct rtattr *nl_put(union nlreq *r, int type, const void *data, size_t len);
void nl_put_u32(union nlreq *r, int type, unsigned v);
void nl_put_str(union nlreq *r, int type, const char *s);
/* open a nested attribute; nl_end closes it once its content is in */
struct rtattr *nl_nest(union nlreq *r, int type);
void nl_end(union nlreq *r, struct rtattr *nest);

/*
 * Send a request (NLM_F_REQUEST and NLM_F_ACK are added) and read until its
 * end: the ack, or NLMSG_DONE of a dump. Each other answer (the object a
 * GET asks for, each object of a dump) goes to fn, if given; a positive
 * return stops the calls (the rest is read and dropped) and is returned.
 * 0 on success; -1 with nl->err and nl->ext when the kernel or the socket
 * says no.
 */
typedef int nl_fn(const struct nlmsghdr *h, void *ctx);
int nl_talk(struct nl *nl, struct nlmsghdr *h, nl_fn *fn, void *ctx);

/* "strerror" or "strerror (the kernel's message)" of the last failure */
const char *nl_error(struct nl *nl);

/* the first attribute of a type in [p, p + len), or after a message's
 * family header; NULL if there is none */
const struct rtattr *nl_find(const void *p, size_t len, int type);
const struct rtattr *nl_find_msg(const struct nlmsghdr *h, size_t fam,
				 int type);

/* 0 for a missing attribute */
unsigned nl_u32(const struct rtattr *a);
/* a string attribute, NUL-checked; "" if it has none */
const char *nl_str(const struct rtattr *a);

#endif
