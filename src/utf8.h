/*
 * UTF-8 decoding and encoding, for every layer: one character at a time,
 * strict (overlong forms, surrogates and values above U+10FFFF are
 * invalid), with the two- and three-byte cases inline for the hot loops.
 */
#ifndef AKHBAR_UTF8_H
#define AKHBAR_UTF8_H

#include <stddef.h>

#include "str.h"

#define UTF8_REPLACEMENT	0xfffd	/* U+FFFD, for what cannot be said */

size_t	 utf8_char(const unsigned char *, size_t, unsigned int *);
void	 utf8_put(struct str *, unsigned int);
/* Append UTF-8 with its bidi embeddings and isolates closed inside it. */
void	 utf8_bidi_close(struct str *, const char *, size_t);
/* A copy of a string with its bidi embeddings and isolates closed inside it. */
char	*utf8_bidi_closed(const char *);

/*
 * The length of the valid UTF-8 character at p (n bytes available) with
 * its code point in *cp, or 0 if invalid: the two- and three-byte cases
 * inline for the hot loops, the rest in utf8_char.
 */
static inline size_t
utf8_fast(const unsigned char *p, size_t n, unsigned int *cp)
{
	unsigned int	c;

	if (n >= 2 && p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80) {
		*cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
		return (2);
	}
	if (n >= 3 && (p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		c = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) |
		    (p[2] & 0x3fu);
		if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
			*cp = c;
			return (3);
		}
		return (0);
	}
	return (utf8_char(p, n, cp));
}

#endif
