/* pair.c: two commands run in turn, the median of their paired ratios */
/* SPDX-License-Identifier: MIT */
/*
 * usage: pair N CMD_A [ARG...] -- CMD_B [ARG...]
 *
 * Runs A then B, B then A, and so on, N times each (fork, exec, wait; the
 * wall time of each), and prints the median time of each and the median of
 * the N ratios A/B of the runs taken side by side. On a machine whose speed
 * drifts over seconds (a shared virtual machine), runs taken side by side
 * see the same conditions, so their ratio is steady where separate tables
 * of each command differ by 10% from one minute to the next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* the wall time of one run of argv, or -1 if it does not exit 0 */
static double run(char **argv)
{
	double start = now_ms();
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || st)
		return -1;
	return now_ms() - start;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), by_value);
	return v[n / 2];
}

int main(int argc, char **argv)
{
	char **cmd[2] = { argv + 2, NULL };
	double *t[2], *ratio;
	int n = argc > 1 ? atoi(argv[1]) : 0, i, k;

	for (i = 2; i < argc && !cmd[1]; i++)
		if (!strcmp(argv[i], "--")) {
			argv[i] = NULL;
			cmd[1] = argv + i + 1;
		}
	if (n < 1 || !cmd[1] || !cmd[0][0] || !cmd[1][0]) {
		fprintf(stderr, "usage: pair N CMD_A [ARG...] -- CMD_B "
			"[ARG...]\n");
		return 1;
	}
	t[0] = calloc(n, sizeof(double));
	t[1] = calloc(n, sizeof(double));
	ratio = calloc(n, sizeof(double));
	if (!t[0] || !t[1] || !ratio)
		return 1;
	for (i = 0; i < n; i++)
		for (k = 0; k < 2; k++) {
			int c = (i + k) % 2;	/* A first, then B first */

			t[c][i] = run(cmd[c]);
			if (t[c][i] < 0) {
				fprintf(stderr, "pair: %s failed\n",
					cmd[c][0]);
				return 1;
			}
		}
	for (i = 0; i < n; i++)
		ratio[i] = t[0][i] / t[1][i];
	printf("%.3f %.3f %.3f\n", median(t[0], n), median(t[1], n),
	       median(ratio, n));
	return 0;
}
