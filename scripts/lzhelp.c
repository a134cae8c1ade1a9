/* lzhelp.c: compress a help text into a C string literal (host tool) */
/* SPDX-License-Identifier: MIT */
/*
 * usage: lzhelp < text > literal
 *
 * The help texts are a third of a small build, and repeat themselves (runs
 * of spaces, "namespace", "--map-"). The format is the simplest LZ77 that
 * pays: a byte below 0x80 is itself; a match is two bytes, 1LLLLDDD DDDDDDDD,
 * that copy LEN + 3 (3..18) bytes from DISTANCE (1..2047) back. Most
 * matches are short and near (runs of spaces, "--", words), and two bytes
 * pay from three letters on. The texts are ASCII, so the top bit is free.
 * lz_expand() in core/main.c decodes it. Prints the literal, then a line "lzhelp: LENGTH SIZE" (the
 * compressed and the plain sizes) for the table.
 */
#include <stdio.h>
#include <stdlib.h>

#define MAX_TEXT 65535
#define MIN_MATCH 3
#define MAX_MATCH 18
#define MAX_DIST 2047

static unsigned char text[MAX_TEXT + 1];
static unsigned char out[MAX_TEXT * 2];

/* the longest earlier match for position i: its length, distance in *dist */
static size_t longest(size_t n, size_t i, size_t *dist)
{
	size_t best = 0, j, l;

	for (j = i > MAX_DIST ? i - MAX_DIST : 0; j < i; j++) {
		for (l = 0; i + l < n && l < MAX_MATCH && text[j + l] == text[i + l]; l++)
			;
		if (l >= best) {	/* the nearest of equal matches */
			best = l;
			*dist = i - j;
		}
	}
	return best;
}

/*
 * Which matches to take: not greedily, the longest at each step, but the
 * cheapest encoding of the whole text, worked out from the end: cost[i] is
 * the fewest bytes that encode text[i..n), take[i] the match length that
 * achieves it there (0: a literal). Any length up to the longest match at
 * i is a match too, at the same distance.
 */
static size_t cost[MAX_TEXT + 1], take[MAX_TEXT], dist[MAX_TEXT];

static void plan(size_t n)
{
	size_t i, l, max;

	cost[n] = 0;
	for (i = n; i-- > 0;) {
		max = longest(n, i, &dist[i]);
		cost[i] = cost[i + 1] + 1;
		take[i] = 0;
		for (l = MIN_MATCH; l <= max; l++)
			if (cost[i + l] + 2 < cost[i]) {
				cost[i] = cost[i + l] + 2;
				take[i] = l;
			}
	}
}

static size_t compress(size_t n)
{
	size_t i = 0, len = 0, l;

	plan(n);
	while (i < n) {
		l = take[i];
		if (l) {
			out[len++] = 0x80 | (l - 3) << 3 | dist[i] >> 8;
			out[len++] = dist[i] & 0xff;
			i += l;
		} else {
			out[len++] = text[i++];
		}
	}
	return len;
}

int main(void)
{
	size_t n = fread(text, 1, MAX_TEXT + 1, stdin), len, i;

	if (n > MAX_TEXT) {
		fprintf(stderr, "lzhelp: help text over %d bytes\n", MAX_TEXT);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (text[i] >= 0x80 || !text[i]) {
			fprintf(stderr, "lzhelp: help text is not plain ASCII "
				"(byte %zu)\n", i);
			return 1;
		}
	len = compress(n);
	for (i = 0; i < len; i++)
		printf("%s\\x%02x%s", i % 16 ? "" : "\t\"", out[i],
		       i % 16 == 15 || i == len - 1 ? "\"\n" : "");
	if (!len)
		printf("\t\"\"\n");
	printf("lzhelp: %zu %zu\n", len, n);
	return 0;
}
