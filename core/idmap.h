/* idmap.h: uid and gid maps of user namespaces, setgroups, subordinate ids */
/* SPDX-License-Identifier: MIT */
#ifndef IDMAP_H
#define IDMAP_H

#include <sys/types.h>

#define IDMAP_MAX 32

struct idmap_range {
	unsigned inner, outer, count;
};

struct idmap {
	unsigned n;
	struct idmap_range r[IDMAP_MAX];
};

/* append a range; dies when there are too many */
void idmap_add(struct idmap *m, unsigned inner, unsigned outer,
	       unsigned count);
/* make room for mapping inner onto outer on their own: cut both out of
 * every range that holds them, leaving a hole (a range of COUNT maps COUNT-1
 * or COUNT-2 ids then) */
void idmap_cut(struct idmap *m, unsigned inner, unsigned outer);
/* INNER:OUTER:COUNT, or the older OUTER,INNER,COUNT: 0, or -1 */
int idmap_parse(struct idmap *m, const char *spec);
/* the first range that file (/etc/subuid, /etc/subgid) gives the user
 * (named, or by uid), mapped at inner 0, or onto itself if identity:
 * 0, or -1 when the user has none */
int idmap_subid(struct idmap *m, const char *file, const char *user,
		unsigned uid, int identity);
/* every id of our own namespace, onto itself ("uid_map" or "gid_map") */
int idmap_all(struct idmap *m, const char *which);

/* write the map to /proc/PID/which ("uid_map", "gid_map") in one write:
 * 0, or -1 with errno */
int idmap_write(pid_t pid, const char *which, const struct idmap *m);
/* the same through the setuid helper (newuidmap or newgidmap), for an
 * unprivileged user: 0, or -1 with the message printed */
int idmap_helper(pid_t pid, const char *prog, const struct idmap *m);
/* write "allow" or "deny" to /proc/PID/setgroups: 0, or -1 with errno */
int idmap_setgroups(pid_t pid, const char *value);

#endif
