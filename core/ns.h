/* ns.h: the one table of namespace kinds, and opening namespace files */
/* SPDX-License-Identifier: MIT */
#ifndef NS_H
#define NS_H

#include <sys/types.h>

struct ns_kind {
	const char *name;	/* long option and /proc/PID/ns/ file: "net" */
	const char *lng;	/* long option: "mount" for mnt */
	const char *child;	/* the file naming the namespace children get
				 * (pid_for_children), where it differs */
	int flag;		/* CLONE_NEW* */
	char sh;		/* short option letter */
};

/* the kinds in the order they are entered: user first, mnt late (it changes
 * what paths mean), time last */
enum { NS_USER, NS_CGROUP, NS_IPC, NS_UTS, NS_NET, NS_PID, NS_MNT, NS_TIME,
       NS_COUNT };
extern const struct ns_kind ns_kinds[NS_COUNT];

/* the entries of an applet's option table for the namespace options,
 * "-n, --net[=FILE]" and so on, with ids FIRST .. FIRST+NS_COUNT-1 in the
 * order of ns_kinds; ARG is OPT_OPT (nsenter: -nFILE too) or OPT_OPT_LONG
 * (unshare: only --net=FILE, the letters bundle) */
#define NS_OPTS(X, first, arg) \
	X("user", 'U', arg, (first) + NS_USER) \
	X("cgroup", 'C', arg, (first) + NS_CGROUP) \
	X("ipc", 'i', arg, (first) + NS_IPC) \
	X("uts", 'u', arg, (first) + NS_UTS) \
	X("net", 'n', arg, (first) + NS_NET) \
	X("pid", 'p', arg, (first) + NS_PID) \
	X("mount", 'm', arg, (first) + NS_MNT) \
	X("time", 'T', arg, (first) + NS_TIME)

/* does the running kernel have this kind? (needs /proc; without it, yes) */
int ns_supported(const struct ns_kind *k);

/* the kind of an open namespace file (NS_GET_NSTYPE), NS_COUNT when it is
 * one but the kernel cannot tell its kind (before 4.11), or -1 (errno)
 * when fd is not a namespace */
int ns_kind_of(int fd);

/* open PATH as a namespace of kind k, or die naming it: not there, not a
 * namespace, a namespace of another kind (where the kernel tells) */
int ns_open_file(const char *path, const struct ns_kind *k);

/* open /proc/PID/ns/KIND, or die: a dead process, a kernel without it */
int ns_open_pid(pid_t pid, const struct ns_kind *k);
/* "/proc/PID/ns/NAME" (PID 0: self) in buf, which holds PROC_PATH_MAX */
char *ns_procpath(char *buf, pid_t pid, const struct ns_kind *k);

/* is pid's namespace of kind k our own? 1 or 0; -1 (errno) if unknown */
int ns_is_own(pid_t pid, const struct ns_kind *k);

/* enter the namespaces open in fd[kind] (-1 where not wanted) in the order
 * that works both for root entering a less privileged user namespace and
 * for a user entering its own (see ns.c). Each fd entered is closed and set
 * to -1. 0, or -1 with errno and *failed the kind that could not be
 * entered. */
int ns_enter_fds(int fd[NS_COUNT], int *failed);

/* resolve a network namespace argument as ip-netns does: a path (with '/'
 * or an existing file here) as it is; else NAME under /run/netns, then
 * /var/run/netns. Returns buf, or NULL when no such name exists. */
const char *ns_netns_path(const char *arg, char *buf, size_t size);

/* open a network namespace given as ip-netns does: a name (ns_netns_path),
 * a path to a namespace file, or a PID (its /proc/PID/ns/net); dies naming
 * it when there is no such namespace or it cannot be opened */
int ns_open_net(const char *arg);

/* the name of a namespace under /run/netns (then /var/run/netns) for
 * which match(fd of it, ctx) says 1: buf, or NULL when none does */
const char *ns_netns_find(int (*match)(int fd, void *ctx), void *ctx,
			  char *buf, size_t size);

/* do the open files a and b name the same namespace? (the same inode of
 * nsfs: 0 when either cannot tell) */
int ns_same(int a, int b);

#endif
