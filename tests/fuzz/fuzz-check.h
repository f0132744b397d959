/*
 * Checks the fuzz targets share (header-only, like tests/tap.h): a
 * failed check aborts, which libFuzzer reports as a crash with the input
 * and fuzz-replay.c as a failed test.
 */
#ifndef AKHBAR_FUZZ_CHECK_H
#define AKHBAR_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Abort with a message naming the check that failed. */
#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		abort();						\
	}								\
} while (0)

/*
 * Abort unless s is valid UTF-8 without C0 controls (but those in
 * allowed, e.g. "\n"), DEL or C1 controls: what may reach a terminal.
 */
static __attribute__((unused)) void
fuzz_check_clean(const char *s, const char *allowed)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, n;
	unsigned int		 c;

	if (s == NULL)
		return;
	len = strlen(s);
	while (len > 0) {
		n = utf8_char(p, len, &c);
		if (n == 0 || (c < 0x20 && strchr(allowed, (int)c) == NULL) ||
		    c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			fprintf(stderr, "not clean at byte %zu of \"",
			    (size_t)(p - (const unsigned char *)s));
			for (p = (const unsigned char *)s; *p != '\0'; p++)
				fprintf(stderr, *p >= 0x20 && *p < 0x7f ? "%c" :
				    "\\x%02x", *p);
			fprintf(stderr, "\"\n");
			abort();
		}
		p += n;
		len -= n;
	}
}

#endif
