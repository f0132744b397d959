/*
 * Versions of malloc and friends that check their results and never return
 * failure: running out of memory is not a state akhbar tries to recover from.
 */
#include "config.h"

#include "xmalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void __attribute__((noreturn))
xmalloc_die(size_t n)
{
	fprintf(stderr, "akhbar: out of memory (allocating %zu bytes)\n", n);
	abort();
}

/* Stop akhbar when a library could not allocate what it needed. */
void
xmalloc_fail(const char *what)
{
	fprintf(stderr, "akhbar: out of memory (%s)\n", what);
	abort();
}

/* Allocate size bytes. */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		xmalloc_die(size);
	return (p);
}

/* Allocate a zeroed array of n elements of size bytes. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		xmalloc_die(n * size);
	return (p);
}

/* Resize an allocation. */
void *
xrealloc(void *p, size_t size)
{
	return (xreallocarray(p, 1, size));
}

/* Resize an array of n elements of size bytes, checking for overflow. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*np;

	if (size != 0 && n > SIZE_MAX / size)
		xmalloc_die(SIZE_MAX);
	if (n == 0 || size == 0)
		n = size = 1;
	if ((np = realloc(p, n * size)) == NULL)
		xmalloc_die(n * size);
	return (np);
}

/* Duplicate a string. */
char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

/* Duplicate at most n bytes of a string, always terminating the copy. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

/* Print into a newly allocated string. */
int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	i;

	va_start(ap, fmt);
	i = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (i);
}

/* Print into a newly allocated string from a va_list. */
int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	i;

	i = vasprintf(ret, fmt, ap);
	if (i < 0 || *ret == NULL)
		xmalloc_die(strlen(fmt));
	return (i);
}
