/* ctbox.h: what every applet and core module shares: the applet table */
/* SPDX-License-Identifier: MIT */
#ifndef CTBOX_H
#define CTBOX_H

#include <stddef.h>

#include "config.h"

/* 24 bytes an entry, its name in it rather than apart behind a pointer;
 * the table scripts/gen-applets.sh writes asserts that each name fits */
#define APPLET_NAME_MAX 11
struct applet {
	int (*main)(int argc, char **argv);
	unsigned short help_off;	/* its Kconfig help text: where it */
	unsigned short help_len;	/* is in the plain help stream */
	char sbin;	/* installed in /usr/sbin, not /usr/bin */
	char name[APPLET_NAME_MAX];	/* NUL-terminated */
};

/* the running applet; NULL while ctbox itself parses its options */
extern const struct applet *applet_cur;
/* "unshare" when called by the applet's name, "ctbox unshare" otherwise */
extern const char *applet_invocation;

/* print the applet's help text (to stdout) */
void applet_help(const struct applet *a);
/* expand len bytes of text compressed by scripts/lzhelp.c into out; the
 * length of the text */
size_t lz_expand(const char *src, size_t len, char *out);
/* find an applet of this build by name */
const struct applet *applet_find(const char *name);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Large zeroed state that most runs of ctbox never touch: an applet's
 * tables, the strings of the cgroup layout. The linker places COMMON
 * symbols after every .bss section, musl's too, so the variables that every
 * run touches stay on the page where .data ends instead of lying beyond
 * 60 KB of other applets' buffers (a page fault more for every applet).
 * Such a variable needs external linkage: name it after its file.
 */
#define CT_COLD __attribute__((common))

/*
 * Hide where p points from the compiler. Fields of a global state reached
 * through a pointer the compiler knows are each an absolute address in the
 * code; through this one they are short offsets from a register (as
 * busybox reaches its globals). Put the small fields first.
 */
#define CT_OPAQUE(p) __asm__("" : "+r"(p))

#endif
