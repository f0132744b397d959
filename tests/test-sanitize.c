/* Tests for sanitize.c: controls out, Arabic marks and bidi controls in. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "str.h"
#include "utf8.h"

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

/* What sanitize_clean_prefix must say, from utf8_char. */
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
		if ((k = utf8_char(p + i, n - i, &c)) == 0)
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

/*
 * Check sanitize_clean_prefix against clean_prefix_ref on len bytes at seq
 * placed after off bytes of ASCII in a buffer of 48 whose memory address
 * is misaligned by mis: the whole buffer, and cut at each byte of seq.
 * Returns the number of disagreements, and counts the calls in *tried.
 */
static size_t
clean_prefix_diff(const unsigned char *seq, size_t len, size_t off,
    size_t mis, size_t *tried)
{
	static unsigned char	 store[48 + 16 + 8];
	unsigned char		*buf = store + mis;
	size_t			 n, bad = 0;
	int			 markup;

	memset(buf, 'a', 48);
	memcpy(buf + off, seq, len);
	for (markup = 0; markup < 2; markup++) {
		for (n = off + 1; n <= off + len; n++) {
			(*tried)++;
			if (sanitize_clean_prefix(buf, n, markup) !=
			    clean_prefix_ref(buf, n, markup))
				bad++;
		}
		(*tried)++;
		if (sanitize_clean_prefix(buf, 48, markup) !=
		    clean_prefix_ref(buf, 48, markup))
			bad++;
	}
	return (bad);
}

/*
 * The fast paths of sanitize_clean_prefix (16 bytes at a time) against the
 * reference, for every 1- and 2-byte sequence, every 3-byte sequence whose
 * last two bytes are at the edges of the UTF-8 ranges, and 4-byte ones
 * with an F0-F7 (and some other) lead, each at every offset 0-15 after
 * ASCII, so at every place in a block and across its end.
 */
static void
test_clean_prefix_seqs(void)
{
	static const unsigned char edge[] = { 0x00, 0x09, 0x0a, 0x0d, 0x20,
	    0x7e, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
	    0xc3, 0xd8, 0xdf, 0xe0, 0xed, 0xf0, 0xf4, 0xff };
	static const unsigned char lead4[] = { 0xf0, 0xf1, 0xf3, 0xf4, 0xf5,
	    0xf7, 0xe0, 0xed, 0xef, 0xdb, 0xc2, 0x41 };
	unsigned char	 seq[4];
	size_t		 a, b, c, d, off, bad = 0, tried = 0, k;

	for (off = 0; off < 16; off++) {
		for (a = 0; a < 256; a++) {
			seq[0] = (unsigned char)a;
			bad += clean_prefix_diff(seq, 1, off, (off + a) % 16,
			    &tried);
			for (b = 0; b < 256; b++) {
				seq[1] = (unsigned char)b;
				bad += clean_prefix_diff(seq, 2, off,
				    (off + a + b) % 16, &tried);
			}
		}
	}
	ok(bad == 0, "clean prefix: 1- and 2-byte sequences at offsets 0-15 "
	    "(%zu of %zu differ)", bad, tried);
	bad = tried = 0;
	for (off = 0; off < 16; off++)
	for (a = 0; a < 256; a++)
	for (b = 0; b < sizeof edge; b++)
	for (c = 0; c < sizeof edge; c++) {
		seq[0] = (unsigned char)a;
		seq[1] = edge[b];
		seq[2] = edge[c];
		bad += clean_prefix_diff(seq, 3, off, (off + a + c) % 16,
		    &tried);
	}
	ok(bad == 0, "clean prefix: 3-byte sequences at offsets 0-15 "
	    "(%zu of %zu differ)", bad, tried);
	bad = tried = 0;
	for (off = 0; off < 16; off++)
	for (k = 0; k < sizeof lead4; k++)
	for (b = 0; b < sizeof edge; b++)
	for (c = 0; c < sizeof edge; c++)
	for (d = 0; d < sizeof edge; d++) {
		seq[0] = lead4[k];
		seq[1] = edge[b];
		seq[2] = edge[c];
		seq[3] = edge[d];
		bad += clean_prefix_diff(seq, 4, off, (off + k + d) % 16,
		    &tried);
	}
	ok(bad == 0, "clean prefix: 4-byte sequences at offsets 0-15 "
	    "(%zu of %zu differ)", bad, tried);
}

/* A small fixed-seed generator (xorshift64*), so that failures repeat. */
static uint64_t	rnd_state = 0x9e3779b97f4a7c15ULL;

static unsigned int
rnd(unsigned int below)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return ((unsigned int)((rnd_state * 0x2545f4914f6cdd1dULL) >> 32) %
	    below);
}

/*
 * Append one random piece of UTF-8-ish text at p (room for 4 bytes):
 * mostly Arabic letters and harakat, ASCII and spaces, with now and then
 * other two-, three- and four-byte characters, C1 controls, C0 controls,
 * DEL, tab, LF and CR, stray continuations, cut sequences and any byte.
 */
static size_t
rnd_piece(unsigned char *p)
{
	unsigned int	r = rnd(100), c;

	if (r < 40) {				/* Arabic, harakat */
		c = rnd(4) == 0 ? 0x64b + rnd(8) : 0x600 + rnd(0x100);
		p[0] = (unsigned char)(0xc0 | (c >> 6));
		p[1] = (unsigned char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (r < 62) {				/* printable ASCII */
		p[0] = (unsigned char)(0x20 + rnd(0x5f));
		return (1);
	}
	if (r < 70) {
		p[0] = ' ';
		return (1);
	}
	if (r < 75) {				/* U+0080-U+07FF */
		c = 0x80 + rnd(0x780);
		p[0] = (unsigned char)(0xc0 | (c >> 6));
		p[1] = (unsigned char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (r < 79) {				/* U+0800-U+FFFF */
		c = 0x800 + rnd(0xf800);
		p[0] = (unsigned char)(0xe0 | (c >> 12));
		p[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		p[2] = (unsigned char)(0x80 | (c & 0x3f));
		return (3);
	}
	if (r < 81) {				/* U+10000-U+10FFFF */
		c = 0x10000 + rnd(0x100000);
		p[0] = (unsigned char)(0xf0 | (c >> 18));
		p[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
		p[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		p[3] = (unsigned char)(0x80 | (c & 0x3f));
		return (4);
	}
	if (r < 84) {				/* tab, LF, CR */
		p[0] = "\t\n\r"[rnd(3)];
		return (1);
	}
	if (r < 86) {				/* C0, DEL */
		c = rnd(33);
		p[0] = (unsigned char)(c == 32 ? 0x7f : c);
		return (1);
	}
	if (r < 88) {				/* C2 and any continuation */
		p[0] = 0xc2;
		p[1] = (unsigned char)(0x80 + rnd(0x40));
		return (2);
	}
	if (r < 91) {				/* a continuation */
		p[0] = (unsigned char)(0x80 + rnd(0x40));
		return (1);
	}
	if (r < 95) {				/* a lead */
		p[0] = (unsigned char)(0xc0 + rnd(0x40));
		return (1);
	}
	p[0] = (unsigned char)rnd(256);		/* anything */
	return (1);
}

/*
 * Random buffers of 0-64 bytes, built from rnd_piece, at random memory
 * alignments, against the reference in both tables, whole and cut at a
 * random length.
 */
static void
test_clean_prefix_random(void)
{
	static unsigned char	 store[16 + 64 + 4 + 8];
	unsigned char		*buf;
	size_t			 len, want, t, n, bad = 0, tried = 0;
	int			 markup;

	for (t = 0; t < 300000; t++) {
		buf = store + rnd(16);
		want = rnd(65);
		for (len = 0; len < want; )
			len += rnd_piece(buf + len);
		if (len > 64)
			len = 64;
		for (markup = 0; markup < 2; markup++) {
			tried += 2;
			if (sanitize_clean_prefix(buf, len, markup) !=
			    clean_prefix_ref(buf, len, markup))
				bad++;
			n = rnd((unsigned int)len + 1);
			if (sanitize_clean_prefix(buf, n, markup) !=
			    clean_prefix_ref(buf, n, markup))
				bad++;
		}
	}
	ok(bad == 0, "clean prefix: random UTF-8-ish buffers (%zu of %zu "
	    "differ)", bad, tried);
}

/* sanitize.c's white space of lines, for the reference below. */
static bool
ref_is_space(unsigned int c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000);
}

/*
 * What sanitize_text (line false) and sanitize_line (line true) must
 * return: one character at a time, decoded, with no fast path.
 */
static char *
ref_sanitize(const char *p, size_t len, bool line)
{
	const unsigned char	*u = (const unsigned char *)p;
	struct str		 s;
	size_t			 i = 0, n;
	unsigned int		 c;
	bool			 pending = false;

	str_init(&s);
	str_reserve(&s, 1);
	s.ptr[0] = '\0';
	while (i < len) {
		if ((n = utf8_char(u + i, len - i, &c)) == 0) {
			c = 0xfffd;
			n = 1;
		}
		i += n;
		if (line && ref_is_space(c)) {
			pending = true;
			continue;
		}
		if (c == '\r') {
			if (i < len && u[i] == '\n')
				i++;
			c = '\n';
		}
		if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && c != '\t' &&
		    c != '\n')
			continue;
		if (pending && s.len != 0)
			str_appendc(&s, ' ');
		pending = false;
		utf8_put(&s, c);
	}
	return (str_steal(&s));
}

/*
 * sanitize_text and sanitize_line against the reference on random text
 * with runs of white space (ASCII, no-break and other Unicode spaces) among
 * the pieces of rnd_piece, and on text that is mostly Arabic words,
 * printable ASCII and single spaces (the 16-byte blocks of lines).
 */
static void
test_sanitize_random(void)
{
	static const char *const spaces[] = { " ", " ", " ", "  ", "\t",
	    "\n", "\r\n", "\xc2\xa0", "\xe2\x80\x83", "\xe3\x80\x80", "\f" };
	unsigned char	 buf[96];
	char		*got, *want;
	size_t		 len, target, t, k, bad = 0, tried = 0;
	int		 line;

	for (t = 0; t < 200000; t++) {
		target = rnd(65);
		for (len = 0; len < target; ) {
			/* Every other text is mostly words and spaces. */
			if (t % 2 == 1 && rnd(20) != 0) {
				k = rnd(10);
				if (k < 2)
					buf[len++] = ' ';
				else if (k < 4)
					buf[len++] = (unsigned char)
					    (0x21 + rnd(0x5e));
				else {
					buf[len++] = (unsigned char)
					    (0xd8 + rnd(4));
					buf[len++] = (unsigned char)
					    (0x80 + rnd(0x40));
				}
			} else if (rnd(5) == 0) {
				k = rnd(sizeof spaces / sizeof spaces[0]);
				memcpy(buf + len, spaces[k], strlen(spaces[k]));
				len += strlen(spaces[k]);
			} else
				len += rnd_piece(buf + len);
		}
		for (line = 0; line < 2; line++) {
			tried++;
			got = line ? sanitize_line((char *)buf, len) :
			    sanitize_text((char *)buf, len);
			want = ref_sanitize((char *)buf, len, line);
			if (strcmp(got, want) != 0)
				bad++;
			free(got);
			free(want);
		}
	}
	ok(bad == 0, "text and line: random text against the reference "
	    "(%zu of %zu differ)", bad, tried);
}

int
main(void)
{
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

	test_clean_prefix();
	test_clean_prefix_seqs();
	test_clean_prefix_random();
	test_sanitize_random();
	return (tap_done());
}
