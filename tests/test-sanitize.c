/* Tests for sanitize.c: controls out, Arabic marks and bidi controls in. */
#include "config.h"

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
	return (tap_done());
}
