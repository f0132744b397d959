/*
 * The direction of a feed's text when no language tag gives it: read
 * from the script, as a reader's eye would. An item's is the first
 * strong character of its title (FriBidi's bidi types: Arabic, Hebrew,
 * Syriac, Thaana, N'Ko ... are right to left, Latin, Cyrillic, CJK ...
 * left to right; digits and punctuation are not strong), or when its
 * title has none the side most strong characters of its body are on,
 * markup and references skipped. A feed's is the side most of its
 * items' (and its title) are on. parse.c asks; nothing else here.
 */
#include "config.h"

#include <string.h>

#include <fribidi.h>

#include "parse-priv.h"
#include "utf8.h"

#define PARSE_DIR_SCAN	4096	/* bytes of a body looked at */

/* The side a code point is on: RTL, LTR, or AUTO when it is not strong. */
static enum feed_dir
parse_dir_char(unsigned int c)
{
	FriBidiCharType	t;

	if (c < 0x80) {
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return (FEED_DIR_LTR);
		return (FEED_DIR_AUTO);
	}
	t = fribidi_get_bidi_type((FriBidiChar)c);
	if (!FRIBIDI_IS_STRONG(t))
		return (FEED_DIR_AUTO);
	return (FRIBIDI_IS_RTL(t) ? FEED_DIR_RTL : FEED_DIR_LTR);
}

/*
 * Walk the first n bytes of s (HTML when html: tags, comments and
 * references skipped), counting strong characters on each side; with
 * first set, stop at the first strong one.
 */
static enum feed_dir
parse_dir_walk(const char *s, size_t n, bool html, bool first)
{
	const unsigned char	*u = (const unsigned char *)s, *e = u + n;
	unsigned int		 c;
	size_t			 k, rtl = 0, ltr = 0;
	enum feed_dir		 d;

	while (u < e) {
		if (html && *u == '<') {
			while (u < e && *u != '>')
				u++;
			continue;
		}
		if (html && *u == '&') {
			while (u < e && *u != ';' && *u != ' ' && *u != '<')
				u++;
			continue;
		}
		if (*u < 0x80) {
			c = *u;
			k = 1;
		} else if ((k = utf8_fast(u, (size_t)(e - u), &c)) == 0) {
			u++;
			continue;
		}
		u += k;
		if ((d = parse_dir_char(c)) == FEED_DIR_AUTO)
			continue;
		if (first)
			return (d);
		if (d == FEED_DIR_RTL)
			rtl++;
		else
			ltr++;
	}
	if (rtl == ltr)
		return (FEED_DIR_AUTO);
	return (rtl > ltr ? FEED_DIR_RTL : FEED_DIR_LTR);
}

/* The side of the first strong character of a line of text, or AUTO. */
enum feed_dir
parse_dir_first(const char *s)
{
	if (s == NULL)
		return (FEED_DIR_AUTO);
	return (parse_dir_walk(s, strlen(s), false, true));
}

/*
 * The script direction of an item: its title's first strong character,
 * else the side most strong characters of its summary or content are on
 * (the first PARSE_DIR_SCAN bytes), else AUTO.
 */
enum feed_dir
parse_dir_item(const struct item *it)
{
	const char	*body;
	enum feed_dir	 d;
	size_t		 n;

	if ((d = parse_dir_first(it->title)) != FEED_DIR_AUTO)
		return (d);
	body = it->summary != NULL ? it->summary : it->content;
	if (body == NULL)
		return (FEED_DIR_AUTO);
	n = strlen(body);
	return (parse_dir_walk(body, n < PARSE_DIR_SCAN ? n : PARSE_DIR_SCAN,
	    (body == it->summary ? it->summary_type : it->content_type) ==
	    FEED_TEXT_HTML, false));
}
