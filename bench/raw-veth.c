/* raw-veth.c: the fewest syscalls that do what the veth bench times */
/* SPDX-License-Identifier: MIT */
/*
 *   raw-veth add NAME PEER NSFILE ADDR PEERADDR    (IPv4, /24)
 *	one RTM_NEWLINK making NAME up here and PEER in the namespace, an
 *	address on each end, PEER up, lo up on both sides: the requests
 *	'ctbox veth add NAME PEER -N NS -a ADDR/24 -A PEERADDR/24 -u' sends
 *   raw-veth del NAME
 *	one RTM_DELLINK by name
 * The physical limit the applet is measured against: no option parsing,
 * no checks beyond the acks, no messages.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

struct req {
	struct nlmsghdr h;
	char b[256];
};

static void *put(struct req *r, int type, const void *data, int len)
{
	struct rtattr *a = (void *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void end(struct req *r, struct rtattr *a)
{
	a->rta_len = (char *)r + r->h.nlmsg_len - (char *)a;
}

static void *start(struct req *r, int type, int flags, int fam)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_LENGTH(fam);
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	return NLMSG_DATA(&r->h);
}

static void talk(int fd, struct req *r)
{
	char buf[1024];
	struct nlmsgerr *e = NLMSG_DATA((struct nlmsghdr *)buf);

	if (send(fd, r, r->h.nlmsg_len, 0) < 0 ||
	    recv(fd, buf, sizeof(buf), 0) < 0 || e->error)
		_exit(1);
}

static void link_up(int fd, int index, const char *name)
{
	struct req r;
	struct ifinfomsg *ifi = start(&r, RTM_NEWLINK, 0, sizeof(*ifi));

	ifi->ifi_index = index;
	ifi->ifi_flags = ifi->ifi_change = IFF_UP;
	if (!index)
		put(&r, IFLA_IFNAME, name, strlen(name) + 1);
	talk(fd, &r);
}

/* the address on dev; its index */
static int address(int fd, const char *dev, const char *ip)
{
	struct req r;
	struct ifaddrmsg *ifa = start(&r, RTM_NEWADDR,
				      NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifa));
	struct ifreq ifr;
	struct in_addr a;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, dev);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) || inet_pton(AF_INET, ip, &a) != 1)
		_exit(1);
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 24;
	ifa->ifa_index = ifr.ifr_ifindex;
	put(&r, IFA_LOCAL, &a, 4);
	put(&r, IFA_ADDRESS, &a, 4);
	talk(fd, &r);
	return ifr.ifr_ifindex;
}

static void create(int fd, const char *name, const char *peer, int nsfd)
{
	struct req r;
	struct ifinfomsg *ifi = start(&r, RTM_NEWLINK,
				      NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifi));
	struct rtattr *info, *data, *pa;

	ifi->ifi_flags = ifi->ifi_change = IFF_UP;
	put(&r, IFLA_IFNAME, name, strlen(name) + 1);
	info = put(&r, IFLA_LINKINFO, NULL, 0);
	put(&r, IFLA_INFO_KIND, "veth", 4);
	data = put(&r, IFLA_INFO_DATA, NULL, 0);
	pa = put(&r, VETH_INFO_PEER, NULL, 0);
	r.h.nlmsg_len += sizeof(struct ifinfomsg);
	put(&r, IFLA_IFNAME, peer, strlen(peer) + 1);
	put(&r, IFLA_NET_NS_FD, &nsfd, 4);
	end(&r, pa);
	end(&r, data);
	end(&r, info);
	talk(fd, &r);
}

int main(int argc, char **argv)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int nsfd, self, fd2;
	struct req r;

	if (argc == 3 && !strcmp(argv[1], "del")) {
		start(&r, RTM_DELLINK, 0, sizeof(struct ifinfomsg));
		put(&r, IFLA_IFNAME, argv[2], strlen(argv[2]) + 1);
		talk(fd, &r);
		return 0;
	}
	if (argc != 7)
		return 2;
	nsfd = open(argv[4], O_RDONLY | O_CLOEXEC);
	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (nsfd < 0 || self < 0 || setns(nsfd, CLONE_NEWNET))
		return 1;
	fd2 = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (setns(self, CLONE_NEWNET))
		return 1;
	create(fd, argv[2], argv[3], nsfd);
	address(fd, argv[2], argv[5]);
	link_up(fd2, address(fd2, argv[3], argv[6]), NULL);
	link_up(fd, 0, "lo");
	link_up(fd2, 0, "lo");
	return 0;
}
