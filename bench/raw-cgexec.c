/* raw-cgexec.c: the least cgexec can do, the baseline of bench/cgexec.sh */
/* SPDX-License-Identifier: MIT */
/*
 * raw-cgexec DIR PROG: write our pid to DIR/cgroup.procs, exec PROG.
 * No option parsing, no layout discovery, no messages: the physical limit.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[4096], num[16];
	int fd, n = sizeof(num);
	unsigned pid = getpid();

	(void)argc;
	strcpy(path, argv[1]);
	strcat(path, "/cgroup.procs");
	do
		num[--n] = '0' + pid % 10;
	while (pid /= 10);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, num + n, sizeof(num) - n) < 0)
		return 1;
	close(fd);
	execv(argv[2], argv + 2);
	return 127;
}
