/* veth.c: wire network namespaces with veth pairs over rtnetlink */
/* SPDX-License-Identifier: MIT */

//applet:veth sbin VETH
//config:config VETH
//config:	bool "veth: wire a network namespace in one command"
//config:	default y
//config:	select CORE_NS
//config:	select CORE_NETLINK
//config:	select CORE_ADDR
//config:	help
//config:	  Usage:
//config:	   veth add <name> <peer> [options]
//config:	   veth del <name> [-n <ns>]
//config:	   veth show [<name>] [-n <ns>] [-j]
//config:	   veth up <dev> [-n <ns>] [-a <cidr>]...
//config:	   veth down <dev> [-n <ns>]
//config:
//config:	  Create a veth pair with its ends in any network namespaces, their
//config:	  addresses, a default route and the links up, in one command.
//config:
//config:	  Options:
//config:	   -n, --netns <ns>          namespace of <name> or <dev>
//config:	   -N, --peer-netns <ns>     namespace of <peer>
//config:	   -a, --addr <cidr>         add an address to <name> or <dev>
//config:	   -A, --peer-addr <cidr>    add an address to <peer>
//config:	   -g, --peer-gateway <ip>   add a default route via <ip> for <peer>
//config:	   -m, --mtu <n>             MTU of both ends
//config:	       --mac <mac>           MAC address of <name>
//config:	       --peer-mac <mac>      MAC address of <peer>
//config:	   -u, --up                  bring both ends and loopbacks up
//config:	   -j, --json                show as JSON
//config:
//config:	  <ns>: a name in /run/netns, a namespace file or a PID.
//config:
//config:	   -h, --help                display this help
//config:	   -V, --version             display version

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/veth.h>

#include "ctbox.h"
#include "addr.h"
#include "msg.h"
#include "netlink.h"
#include "ns.h"
#include "opt.h"
#include "out.h"
#include "parse.h"
#include "str.h"

enum {
	O_NETNS = 1, O_PEERNS, O_ADDR, O_PEERADDR, O_GW, O_MTU, O_MAC,
	O_PEERMAC, O_UP, O_JSON, O_LAST = O_JSON
};

#define OPTS(X) \
	X("netns", 'n', OPT_REQ, O_NETNS)        \
	X("peer-netns", 'N', OPT_REQ, O_PEERNS)  \
	X("addr", 'a', OPT_REQ, O_ADDR)          \
	X("peer-addr", 'A', OPT_REQ, O_PEERADDR) \
	X("peer-gateway", 'g', OPT_REQ, O_GW)    \
	X("mtu", 'm', OPT_REQ, O_MTU)            \
	X("mac", 0, OPT_REQ, O_MAC)              \
	X("peer-mac", 0, OPT_REQ, O_PEERMAC)     \
	X("up", 'u', OPT_NONE, O_UP)             \
	X("json", 'j', OPT_NONE, O_JSON)
OPT_TABLE(opts, OPTS);

#define ADDR_MAX 16

/* an end of the pair: <name> (or the <dev> of up, down...), or <peer> */
struct end {
	const char *name;
	const char *ns;		/* -n or -N as given; NULL: ours */
	int nsfd;		/* -1: ours */
	struct nl *nl;		/* a socket in its namespace, if needed */
	int index;		/* 0 until known */
	int has_mac;
	unsigned char mac[6];
	int naddr, added;	/* addresses asked for, and put in place */
	struct cidr addr[ADDR_MAX];
};

/* the scalars first, the arrays after them: short offsets, smaller code */
struct veth {
	const struct cmd *cmd;
	int ngw, up;
	unsigned mtu;
	void (*undo)(struct veth *v);
	/* show */
	int json, count, naddr, nsid;
	int self_known;		/* self_name is the shown one's name */
	int self;		/* an fd of the shown namespace */
	const char *self_name;
	struct end end[2];
	struct cidr gw[2];
	struct nl nl[3];	/* ours, <name>'s namespace, <peer>'s */
	char self_buf[NAME_MAX + 1];
};

/* a command: add, del... */
struct cmd {
	const char *name;
	void (*run)(struct veth *v);
	const char *args;	/* its operands, for messages */
	unsigned char min, max;	/* how many operands */
	unsigned short opts;	/* the options it takes */
};

/* --- requests ------------------------------------------------------- */

/* RTM_NEWLINK setting IFF_UP to flags, or RTM_DELLINK (which ignores
 * them), on a device by its index, or (index 0) on lo by name */
static int link_op(struct nl *nl, int type, int index, unsigned flags)
{
	union nlreq r;
	struct ifinfomsg *ifi = nl_req(&r, type, 0, sizeof(*ifi));

	ifi->ifi_index = index;
	ifi->ifi_flags = flags;
	ifi->ifi_change = IFF_UP;
	if (!index)
		nl_put_str(&r, IFLA_IFNAME, "lo");
	return nl_talk(nl, &r.h, NULL, NULL);
}

static int set_up(struct nl *nl, int index, int up)
{
	return link_op(nl, RTM_NEWLINK, index, up ? IFF_UP : 0);
}

static int del_link(struct nl *nl, int index)
{
	return link_op(nl, RTM_DELLINK, index, 0);
}

/* RTM_NEWADDR or RTM_DELADDR */
static int address(struct nl *nl, int type, int index, const struct cidr *c)
{
	union nlreq r;
	struct ifaddrmsg *ifa;

	ifa = nl_req(&r, type, type == RTM_NEWADDR ?
		     NLM_F_CREATE | NLM_F_EXCL : 0, sizeof(*ifa));
	ifa->ifa_family = c->family;
	ifa->ifa_prefixlen = c->len;
	ifa->ifa_index = index;
	/* containers want their IPv6 addresses usable at once, not after
	 * duplicate address detection; 127/8 is host-scoped, as ip makes it */
	if (c->family == AF_INET6)
		ifa->ifa_flags = IFA_F_NODAD;
	else if (c->addr[0] == 127)
		ifa->ifa_scope = RT_SCOPE_HOST;
	nl_put(&r, IFA_LOCAL, c->addr, c->size);
	nl_put(&r, IFA_ADDRESS, c->addr, c->size);
	return nl_talk(nl, &r.h, NULL, NULL);
}

static int default_route(struct nl *nl, int index, const struct cidr *gw)
{
	union nlreq r;
	struct rtmsg *rt = nl_req(&r, RTM_NEWROUTE,
				  NLM_F_CREATE | NLM_F_EXCL, sizeof(*rt));

	rt->rtm_family = gw->family;
	rt->rtm_table = RT_TABLE_MAIN;
	rt->rtm_protocol = RTPROT_BOOT;
	rt->rtm_type = RTN_UNICAST;
	nl_put(&r, RTA_GATEWAY, gw->addr, gw->size);
	nl_put_u32(&r, RTA_OIF, index);
	return nl_talk(nl, &r.h, NULL, NULL);
}

/* --- failing without leaving anything behind -------------------------- */

/* report a request nl refused; undo what the command did so far; exit 1 */
static _Noreturn void fail(struct veth *v, struct nl *nl, const char *a,
			   const char *b, const char *c, const char *d)
{
	warn(a, b, c, d, ": ", nl_error(nl));
	if (v->undo)
		v->undo(v);
	exit(1);
}

/* the socket of an end's namespace: ours, or one made in its own */
static struct nl *end_socket(struct veth *v, int i)
{
	struct end *e = &v->end[i];

	e->nl = &v->nl[e->nsfd < 0 ? 0 : 1 + i];
	if (e->nl->fd < 0)
		nl_open(e->nl, e->nsfd, e->ns);
	return e->nl;
}

/* ask for one device by name, or (no name) for every device; fn sees them */
static void get_links(struct veth *v, struct end *e, nl_fn *fn, void *ctx)
{
	union nlreq r;

	nl_req(&r, RTM_GETLINK, e->name ? 0 : NLM_F_DUMP,
	       sizeof(struct ifinfomsg));
	nl_put_u32(&r, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	if (e->name)
		nl_put_str(&r, IFLA_IFNAME, e->name);
	if (nl_talk(e->nl, &r.h, fn, ctx))
		fail(v, e->nl, e->name ? "cannot find device " :
		     "cannot list devices", e->name ? e->name : "",
		     e->ns ? " in " : "", e->ns ? e->ns : "");
}

static int got_index(const struct nlmsghdr *h, void *ctx)
{
	*(int *)ctx = ((const struct ifinfomsg *)NLMSG_DATA(h))->ifi_index;
	return 0;
}

static void find_index(struct veth *v, struct end *e)
{
	get_links(v, e, got_index, &e->index);
}

/* the end's addresses, all or none: those in place are counted, for
 * undo_addresses */
static void add_addresses(struct veth *v, struct end *e)
{
	for (; e->added < e->naddr; e->added++)
		if (address(e->nl, RTM_NEWADDR, e->index, &e->addr[e->added]))
			fail(v, e->nl, "cannot add address ",
			     e->addr[e->added].text, " to ", e->name);
}

static void undo_addresses(struct veth *v)
{
	struct end *e = &v->end[0];

	while (e->added > 0)
		if (address(e->nl, RTM_DELADDR, e->index,
			    &e->addr[--e->added]))
			warn("cannot remove address ", e->addr[e->added].text,
			     " again: ", nl_error(e->nl));
}

/* deleting either end deletes the pair: through one whose index we know
 * (every failure after the creation comes after find_index of an end) */
static void undo_pair(struct veth *v)
{
	struct end *e = &v->end[!v->end[0].index];

	if (!e->index || del_link(e->nl, e->index))
		warn("cannot delete ", e->name, " again: delete it by hand");
}

/* --- add ------------------------------------------------------------ */

static int end_up(const struct veth *v, int i)
{
	return v->up || (i && v->ngw);
}

static void put_end(union nlreq *r, const struct veth *v, int i)
{
	const struct end *e = &v->end[i];
	struct ifinfomsg *ifi = NLMSG_DATA(&r->h);

	/* the peer's attributes follow its own header, in VETH_INFO_PEER;
	 * it cannot be made up (the kernel opens it before it has a peer:
	 * ENOTCONN), <name> can */
	if (i)
		nl_room(r, sizeof(*ifi));
	else
		ifi->ifi_flags = ifi->ifi_change = end_up(v, i) ? IFF_UP : 0;
	nl_put_str(r, IFLA_IFNAME, e->name);
	if (v->mtu)
		nl_put_u32(r, IFLA_MTU, v->mtu);
	if (e->has_mac)
		nl_put(r, IFLA_ADDRESS, e->mac, 6);
	if (e->nsfd >= 0)
		nl_put_u32(r, IFLA_NET_NS_FD, e->nsfd);
}

/* One request makes both ends, each directly in its namespace (the peer's
 * default is the namespace of the socket: ours), and up if asked. */
static void create(struct veth *v)
{
	union nlreq r;
	struct rtattr *info, *data, *peer;

	nl_req(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
	       sizeof(struct ifinfomsg));
	put_end(&r, v, 0);
	info = nl_nest(&r, IFLA_LINKINFO);
	nl_put_str(&r, IFLA_INFO_KIND, "veth");
	data = nl_nest(&r, IFLA_INFO_DATA);
	peer = nl_nest(&r, VETH_INFO_PEER);
	put_end(&r, v, 1);
	nl_end(&r, peer);
	nl_end(&r, data);
	nl_end(&r, info);
	if (nl_talk(&v->nl[0], &r.h, NULL, NULL))
		fail(v, &v->nl[0], "cannot create ", v->end[0].name, " and ",
		     v->end[1].name);
	v->undo = undo_pair;
}

/* addresses and the link up before the route: its gateway must be on a
 * connected network */
static void configure(struct veth *v, int i)
{
	struct end *e = &v->end[i];
	int k;

	if (!e->nl)
		return;
	find_index(v, e);
	add_addresses(v, e);
	if (i && end_up(v, i) && set_up(e->nl, e->index, 1))
		fail(v, e->nl, "cannot bring ", e->name, " up", "");
	for (k = 0; i && k < v->ngw; k++)
		if (default_route(e->nl, e->index, &v->gw[k]))
			fail(v, e->nl, "cannot add a default route via ",
			     v->gw[k].text, " for ", e->name);
}

/* loopback up once per namespace, last: deleting the pair undoes the rest,
 * not this */
static void loopbacks(struct veth *v)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct end *e = &v->end[i];

		if (!end_up(v, i) || (i && v->up && e->nl == v->end[0].nl))
			continue;
		if (set_up(e->nl, 0, 1))
			fail(v, e->nl, "cannot bring lo up for ", e->name, "",
			     "");
	}
}

static void cmd_add(struct veth *v)
{
	int i;

	if (v->nl[0].fd < 0)
		nl_open(&v->nl[0], -1, NULL);
	/* every socket the configuration needs is there before the pair:
	 * afterwards only the kernel can say no, and then undo_pair acts */
	for (i = 0; i < 2; i++)
		if (v->end[i].naddr || end_up(v, i))
			end_socket(v, i);
	create(v);
	for (i = 0; i < 2; i++)
		configure(v, i);
	loopbacks(v);
}

/* --- del, up, down ----------------------------------------------------- */

/* a link message's attribute */
static const struct rtattr *link_attr(const struct nlmsghdr *h, int type)
{
	return nl_find_msg(h, sizeof(struct ifinfomsg), type);
}

static int is_veth(const struct nlmsghdr *h)
{
	const struct rtattr *info = link_attr(h, IFLA_LINKINFO);

	return info && !strcmp(nl_str(nl_find(RTA_DATA(info),
		RTA_PAYLOAD(info), IFLA_INFO_KIND)), "veth");
}

/* a GETLINK answer: the index if it is a veth, else -1 */
static int veth_index(const struct nlmsghdr *h, void *ctx)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);

	*(int *)ctx = is_veth(h) ? ifi->ifi_index : -1;
	return 0;
}

static void cmd_del(struct veth *v)
{
	struct end *e = v->end;
	int index = 0;

	end_socket(v, 0);
	get_links(v, e, veth_index, &index);
	if (index <= 0)
		die(e->name, " is not a veth device");
	if (del_link(e->nl, index))
		fail(v, e->nl, "cannot delete ", e->name, "", "");
}

/* up: its addresses, then the link; a failure removes the addresses.
 * down: the link alone. */
static void cmd_updown(struct veth *v)
{
	struct end *e = v->end;

	end_socket(v, 0);
	find_index(v, e);
	v->undo = undo_addresses;
	add_addresses(v, e);
	if (set_up(e->nl, e->index, v->cmd->name[0] == 'u'))
		fail(v, e->nl, "cannot bring ", e->name, " ",
		     v->cmd->name);
}

/* --- show ------------------------------------------------------------ */

/* a string in JSON's quotes */
static void json_str(const char *s)
{
	out_char('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			out_char('\\');
		if (c < 0x20) {
			out_str("\\u00");
			out_hex(c, 2);
		} else {
			out_char(c);
		}
	}
	out_char('"');
}

/* the i-th field of a veth: JSON "key":"value", or "key value" words; a
 * missing value is null, or "-"; a number (num) is not quoted */
static void field(const struct veth *v, int i, const char *k, const char *s,
		  int num)
{
	out_str(i ? v->json ? ",\"" : " " : v->json ? "{\"" : "");
	out_str(k);
	out_str(v->json ? "\":" : " ");
	if (s && v->json && !num)
		json_str(s);
	else
		out_str(s ? s : v->json ? "null" : "-");
}

static int copy_name(const struct nlmsghdr *h, void *ctx)
{
	str_join(ctx, IFNAMSIZ, nl_str(link_attr(h, IFLA_IFNAME)));
	return 0;
}

/* the peer by its index, in its namespace (by the nsid the shown one has
 * for it; 4.20 and later): NULL when it cannot be seen */
static const char *peer_name(struct veth *v, const struct nlmsghdr *h,
			     char *buf)
{
	union nlreq r;
	struct ifinfomsg *ifi;

	ifi = nl_req(&r, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = nl_u32(link_attr(h, IFLA_LINK));
	if (link_attr(h, IFLA_LINK_NETNSID))
		nl_put_u32(&r, IFLA_TARGET_NETNSID, v->nsid);
	nl_put_u32(&r, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	buf[0] = 0;
	if (!ifi->ifi_index || nl_talk(&v->nl[2], &r.h, copy_name, buf) ||
	    !buf[0])
		return NULL;
	return buf;
}

static int nsid_answer(const struct nlmsghdr *h, void *ctx)
{
	const struct rtattr *a = nl_find_msg(h, sizeof(struct rtgenmsg),
					     NETNSA_NSID);

	*(int *)ctx = a ? (int)nl_u32(a) : -1;
	return 0;
}

/* does the shown namespace know the namespace fd by the nsid we want? */
static int match_nsid(int fd, void *ctx)
{
	struct veth *v = ctx;
	union nlreq r;
	int id = -1;

	nl_req(&r, RTM_GETNSID, 0, sizeof(struct rtgenmsg));
	nl_put_u32(&r, NETNSA_FD, fd);
	return !nl_talk(&v->nl[2], &r.h, nsid_answer, &id) && id == v->nsid;
}

static int match_self(int fd, void *ctx)
{
	return ns_same(fd, ((struct veth *)ctx)->self);
}

/* the peer's namespace: a name where it has one; else the nsid the shown
 * namespace has for it (*num set), or nothing (the peer is in the shown
 * one and it has no name) */
static const char *peer_netns(struct veth *v, const struct nlmsghdr *h,
			      char *buf, int *num)
{
	if (link_attr(h, IFLA_LINK_NETNSID)) {
		if (ns_netns_find(match_nsid, v, buf, NAME_MAX + 1))
			return buf;
		*num = 1;
		return str_utoa(buf, v->nsid);
	}
	if (!v->self_known) {
		v->self_name = ns_netns_find(match_self, v, v->self_buf,
					     sizeof(v->self_buf));
		v->self_known = 1;
	}
	return v->self_name;
}

static int print_addr(const struct nlmsghdr *h, void *ctx)
{
	struct veth *v = ctx;
	const struct ifaddrmsg *ifa = NLMSG_DATA(h);
	const struct rtattr *a;
	char buf[ADDR_TEXT_MAX];

	/* kernels before 4.20 send every device's addresses */
	if ((int)ifa->ifa_index != v->end[0].index ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6))
		return 0;
	a = nl_find_msg(h, sizeof(*ifa), IFA_LOCAL);
	if (!a)
		a = nl_find_msg(h, sizeof(*ifa), IFA_ADDRESS);
	if (!a || RTA_PAYLOAD(a) < (ifa->ifa_family == AF_INET ? 4u : 16u))
		return 0;
	out_str(v->naddr++ ? "," : "");
	addr_format(buf, ifa->ifa_family, RTA_DATA(a), ifa->ifa_prefixlen);
	if (v->json)
		json_str(buf);
	else
		out_str(buf);
	return 0;
}

static void addresses(struct veth *v)
{
	union nlreq r;
	struct ifaddrmsg *ifa;

	ifa = nl_req(&r, RTM_GETADDR, NLM_F_DUMP, sizeof(*ifa));
	ifa->ifa_index = v->end[0].index;
	v->naddr = 0;
	field(v, 1, "addresses", v->json ? "[" : "", 1);
	if (nl_talk(&v->nl[2], &r.h, print_addr, v))
		fail(v, &v->nl[2], "cannot list addresses", "", "", "");
	out_str(v->json ? "]}" : v->naddr ? "\n" : "-\n");
}

static const char *const operstates[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
	"DORMANT", "UP"
};

/* the fields of a veth, in their order */
enum { F_NAME, F_PEER, F_NETNS, F_STATE, F_MTU, F_MAC, F_COUNT };
static const char *const keys[F_COUNT] = {
	"ifname", "peer", "peer_netns", "operstate", "mtu", "address"
};

static int show_link(const struct nlmsghdr *h, void *ctx)
{
	struct veth *v = ctx;
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct rtattr *st = link_attr(h, IFLA_OPERSTATE), *mac;
	const char *f[F_COUNT];
	char peer[IFNAMSIZ], ns[NAME_MAX + 1], mtu[24], lladdr[48];
	int num = 0, i;
	unsigned op = st ? *(unsigned char *)RTA_DATA(st) : 0;

	if (!is_veth(h))
		return 0;
	v->nsid = nl_u32(link_attr(h, IFLA_LINK_NETNSID));
	f[F_NAME] = nl_str(link_attr(h, IFLA_IFNAME));
	f[F_PEER] = peer_name(v, h, peer);
	f[F_NETNS] = peer_netns(v, h, ns, &num);
	f[F_STATE] = operstates[op < ARRAY_SIZE(operstates) ? op : 0];
	f[F_MTU] = str_utoa(mtu, nl_u32(link_attr(h, IFLA_MTU)));
	mac = link_attr(h, IFLA_ADDRESS);
	f[F_MAC] = mac && RTA_PAYLOAD(mac) <= 16 ? addr_mac_format(lladdr,
		RTA_DATA(mac), RTA_PAYLOAD(mac)) : NULL;
	out_str(v->count++ && v->json ? "," : "");
	for (i = 0; i < F_COUNT; i++)
		field(v, i, keys[i], f[i], i == F_MTU || (i == F_NETNS && num));
	/* the addresses of this device: addresses() and print_addr() use
	 * end[0], which show needs for nothing else */
	v->end[0].index = ifi->ifi_index;
	addresses(v);
	return 0;
}

static void cmd_show(struct veth *v)
{
	struct end *e = v->end;

	end_socket(v, 0);
	/* a second socket for the questions asked during the dump (the end
	 * has nl[0] or nl[1]) */
	nl_open(&v->nl[2], e->nsfd, e->ns);
	v->self = e->nsfd >= 0 ? e->nsfd :
		  open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	out_str(v->json ? "[" : "");
	get_links(v, e, show_link, v);
	if (e->name && !v->count)
		die(e->name, " is not a veth device");
	out_str(v->json ? "]\n" : "");
}

/* --- parse ----------------------------------------------------------- */

#define B(id) (1u << (id))

static const struct cmd cmds[] = {
	{ "add", cmd_add, "<name> <peer>", 2, 2,
	  B(O_NETNS) | B(O_PEERNS) | B(O_ADDR) | B(O_PEERADDR) | B(O_GW) |
	  B(O_MTU) | B(O_MAC) | B(O_PEERMAC) | B(O_UP) },
	{ "del", cmd_del, "<name>", 1, 1, B(O_NETNS) },
	{ "show", cmd_show, "", 0, 1, B(O_NETNS) | B(O_JSON) },
	{ "up", cmd_updown, "<dev>", 1, 1, B(O_NETNS) | B(O_ADDR) },
	{ "down", cmd_updown, "<dev>", 1, 1, B(O_NETNS) },
};

/* "invalid WHAT 'S'" and why, if it is not plain */
static _Noreturn void bad(const char *what, const char *s, const char *why)
{
	die("invalid ", what, " '", s, "'", why);
}

/* the kernel judges the rest (dev_valid_name): '/', ':', spaces */
static void check_name(const char *s)
{
	if (!*s || strlen(s) >= IFNAMSIZ)
		bad("device name", s, *s ? ": longer than 15 characters" :
		    ": empty");
}

static void parse_cidr(struct end *e, const char *s)
{
	static const char *const why[] = {
		[ADDR_BAD] = "",
		[ADDR_NO_PREFIX] = ": no /prefix length",
		[ADDR_PREFIX_RANGE] = ": prefix length out of range",
	};
	int r;

	if (e->naddr == ADDR_MAX)
		die("too many addresses (16 a device)");
	r = addr_parse(&e->addr[e->naddr++], s, 1);
	if (r)
		bad("address", s, why[r]);
}

static void parse_gw(struct veth *v, const char *s)
{
	if (v->ngw == 2)
		die("too many gateways (2)");
	if (addr_parse(&v->gw[v->ngw++], s, 0))
		bad("gateway", s, ": want an address");
}

static void parse_mac(struct end *e, const char *s)
{
	if (addr_mac_parse(e->mac, s) || (e->mac[0] & 1))
		bad("MAC address", s, e->mac[0] & 1 ? ": multicast" : "");
	e->has_mac = 1;
}

static void parse_opt(struct veth *v, int id, const char *arg)
{
	struct end *e = &v->end[id == O_PEERNS || id == O_PEERADDR ||
				id == O_PEERMAC];

	switch (id) {
	case O_NETNS:
	case O_PEERNS:
		e->ns = arg;
		break;
	case O_ADDR:
	case O_PEERADDR:
		parse_cidr(e, arg);
		break;
	case O_GW:
		parse_gw(v, arg);
		break;
	case O_MTU:
		v->mtu = xparse_u64(arg, 10, 0x7fffffff, "MTU");
		break;
	case O_MAC:
	case O_PEERMAC:
		parse_mac(e, arg);
		break;
	case O_UP:
		v->up = 1;
		break;
	case O_JSON:
		v->json = 1;
		break;
	}
}

static const struct cmd *find_cmd(int argc, char **argv)
{
	struct optstate st;
	const char *arg;
	unsigned i;

	for (i = 0; argc > 1 && i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return &cmds[i];
	/* --help and --version are answered by the parser */
	opt_init(&st, &opts, argc, argv);
	opt_next(&st, &arg);
	if (argc > 1 && argv[1][0] != '-')
		die_usage("unknown command '", argv[1], "'");
	die_usage("no command: add, del, show, up or down");
}

/* the operands, with the options among or after them */
static int operands(struct veth *v, struct optstate *st, const char **ops)
{
	const char *arg;
	int id, n = 0;

	for (;;) {
		if ((id = opt_next(st, &arg)))
			parse_opt(v, id, arg);
		else if (st->ind >= st->argc)
			return n;
		else if (n == v->cmd->max)
			die_usage("unexpected argument '", st->argv[st->ind],
				  "'");
		else
			ops[n++] = st->argv[st->ind++];
	}
}

static void parse(struct veth *v, int argc, char **argv)
{
	struct optstate st;
	const char *ops[2];
	char name[OPT_NAME_MAX];
	int id, n;

	memset(v, 0, sizeof(*v));
	v->nl[0].fd = v->nl[1].fd = v->nl[2].fd = -1;
	v->cmd = find_cmd(argc, argv);
	opt_init(&st, &opts, argc - 1, argv + 1);
	n = operands(v, &st, ops);
	for (id = 1; id <= O_LAST; id++)
		if (OPT_SEEN(&st, id) && !(v->cmd->opts & B(id)))
			die_usage("option ", opt_name(&st, id, name),
				  " does not go with '", v->cmd->name, "'");
	if (n < v->cmd->min)
		die_usage("'", v->cmd->name, "' wants ", v->cmd->args);
	for (id = 0; id < n; id++) {
		check_name(ops[id]);
		v->end[id].name = ops[id];
	}
}

int veth_main(int argc, char **argv)
{
	struct veth v;
	int i;

	parse(&v, argc, argv);
	for (i = 0; i < 2; i++)
		v.end[i].nsfd = v.end[i].ns ? ns_open_net(v.end[i].ns) : -1;
	v.cmd->run(&v);
	return out_close();
}
