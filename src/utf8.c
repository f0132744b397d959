/*
 * UTF-8, one character at a time. Everything that reads feed text
 * (the sanitiser, the parser's decoder, the layout layer, the search
 * tokenizer, the messages for the terminal) decodes it here, so that a
 * byte sequence is valid or invalid the same way everywhere.
 */
#include "config.h"

#include "utf8.h"

#include "str.h"

/*
 * Decode one UTF-8 character from p (n bytes available) into *cp; returns
 * the bytes used, or 0 for an invalid or truncated sequence (overlong
 * forms, surrogates and values above U+10FFFF are invalid).
 */
size_t
utf8_char(const unsigned char *p, size_t n, unsigned int *cp)
{
	unsigned int	c, min;
	size_t		need, i;

	if (n == 0)
		return (0);
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return (0);
	if (n < need)
		return (0);
	for (i = 1; i < need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (need);
}

/*
 * Append the UTF-8 encoding of code point c; a surrogate or a value above
 * U+10FFFF is written as U+FFFD.
 */
void
utf8_put(struct str *s, unsigned int c)
{
	char	b[4];

	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = UTF8_REPLACEMENT;
	if (c < 0x80) {
		b[0] = (char)c;
		str_append(s, b, 1);
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		str_append(s, b, 2);
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		str_append(s, b, 3);
	} else {
		b[0] = (char)(0xf0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		str_append(s, b, 4);
	}
}
