/* memhog.c: allocate N MiB (default 64) and touch every page (cgexec tests) */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
	size_t size = mib << 20, i;
	volatile char *p = malloc(size);
	unsigned sum = 0;

	if (!p)
		return 2;
	/* volatile, and read back: the compiler may not drop the stores */
	for (i = 0; i < size; i += 4096)
		p[i] = (char)i | 1;
	for (i = 0; i < size; i += 4096)
		sum += p[i];
	return sum ? 0 : 3;
}
