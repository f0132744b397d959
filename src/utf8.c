/*
 * UTF-8, one character at a time. Everything that reads feed text
 * (the sanitiser, the parser's decoder, the layout layer, the search
 * tokenizer, the messages for the terminal) decodes it here, so that a
 * byte sequence is valid or invalid the same way everywhere.
 */
#include "config.h"

#include "utf8.h"

#include <string.h>

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

/* Append the closers of what the stack (of 'E' and 'I') leaves open. */
static void
utf8_bidi_unwind(struct str *out, struct str *stack)
{
	while (stack->len > 0)
		utf8_put(out, stack->ptr[--stack->len] == 'I' ? 0x2069 : 0x202c);
}

/*
 * Append len bytes of UTF-8 at s to out with its explicit bidi formatting
 * kept inside it (UAX #9's embeddings, overrides and isolates): a PDF or
 * a PDI that would close something opened before s is dropped, and what
 * s opens and leaves open is closed at its end (and at each paragraph
 * separator in it). So a U+202E in a feed's title reverses the title
 * alone, not the rest of the line it is printed in. Text without bidi
 * controls is appended as it is.
 */
void
utf8_bidi_close(struct str *out, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct str		 stack;
	unsigned int		 c;
	size_t			 i, n, run = 0;

	if (memchr(s, 0xe2, len) == NULL) {
		str_append(out, s, len);
		return;
	}
	str_init(&stack);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_char(p + i, len - i, &c)) == 0) {
			n = 1;
			continue;
		}
		switch (c) {
		case 0x202a: case 0x202b: case 0x202d: case 0x202e:
			str_appendc(&stack, 'E');
			continue;
		case 0x2066: case 0x2067: case 0x2068:
			str_appendc(&stack, 'I');
			continue;
		case 0x202c:
			if (stack.len > 0 && stack.ptr[stack.len - 1] == 'E') {
				stack.len--;
				continue;
			}
			break;
		case 0x2069:
			if (stack.len > 0 && memchr(stack.ptr, 'I',
			    stack.len) != NULL) {
				while (stack.ptr[--stack.len] != 'I')
					;
				continue;
			}
			break;
		case '\n': case '\r': case 0x1c: case 0x1d: case 0x1e:
		case 0x85: case 0x2029:
			/* A paragraph ends: so does what it opened. */
			str_append(out, s + run, i - run);
			utf8_bidi_unwind(out, &stack);
			run = i;
			continue;
		default:
			continue;
		}
		/* A closer of nothing opened here: left out. */
		str_append(out, s + run, i - run);
		run = i + n;
	}
	str_append(out, s + run, len - run);
	utf8_bidi_unwind(out, &stack);
	str_free(&stack);
}

/* s (NUL-terminated) with its bidi formatting kept inside it; caller frees. */
char *
utf8_bidi_closed(const char *s)
{
	struct str	out;

	str_init(&out);
	str_append(&out, "", 0);
	if (s != NULL)
		utf8_bidi_close(&out, s, strlen(s));
	return (str_steal(&out));
}
