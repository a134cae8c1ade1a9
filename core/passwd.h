/* passwd.h: users and groups from /etc/passwd and /etc/group, no NSS */
/* SPDX-License-Identifier: MIT */
#ifndef PASSWD_H
#define PASSWD_H

/* A static binary has no NSS: users and groups are what the files say, as
 * in an initramfs or on a router. */
struct pw {
	unsigned uid, gid;
	char name[64];
	char dir[256];
	char shell[128];
};

/* 0, or -1 when there is no such entry */
int pw_byname(const char *name, struct pw *pw);
int pw_byuid(unsigned uid, struct pw *pw);
int gr_byname(const char *name, unsigned *gid);
int gr_byname_name(unsigned gid, char *name, unsigned size);
/* the groups that list user as a member, after gid; the count (at most max) */
int gr_member_of(const char *user, unsigned gid, unsigned *gids, int max);

/* a user: a number, else a name in /etc/passwd; dies naming it if neither */
unsigned pw_xuid(const char *s);
unsigned gr_xgid(const char *s);

#endif
