/* file.c: reading and writing small files (/proc, /sys, /etc) */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "file.h"

ssize_t file_read(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	buf[len] = 0;
	if (n < 0) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	close(fd);
	return len;
}

int file_write(const char *path, const char *s, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, len);
	err = errno;
	close(fd);
	if (n == (ssize_t)len)
		return 0;
	errno = n < 0 ? err : EIO;
	return -1;
}

int file_write_str(const char *path, const char *s)
{
	return file_write(path, s, strlen(s));
}

/* one line out of buf[*start..len): hand it to fn if whole */
static int next_line(char *buf, size_t *start, size_t len, int *skip,
		     int (*fn)(char *, void *), void *ctx)
{
	char *line = buf + *start, *nl = line;
	int r = 0;

	/* a loop, not memchr: musl's word-at-a-time one is 200 bytes */
	while (nl < buf + len && *nl != '\n')
		nl++;
	if (nl == buf + len)
		return -2;
	*nl = 0;
	*start = nl + 1 - buf;
	if (!*skip)
		r = fn(line, ctx);
	*skip = 0;
	return r;
}

int file_lines(const char *path, int (*fn)(char *line, void *ctx), void *ctx)
{
	char buf[FILE_LINE_MAX + 1];
	size_t len = 0, start;
	int fd = open(path, O_RDONLY | O_CLOEXEC), skip = 0, r = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	for (;;) {
		n = read(fd, buf + len, FILE_LINE_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
		start = 0;
		while (!(r = next_line(buf, &start, len, &skip, fn, ctx)))
			;
		if (r != -2)
			goto out;
		r = 0;
		memmove(buf, buf + start, len - start);
		len -= start;
		if (len == FILE_LINE_MAX) {	/* too long: drop it */
			len = 0;
			skip = 1;
		}
	}
	if (n < 0) {
		r = -1;
		goto out;
	}
	if (len && !skip) {	/* a last line without a newline */
		buf[len] = 0;
		r = fn(buf, ctx);
	}
out:
	close(fd);
	return r;
}

int file_dir(const char *dir,
	     int (*fn)(int dfd, const char *name, int type, void *ctx),
	     void *ctx)
{
	union {
		struct dirent d;
		char b[2048];
	} buf;
	struct dirent *d;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r = 0;
	long n = 0, i;

	if (fd < 0)
		return -1;
	while (!r && (n = getdents(fd, &buf.d, sizeof(buf))) > 0)
		for (i = 0; !r && i < n; i += d->d_reclen) {
			d = (struct dirent *)(buf.b + i);
			r = fn(fd, d->d_name, d->d_type, ctx);
		}
	close(fd);
	return n < 0 ? -1 : r;
}
