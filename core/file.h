/* file.h: reading and writing small files (/proc, /sys, /etc) */
/* SPDX-License-Identifier: MIT */
#ifndef FILE_H
#define FILE_H

#include <stddef.h>
#include <sys/types.h>

/* up to size-1 bytes of path into buf, NUL-terminated; the length, or -1 */
ssize_t file_read(const char *path, char *buf, size_t size);

/* write s in one write(2) to an existing file (a /proc or /sys knob, which
 * takes a value per write): 0, or -1 with errno */
int file_write(const char *path, const char *s, size_t len);
int file_write_str(const char *path, const char *s);

/* call fn for each line of path (without its newline) until fn returns
 * non-zero, which is returned; -1 with errno when path cannot be read.
 * Lines longer than FILE_LINE_MAX are skipped. */
#define FILE_LINE_MAX 1024
int file_lines(const char *path, int (*fn)(char *line, void *ctx), void *ctx);

/* call fn for each entry of directory dir ("." and ".." too), in the
 * kernel's order, with an fd of dir, until it returns non-zero, which is
 * returned; -1 with errno when dir cannot be read */
int file_dir(const char *dir,
	     int (*fn)(int dfd, const char *name, int type, void *ctx),
	     void *ctx);

#endif
