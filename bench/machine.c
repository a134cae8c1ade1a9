/* machine.c: what this machine charges for the kernel's entries */
/* SPDX-License-Identifier: MIT */
/*
 * usage: machine [DIR]      (a scratch file of 256 KB goes in DIR, /tmp)
 *
 * A wrapper's cost over a raw program is mostly system calls and page
 * faults; their price differs a hundredfold between bare metal and some
 * virtual machines. This prints, in ns: a system call, a page fault on a
 * file page in the page cache, the first touch of a page that the fault
 * around it mapped, an anonymous write fault, the first write to a page of
 * a populated mapping, and madvise(MADV_POPULATE_READ) per page.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGES 64		/* four fault-around windows of 64 KB */
#define PAGE 4096
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

static long long now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* the mean time of touching pages first .. last, step apart */
static long long touch(volatile char *m, int first, int last, int step,
		       int write)
{
	long long t = now();
	int i, n = 0;

	for (i = first; i < last; i += step, n++)
		if (write)
			m[i * PAGE] = 1;
		else
			(void)m[i * PAGE];
	return (now() - t) / n;
}

static char *file_map(int fd)
{
	char *m = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

	if (m == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return m;
}

int main(int argc, char **argv)
{
	static char zero[PAGES * PAGE];
	char path[256];
	long long t;
	char *m;
	int fd, i;

	snprintf(path, sizeof(path), "%s/ctbox-machine.XXXXXX",
		 argc > 1 ? argv[1] : "/tmp");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, zero, sizeof(zero)) != sizeof(zero)) {
		perror(path);
		return 1;
	}
	unlink(path);

	t = now();
	for (i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	printf("system call                        %6lld ns\n",
	       (now() - t) / 1000);

	m = file_map(fd);
	printf("file page fault (with fault-around)%6lld ns\n",
	       touch(m, 0, PAGES, 16, 0));
	printf("first touch of a page mapped around%6lld ns\n",
	       touch(m, 1, 16, 1, 0));

	m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("anonymous write fault              %6lld ns\n",
	       touch(m, 0, PAGES, 1, 1));
	t = now();
	m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	printf("MAP_POPULATE, per page             %6lld ns\n",
	       (now() - t) / PAGES);
	printf("first write to a populated page    %6lld ns\n",
	       touch(m, 0, PAGES, 1, 1));

	m = file_map(fd);
	t = now();
	if (madvise(m, PAGES * PAGE, MADV_POPULATE_READ) == 0)
		printf("MADV_POPULATE_READ, per page       %6lld ns\n",
		       (now() - t) / PAGES);
	printf("first touch of a populated page    %6lld ns\n",
	       touch(m, 0, PAGES, 1, 0));
	return 0;
}
