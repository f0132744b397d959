/*
 * Text sanitising at ingest: whatever bytes a feed sends, what is stored is
 * valid UTF-8 without C0/C1 control characters (ESC above all), while
 * combining marks, ZWJ/ZWNJ and bidi controls survive for the layout layer.
 */
#ifndef AKHBAR_SANITIZE_H
#define AKHBAR_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "str.h"

char	*sanitize_text(const char *, size_t);
char	*sanitize_line(const char *, size_t);
char	*sanitize_html_to_text(const char *, size_t);
size_t	 sanitize_utf8_char(const unsigned char *, size_t, unsigned int *);
void	 sanitize_put_utf8(struct str *, unsigned int);
size_t	 sanitize_clean_prefix(const unsigned char *, size_t, bool);

/*
 * The length of the valid UTF-8 character at p (n bytes available) with
 * its code point in *cp, or 0 if invalid: the two- and three-byte cases
 * inline for the hot loops, the rest in sanitize_utf8_char.
 */
static inline size_t
sanitize_utf8_fast(const unsigned char *p, size_t n, unsigned int *cp)
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
	return (sanitize_utf8_char(p, n, cp));
}

#endif
