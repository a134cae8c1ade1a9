/* heap.c: malloc for libseccomp, arenas and a bump pointer */
/* SPDX-License-Identifier: MIT */
/*
 * ctbox itself allocates nothing; libseccomp allocates a few hundred small
 * blocks while it builds a filter, in a process that execs a moment later.
 * musl's malloc gives each size class its own pages, and each page of a
 * fresh process costs a fault (tens of microseconds on some virtual
 * machines): blocks laid end to end in arenas cost few pages. free()
 * takes back the last block only, which is enough for libseccomp's
 * allocate-and-free runs; the rest goes with the exec.
 *
 * A deny-list of a few calls takes 7 KB, so the first arena is 8 KB of
 * .bss, page-aligned and after all the rest of it (CT_COLD): two zero
 * pages, with no system call and no new page table. Each later arena is
 * mapped already populated, twice the last up to 256 KB, or as large as
 * the block that did not fit. An allow-list of 330 calls takes 1.5 MB,
 * where musl's malloc peaks at 0.6 MB: a process that execs at once can
 * afford that.
 *
 * These definitions replace musl's malloc, free, calloc and realloc in the
 * static link, so musl's allocator is not linked at all.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include "ctbox.h"

#define ALIGN 16		/* as malloc's blocks are, for any type */
#define FIRST (8 * 1024)
#define LAST (256 * 1024)

/* the first arena, page-aligned inside it (see CT_COLD) */
char heap_arena[FIRST + 4096] CT_COLD;
static char *top, *end;
static unsigned grown;		/* arenas so far */

/* a block is its size, padded to ALIGN, then the caller's bytes */
static size_t *head(void *p)
{
	return (size_t *)((char *)p - ALIGN);
}

static int grow(size_t need)
{
	size_t len = grown < 5 ? (size_t)FIRST << grown : LAST;
	char *p = (char *)(((uintptr_t)heap_arena + 4095) & ~(uintptr_t)4095);

	if (grown || need > FIRST) {
		if (need > len)
			len = (need + 4095) & ~(size_t)4095;
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p == MAP_FAILED)
			return -1;
	}
	grown++;
	top = p;
	end = p + len;
	return 0;
}

void *malloc(size_t n)
{
	size_t need = (n + 2 * ALIGN - 1) & ~(size_t)(ALIGN - 1);
	char *p;

	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	if ((size_t)(end - top) < need && grow(need)) {
		errno = ENOMEM;
		return NULL;
	}
	p = top + ALIGN;
	top += need;
	*head(p) = need - ALIGN;
	return p;
}

void free(void *p)
{
	if (p && (char *)p + *head(p) == top)
		top = (char *)p - ALIGN;
}

void *calloc(size_t n, size_t size)
{
	size_t len;
	void *p;

	if (__builtin_mul_overflow(n, size, &len)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(len);
	return p ? memset(p, 0, len) : NULL;
}

void *realloc(void *p, size_t n)
{
	size_t have, want = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void *q;

	if (!p || n > SIZE_MAX / 2)
		return malloc(n);
	have = *head(p);
	if (want <= have)
		return p;
	/* the last block grows where it is */
	if ((char *)p + have == top && (size_t)(end - (char *)p) >= want) {
		top = (char *)p + want;
		*head(p) = want;
		return p;
	}
	q = malloc(n);
	if (q)
		memcpy(q, p, have);
	return q;
}
