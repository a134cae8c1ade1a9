/* str.h: building strings in fixed buffers */
/* SPDX-License-Identifier: MIT */
#ifndef STR_H
#define STR_H

#include <stddef.h>
#include <sys/types.h>

/* concatenate the strings into buf; NULL with errno ENAMETOOLONG if they
 * don't fit */
char *str_join_(char *buf, size_t size, const char *s, ...);
#define str_join(buf, size, ...) str_join_(buf, size, __VA_ARGS__, (char *)0)

/* decimal digits of v, in buf (24 bytes hold any 64-bit value) */
char *str_utoa(char *buf, unsigned long long v);

/* "/proc/PID/WHAT", or "/proc/self/WHAT" for pid 0; size PROC_PATH_MAX */
#define PROC_PATH_MAX 64
char *str_procpath(char *buf, pid_t pid, const char *what);

/* split s in place at each sep into at most max fields (the last one
 * keeps the rest of s); the count */
int str_split(char *s, char sep, char **fields, int max);
/* the next word of *s (runs of spaces and tabs separate words), NUL-ended
 * in place; *s moves past it. "" at the end. */
char *str_word(char **s);

/* the next non-empty item of a list separated by sep at *s, in buf (cut to
 * size-1 bytes); *s moves past it. NULL at the end of the list. */
char *str_item(const char **s, char sep, char *buf, size_t size);

/* is the word w (n bytes) in the comma list? */
int str_in_list(const char *list, const char *w, size_t n);

/* strncasecmp for ASCII, which is all ctbox compares without case (signal
 * and capability names, "0x"): musl's pulls its locale layer in;
 * str_casecmp compares whole strings */
int str_ncasecmp(const char *a, const char *b, size_t n);
#define str_casecmp(a, b) str_ncasecmp(a, b, (size_t)-1)

#endif
