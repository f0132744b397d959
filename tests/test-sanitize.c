/* Tests for sanitize.c: controls out, Arabic marks and bidi controls in. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

#include "tap.h"

static const struct {
	const char	*name;
	const char	*in;
	const char	*text;		/* sanitize_text */
	const char	*line;		/* sanitize_line */
} cases[] = {
	{ "plain ASCII", "hello world", "hello world", "hello world" },
	{ "ESC sequences lose their ESC", "a\x1b[31mred\x1b[0m",
	  "a[31mred[0m", "a[31mred[0m" },
	{ "C0 controls dropped, tab and newline kept", "a\x01\x02\tb\nc\x7f",
	  "a\tb\nc", "a b c" },
	{ "CR LF and CR become LF", "a\r\nb\rc", "a\nb\nc", "a b c" },
	{ "C1 controls dropped (CSI U+009B, NEL U+0085)",
	  "a\xc2\x9b" "31m\xc2\x85z", "a31mz", "a31mz" },
	{ "invalid bytes become U+FFFD", "a\xff\xfe" "b",
	  "a\xef\xbf\xbd\xef\xbf\xbd" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b" },
	{ "truncated sequence becomes U+FFFD", "a\xd8",
	  "a\xef\xbf\xbd", "a\xef\xbf\xbd" },
	{ "overlong encoding is invalid", "\xc0\xaf",
	  "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "UTF-16 surrogate is invalid", "\xed\xa0\x80",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	/* مَرْحَبًا: harakat are combining marks and must survive */
	{ "Arabic with harakat survives",
	  "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8b\xd8\xa7",
	  "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8b\xd8\xa7",
	  "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8b\xd8\xa7" },
	{ "ZWNJ and ZWJ survive (Persian)",
	  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb4\xd9\x88\xd8\xaf\xe2\x80\x8d",
	  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb4\xd9\x88\xd8\xaf\xe2\x80\x8d",
	  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb4\xd9\x88\xd8\xaf\xe2\x80\x8d" },
	{ "bidi controls survive (RLM, RLE/PDF, RLI/PDI)",
	  "\xe2\x80\x8f" "a\xe2\x80\xab" "b\xe2\x80\xac\xe2\x81\xa7" "c\xe2\x81\xa9",
	  "\xe2\x80\x8f" "a\xe2\x80\xab" "b\xe2\x80\xac\xe2\x81\xa7" "c\xe2\x81\xa9",
	  "\xe2\x80\x8f" "a\xe2\x80\xab" "b\xe2\x80\xac\xe2\x81\xa7" "c\xe2\x81\xa9" },
	{ "white space collapsed and trimmed in lines",
	  "  \t one \n\n two\xc2\xa0\xc2\xa0three\xe2\x80\x83 ",
	  "  \t one \n\n two\xc2\xa0\xc2\xa0three\xe2\x80\x83 ",
	  "one two three" },
	{ "only white space is empty line", " \t\n ", " \t\n ", "" },
	{ "emoji (4-byte) survive", "\xf0\x9f\x93\xb0", "\xf0\x9f\x93\xb0",
	  "\xf0\x9f\x93\xb0" },
	/* the two-byte fast path: U+00C0 (C3 80) to U+07FF (DF BF) */
	{ "two-byte edges: C1 and NBSP (C2) checked, C3 80 and DF BF kept",
	  "\xc2\x9f\xc2\xa0\xc3\x80\xdf\xbf\xc2\xbf",
	  "\xc2\xa0\xc3\x80\xdf\xbf\xc2\xbf",
	  "\xc3\x80\xdf\xbf\xc2\xbf" },
	{ "control right after a two-byte character",
	  "\xd8\xb9\x1b[1m\xd8\xb9\r\xd8\xb9\x7f",
	  "\xd8\xb9[1m\xd8\xb9\n\xd8\xb9", "\xd8\xb9[1m\xd8\xb9 \xd8\xb9" },
	{ "lead byte without its continuation",
	  "\xd8\xd8\xb9\xd8 \xdf\xc3", "\xef\xbf\xbd\xd8\xb9\xef\xbf\xbd "
	  "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xd8\xb9\xef\xbf\xbd "
	  "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "continuation without a lead, lead E0 as two-byte",
	  "\xb9\xd8\xb9\xe0\xb9", "\xef\xbf\xbd\xd8\xb9\xef\xbf\xbd"
	  "\xef\xbf\xbd", "\xef\xbf\xbd\xd8\xb9\xef\xbf\xbd\xef\xbf\xbd" },
};

/* What sanitize_clean_prefix must say, from sanitize_utf8_char. */
static size_t
clean_prefix_ref(const unsigned char *p, size_t n, bool markup)
{
	size_t		i = 0, k;
	unsigned int	c;

	while (i < n) {
		if (p[i] < 0x80) {
			c = p[i];
			if (c < 0x20 && c != '\t' && c != '\n' &&
			    (!markup || c != '\r'))
				break;
			if (!markup && (c == '\r' || c == 0x7f))
				break;
			i++;
			continue;
		}
		if ((k = sanitize_utf8_char(p + i, n - i, &c)) == 0)
			break;
		if (!markup && c < 0xa0)
			break;
		i += k;
	}
	return (i);
}

/*
 * sanitize_clean_prefix against the reference: every lead byte, followed
 * by bytes at the edges of the UTF-8 ranges, placed across the DFA's
 * 16-byte block boundary and cut by the end at each byte.
 */
static void
test_clean_prefix(void)
{
	static const unsigned char edge[] = { 0x00, 0x09, 0x0a, 0x0d, 0x1f,
	    0x20, 0x41, 0x7e, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0,
	    0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xff };
	static const unsigned char last[] = { 0x80, 0xbf, 0x41, 0xc0 };
	unsigned char	 buf[40];
	size_t		 b0, b1, b2, b3, pos, n, bad = 0, tried = 0;
	int		 markup;

	for (b0 = 0; b0 < 256; b0++)
	for (b1 = 0; b1 < sizeof edge; b1++)
	for (b2 = 0; b2 < sizeof edge; b2++)
	for (b3 = 0; b3 < sizeof last; b3++) {
		pos = 12 + (b0 + b1) % 5;
		memset(buf, 'a', sizeof buf);
		buf[pos] = (unsigned char)b0;
		buf[pos + 1] = edge[b1];
		buf[pos + 2] = edge[b2];
		buf[pos + 3] = last[b3];
		for (markup = 0; markup < 2; markup++) {
			for (n = pos + 1; n <= pos + 4; n++) {
				tried++;
				if (sanitize_clean_prefix(buf, n, markup) !=
				    clean_prefix_ref(buf, n, markup))
					bad++;
			}
			tried++;
			if (sanitize_clean_prefix(buf, sizeof buf, markup) !=
			    clean_prefix_ref(buf, sizeof buf, markup))
				bad++;
		}
	}
	ok(bad == 0, "clean prefix: DFA agrees with the decoder (%zu of %zu "
	    "differ)", bad, tried);
	/* Arabic runs crossing blocks, then a control right after. */
	{
		const char *ar = "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a \xd8\xb9"
		    "\xd8\xb1\xd8\xa8\xd9\x8a \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a"
		    "\x1b[0m";

		is_int(sanitize_clean_prefix((const unsigned char *)ar,
		    strlen(ar), true), 26, "clean prefix: stops at ESC after "
		    "Arabic");
		is_int(sanitize_clean_prefix((const unsigned char *)ar, 25,
		    false), 24, "clean prefix: a character cut by the end is "
		    "left out");
	}
}

int
main(void)
{
	const char	*h;
	char		*p;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		p = sanitize_text(cases[i].in, strlen(cases[i].in));
		is_str(p, cases[i].text, "text: %s", cases[i].name);
		free(p);
		p = sanitize_line(cases[i].in, strlen(cases[i].in));
		is_str(p, cases[i].line, "line: %s", cases[i].name);
		free(p);
	}

	p = sanitize_text("a\0b", 3);
	is_str(p, "ab", "a NUL byte is dropped");
	free(p);

	h = "<b>Breaking</b>: a &amp; b &lt;c&gt;&nbsp;&eacute;&#1587;&#x644;"
	    "&apos;";
	p = sanitize_html_to_text(h, strlen(h));
	is_str(p, "Breaking: a & b <c> \xc3\xa9\xd8\xb3\xd9\x84'",
	    "html to text: tags out, entities decoded");
	free(p);
	h = "one<br/>two<p>three</p><!-- x --><script>alert(1)</script>four";
	p = sanitize_html_to_text(h, strlen(h));
	is_str(p, "one two three four", "html to text: blocks break words, "
	    "comments and scripts go");
	free(p);
	h = "a < b && c &bogus; &#27;x";
	p = sanitize_html_to_text(h, strlen(h));
	is_str(p, "a < b && c &bogus; x", "html to text: stray < and & kept, "
	    "ESC reference dropped");
	free(p);
	test_clean_prefix();
	return (tap_done());
}
