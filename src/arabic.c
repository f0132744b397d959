/*
 * Arabic-aware search normalisation and light10 stemming (Larkey,
 * Ballesteros and Connell), following docs/arabic-search.md. Text is cut
 * into words at separators; inside a word, marks, tatweel, joiners and
 * bidi controls are dropped, letter variants and presentation forms are
 * folded to base letters, digits become ASCII and Latin is case-folded
 * without diacritics. The same code runs at index and at query time.
 */
#include "config.h"

#include "arabic.h"

#include <stdint.h>

#include "utf8.h"
#include "xmalloc.h"

#define ARABIC_SEP	(-1)	/* not part of a word */

/* Arabic Presentation Forms-B, U+FE80 on: base letter, number of forms. */
static const struct {
	uint16_t	base;
	uint8_t		forms;
} arabic_forms_b[] = {
	{ 0x0621, 1 }, { 0x0622, 2 }, { 0x0623, 2 }, { 0x0624, 2 },
	{ 0x0625, 2 }, { 0x0626, 4 }, { 0x0627, 2 }, { 0x0628, 4 },
	{ 0x0629, 2 }, { 0x062A, 4 }, { 0x062B, 4 }, { 0x062C, 4 },
	{ 0x062D, 4 }, { 0x062E, 4 }, { 0x062F, 2 }, { 0x0630, 2 },
	{ 0x0631, 2 }, { 0x0632, 2 }, { 0x0633, 4 }, { 0x0634, 4 },
	{ 0x0635, 4 }, { 0x0636, 4 }, { 0x0637, 4 }, { 0x0638, 4 },
	{ 0x0639, 4 }, { 0x063A, 4 }, { 0x0641, 4 }, { 0x0642, 4 },
	{ 0x0643, 4 }, { 0x0644, 4 }, { 0x0645, 4 }, { 0x0646, 4 },
	{ 0x0647, 4 }, { 0x0648, 2 }, { 0x0649, 2 }, { 0x064A, 4 },
};

/* Arabic Presentation Forms-A, U+FB50 to U+FBB1 and U+FBD3 to U+FBE9. */
static const struct {
	uint16_t	first;
	uint16_t	base;
	uint8_t		forms;
} arabic_forms_a[] = {
	{ 0xFB50, 0x0671, 2 }, { 0xFB52, 0x067B, 4 }, { 0xFB56, 0x067E, 4 },
	{ 0xFB5A, 0x0680, 4 }, { 0xFB5E, 0x067A, 4 }, { 0xFB62, 0x067F, 4 },
	{ 0xFB66, 0x0679, 4 }, { 0xFB6A, 0x06A4, 4 }, { 0xFB6E, 0x06A6, 4 },
	{ 0xFB72, 0x0684, 4 }, { 0xFB76, 0x0683, 4 }, { 0xFB7A, 0x0686, 4 },
	{ 0xFB7E, 0x0687, 4 }, { 0xFB82, 0x068D, 2 }, { 0xFB84, 0x068C, 2 },
	{ 0xFB86, 0x068E, 2 }, { 0xFB88, 0x0688, 2 }, { 0xFB8A, 0x0698, 2 },
	{ 0xFB8C, 0x0691, 2 }, { 0xFB8E, 0x06A9, 4 }, { 0xFB92, 0x06AF, 4 },
	{ 0xFB96, 0x06B3, 4 }, { 0xFB9A, 0x06B1, 4 }, { 0xFB9E, 0x06BA, 2 },
	{ 0xFBA0, 0x06BB, 4 }, { 0xFBA4, 0x06C0, 2 }, { 0xFBA6, 0x06C1, 4 },
	{ 0xFBAA, 0x06BE, 4 }, { 0xFBAE, 0x06D2, 2 }, { 0xFBB0, 0x06D3, 2 },
	{ 0xFBD3, 0x06AD, 4 }, { 0xFBD7, 0x06C7, 2 }, { 0xFBD9, 0x06C6, 2 },
	{ 0xFBDB, 0x06C8, 2 }, { 0xFBDD, 0x0677, 1 }, { 0xFBDE, 0x06CB, 2 },
	{ 0xFBE0, 0x06C5, 2 }, { 0xFBE2, 0x06C9, 2 }, { 0xFBE4, 0x06D0, 4 },
	{ 0xFBE8, 0x0649, 2 }, { 0xFBFC, 0x06CC, 4 },
};

/* Latin-1 letters U+00C0 to U+00FF without their marks (NULL: not a letter). */
static const char *arabic_latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL,
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL,
	"o", "u", "u", "u", "u", "y", "th", "y",
};

/* Latin Extended-A, U+0100 to U+017F, as base letters. */
static const char arabic_latin_a[] =
	"aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
	"iiiiiiiiii" "ii" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo"
	"oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy"
	"zzzzzz" "s";
_Static_assert(sizeof arabic_latin_a == 0x80 + 1, "one letter per code point");

/* Decode one character; an invalid byte is U+FFFD and one byte long. */
static uint32_t
arabic_decode(const unsigned char *s, size_t len, size_t *used)
{
	unsigned int	c;

	if ((*used = utf8_char(s, len, &c)) == 0) {
		*used = 1;
		return (0xFFFD);
	}
	return (c);
}

/* Whether a code point separates words. */
static int
arabic_is_sep(uint32_t c)
{
	if (c < 0x80)
		return (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')));
	if (c < 0xC0)				/* Latin-1 punctuation, NBSP */
		return (c != 0xAA && c != 0xB5 && c != 0xBA);
	if (c == 0xD7 || c == 0xF7)
		return (1);
	switch (c) {
	case 0x060C: case 0x060D: case 0x061B: case 0x061E: case 0x061F:
	case 0x066A: case 0x066B: case 0x066C: case 0x066D: case 0x06D4:
	case 0xFD3E: case 0xFD3F: case 0xFFFD:
		return (1);
	}
	if (c >= 0x0600 && c <= 0x060F)		/* number signs, etc. */
		return (c != 0x060C);
	if (c >= 0x2000 && c <= 0x206F)		/* general punctuation */
		return (1);
	if (c >= 0x2190 && c <= 0x2BFF)		/* arrows, symbols */
		return (1);
	if (c >= 0x3000 && c <= 0x303F)		/* CJK punctuation */
		return (1);
	if (c >= 0xFE10 && c <= 0xFE6F)		/* small and vertical forms */
		return (1);
	if (c >= 0xFF00 && c <= 0xFF0F)
		return (1);
	if (c >= 0x1F000)			/* emoji and friends */
		return (1);
	return (0);
}

/*
 * Fold one code point into out[] (at most 3); returns how many, 0 for a
 * character dropped inside a word, ARABIC_SEP for a separator.
 */
static int
arabic_fold(uint32_t c, uint32_t *out)
{
	size_t	i;
	int	n;

	/* dropped: marks, tatweel, joiners, bidi controls */
	if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
	    (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640 ||
	    (c >= 0x0300 && c <= 0x036F) || c == 0x00AD ||
	    (c >= 0x200B && c <= 0x200F) || c == 0x061C ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
	    c == 0xFEFF || (c >= 0xFE70 && c <= 0xFE7F) ||
	    (c >= 0xFBB2 && c <= 0xFBC1) || (c >= 0xFE00 && c <= 0xFE0F))
		return (0);
	if (c >= 0x0600 && c <= 0x06FF) {
		switch (c) {
		case 0x0622: case 0x0623: case 0x0625: case 0x0671:
			out[0] = 0x0627;
			return (1);
		case 0x0649: case 0x06CC: case 0x06D2:
			out[0] = 0x064A;
			return (1);
		case 0x0629:
			out[0] = 0x0647;
			return (1);
		case 0x06A9:
			out[0] = 0x0643;
			return (1);
		}
		if (c >= 0x0660 && c <= 0x0669) {
			out[0] = '0' + (c - 0x0660);
			return (1);
		}
		if (c >= 0x06F0 && c <= 0x06F9) {
			out[0] = '0' + (c - 0x06F0);
			return (1);
		}
	}
	if (c >= 0xFE80 && c <= 0xFEFC) {
		if (c >= 0xFEF5) {		/* lam-alef ligatures */
			out[0] = 0x0644;
			out[1] = 0x0627;
			return (2);
		}
		c -= 0xFE80;
		for (i = 0; i < sizeof arabic_forms_b /
		    sizeof arabic_forms_b[0]; i++) {
			if (c < arabic_forms_b[i].forms)
				return (arabic_fold(arabic_forms_b[i].base,
				    out));
			c -= arabic_forms_b[i].forms;
		}
		return (ARABIC_SEP);
	}
	if (c >= 0xFB50 && c <= 0xFBFF) {
		for (i = 0; i < sizeof arabic_forms_a /
		    sizeof arabic_forms_a[0]; i++) {
			if (c >= arabic_forms_a[i].first &&
			    c < arabic_forms_a[i].first +
			    arabic_forms_a[i].forms)
				return (arabic_fold(arabic_forms_a[i].base,
				    out));
		}
	}
	if (arabic_is_sep(c))
		return (ARABIC_SEP);
	if (c >= 'A' && c <= 'Z') {
		out[0] = c + 32;
		return (1);
	}
	if (c >= 0xC0 && c <= 0xFF) {
		const char *s = arabic_latin1[c - 0xC0];

		for (n = 0; s[n] != '\0'; n++)
			out[n] = (unsigned char)s[n];
		return (n);
	}
	if (c >= 0x100 && c <= 0x17F) {
		out[0] = (unsigned char)arabic_latin_a[c - 0x100];
		return (1);
	}
	if ((c >= 0x0391 && c <= 0x03A9) || (c >= 0x0410 && c <= 0x042F))
		c += 0x20;			/* Greek, Cyrillic capitals */
	else if (c >= 0x0400 && c <= 0x040F)
		c += 0x50;
	out[0] = c;
	return (1);
}

/* Decode one character, ASCII and two-byte sequences (Arabic) inline. */
static inline uint32_t
arabic_next(const unsigned char *s, size_t len, size_t *used)
{
	if (s[0] < 0x80) {
		*used = 1;
		return (s[0]);
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && len >= 2 &&
	    (s[1] & 0xC0) == 0x80) {
		*used = 2;
		return (((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F));
	}
	return (arabic_decode(s, len, used));
}

/* arabic_fold, with the common cases (ASCII, Arabic letters) first. */
static inline int
arabic_fold_fast(uint32_t c, uint32_t *out)
{
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[0] = c;
			return (1);
		}
		if (c >= 'A' && c <= 'Z') {
			out[0] = c + 32;
			return (1);
		}
		return (ARABIC_SEP);
	}
	if (c >= 0x0621 && c <= 0x065F) {
		switch (c) {
		case 0x0622: case 0x0623: case 0x0625:
			out[0] = 0x0627;
			return (1);
		case 0x0629:
			out[0] = 0x0647;
			return (1);
		case 0x0649:
			out[0] = 0x064A;
			return (1);
		case 0x0640:			/* tatweel */
			return (0);
		}
		if (c >= 0x064B)		/* marks */
			return (0);
		out[0] = c;
		return (1);
	}
	return (arabic_fold(c, out));
}

/*
 * arabic_fold of U+0600 to U+067F, the two-byte characters led by D8 and
 * D9 that are most of an Arabic text: the folded code point, 0 for a
 * character dropped inside a word, 0xFFFF for a separator (generated
 * from arabic_fold; tests/test-arabic.c checks every entry against it).
 */
static const uint16_t arabic_fold_tab[128] = {
	0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF,
	0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF,
	0x0610, 0x0611, 0x0612, 0x0613, 0x0614, 0x0615, 0x0616, 0x0617,
	0x0618, 0x0619, 0x061A, 0xFFFF, 0x0000, 0x061D, 0xFFFF, 0xFFFF,
	0x0620, 0x0621, 0x0627, 0x0627, 0x0624, 0x0627, 0x0626, 0x0627,
	0x0628, 0x0647, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
	0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637,
	0x0638, 0x0639, 0x063A, 0x063B, 0x063C, 0x063D, 0x063E, 0x063F,
	0x0000, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647,
	0x0648, 0x064A, 0x064A, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0x066E, 0x066F,
	0x0000, 0x0627, 0x0672, 0x0673, 0x0674, 0x0675, 0x0676, 0x0677,
	0x0678, 0x0679, 0x067A, 0x067B, 0x067C, 0x067D, 0x067E, 0x067F,
};

/*
 * Decode and fold the character at s: how many code points it folds to
 * (into f), 0 or ARABIC_SEP as arabic_fold; *used is its length.
 */
static inline int
arabic_step(const unsigned char *s, size_t len, size_t *used, uint32_t *f)
{
	uint16_t	v;

	if ((s[0] & 0xFE) == 0xD8 && len >= 2 && (s[1] & 0xC0) == 0x80) {
		*used = 2;
		v = arabic_fold_tab[((s[0] & 1) << 6) | (s[1] & 0x3F)];
		if (v == 0xFFFF)
			return (ARABIC_SEP);
		if (v == 0)
			return (0);
		f[0] = v;
		return (1);
	}
	return (arabic_fold_fast(arabic_next(s, len, used), f));
}

/* Whether arabic_fold_tab agrees with arabic_fold (for the tests). */
int
arabic_fold_tab_check(void)
{
	uint32_t	c, out[3];
	int		n, bad = 0;

	for (c = 0x0600; c < 0x0680; c++) {
		n = arabic_fold(c, out);
		if (n == ARABIC_SEP)
			bad += arabic_fold_tab[c - 0x0600] != 0xFFFF;
		else if (n == 0)
			bad += arabic_fold_tab[c - 0x0600] != 0;
		else
			bad += n != 1 || arabic_fold_tab[c - 0x0600] != out[0];
	}
	return (bad);
}

/* Whether b then a is one of light10's two-letter suffixes. */
static inline int
arabic_suffix2(uint32_t b, uint32_t a)
{
	switch (a) {
	case 0x0627:				/* ها */
		return (b == 0x0647);
	case 0x0646:				/* ان ون ين */
		return (b == 0x0627 || b == 0x0648 || b == 0x064A);
	case 0x062A:				/* ات */
		return (b == 0x0627);
	case 0x0647:				/* يه */
	case 0x0629:				/* ية */
		return (b == 0x064A);
	}
	return (0);
}

/*
 * Stems a suffix is never cut down to: a word of the news (or a name) and
 * an unrelated one would meet there. Each three letters, normalised.
 */
static const uint32_t arabic_stop_stems[][ARABIC_MINSTEM] = {
	{ 0x0627, 0x0644, 0x0645 },	/* الم: German (الألمانية) is not pain */
	{ 0x0627, 0x0645, 0x0646 },	/* امن: آمنة (a name), أمنية, الأمنية */
	{ 0x0628, 0x062D, 0x0631 },	/* بحر: Bahrain (البحرين) is not a sea */
	{ 0x062A, 0x0631, 0x0643 },	/* ترك: Turkish (التركية) is not "left" */
	{ 0x0633, 0x0644, 0x0645 },	/* سلم: سلمان, سلمى are not peace */
	{ 0x0633, 0x0648, 0x062F },	/* سود: Sudan (السودان) is not "black" */
	{ 0x0633, 0x0648, 0x0631 },	/* سور: Syria (سورية) is not a wall */
	{ 0x0637, 0x0647, 0x0631 },	/* طهر: Tehran (طهران) is not purity */
	{ 0x0639, 0x062F, 0x0646 },	/* عدن: عدنان (a name) is not Aden */
	{ 0x0644, 0x0628, 0x0646 },	/* لبن: Lebanon (لبنان) is not milk */
};

/* Whether a suffix may be cut off w to leave its first len letters. */
static inline int
arabic_stem_ok(const uint32_t *w, size_t len)
{
	size_t	i;

	if (len < ARABIC_MINSTEM)
		return (0);
	if (len > ARABIC_MINSTEM)
		return (1);
	for (i = 0; i < sizeof arabic_stop_stems /
	    sizeof arabic_stop_stems[0]; i++) {
		if (w[0] == arabic_stop_stems[i][0] &&
		    w[1] == arabic_stop_stems[i][1] &&
		    w[2] == arabic_stop_stems[i][2])
			return (0);
	}
	return (1);
}

/*
 * light10 on a normalised word of len code points: returns the stem's
 * length; it starts *front code points into the word. Prefixes go as
 * light10 has them (two letters stay); a suffix goes only when it leaves
 * ARABIC_MINSTEM letters that are not one of the stop-list's stems:
 * shorter stems, and those, are where unrelated words and names meet
 * (حسين and حسه at حس, آمنة and الأمنية at امن).
 */
static size_t
arabic_light10(const uint32_t *w, size_t len, size_t *front)
{
	size_t		f = 0;
	uint32_t	a;

	/* 1. "and", when three letters remain */
	if (len >= 4 && w[0] == 0x0648)
		f = 1;

	/*
	 * 2. the first definite article that leaves two letters, in the
	 * order ال وال بال كال فال لل
	 */
	if (len - f >= 4 && w[f] == 0x0627 && w[f + 1] == 0x0644)
		f += 2;
	else if (len - f >= 5 && w[f + 1] == 0x0627 && w[f + 2] == 0x0644 &&
	    (w[f] == 0x0648 || w[f] == 0x0628 || w[f] == 0x0643 ||
	    w[f] == 0x0641))
		f += 3;
	else if (len - f >= 4 && w[f] == 0x0644 && w[f + 1] == 0x0644)
		f += 2;
	w += f;
	len -= f;
	*front = f;

	/* 3. suffixes, longest first, while the stem left may be one */
	while (len > ARABIC_MINSTEM) {
		a = w[len - 1];
		if (len >= 2 + ARABIC_MINSTEM &&
		    arabic_suffix2(w[len - 2], a) && arabic_stem_ok(w, len - 2))
			len -= 2;
		else if ((a == 0x0647 || a == 0x0629 || a == 0x064A) &&
		    arabic_stem_ok(w, len - 1))
			len -= 1;
		else
			break;
	}
	return (len);
}

/* Append the UTF-8 encoding of c at p; returns its length. */
static inline size_t
arabic_put(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3F));
		return (2);
	}
	if (c < 0x10000) {
		p[0] = (char)(0xE0 | (c >> 12));
		p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		p[2] = (char)(0x80 | (c & 0x3F));
		return (3);
	}
	p[0] = (char)(0xF0 | (c >> 18));
	p[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[3] = (char)(0x80 | (c & 0x3F));
	return (4);
}

/* Stem a normalised word (UTF-8) in place with light10. */
void
arabic_stem(struct str *s)
{
	uint32_t	w[ARABIC_MAXWORD];
	size_t		len = 0, i, used, front;

	for (i = 0; i < s->len && len < ARABIC_MAXWORD; i += used)
		w[len++] = arabic_decode((unsigned char *)s->ptr + i,
		    s->len - i, &used);
	len = arabic_light10(w, len, &front);
	str_clear(s);
	for (i = 0; i < len; i++)
		utf8_put(s, w[front + i]);
	if (s->ptr == NULL)
		str_append(s, "", 0);
}

/*
 * Cut text into words and call cb for each with its normalised and
 * stemmed forms and its byte range in text; returns what cb stopped with,
 * or 0.
 *
 * Each character is decoded and folded once, into code points for the
 * stemmer and straight into the UTF-8 of the normalised word; light10
 * only cuts letters off either end, so the stem is a piece of that.
 */
int
arabic_tokenize(const char *text, size_t len, arabic_token_cb cb, void *arg)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct arabic_token	 t;
	uint32_t		 f[3], w[ARABIC_MAXWORD];
	uint16_t		 off[ARABIC_MAXWORD + 1];
	char			 norm[ARABIC_MAXBYTES + 1];
	size_t			 i = 0, used, start, end, nw, nb, k, front, n;
	int			 nf, rc;

	while (i < len) {
		/* Separators between words. */
		if ((nf = arabic_step(s + i, len - i, &used, f)) ==
		    ARABIC_SEP) {
			i += used;
			continue;
		}

		/* A word: characters up to the next separator or the end. */
		start = i;
		nw = nb = 0;
		for (;;) {
			for (k = 0; k < (size_t)nf && nw < ARABIC_MAXWORD;
			    k++) {
				off[nw] = (uint16_t)nb;
				w[nw++] = f[k];
				nb += arabic_put(norm + nb, f[k]);
			}
			i += used;
			end = i;
			if (i >= len)
				break;
			if ((nf = arabic_step(s + i, len - i, &used, f)) ==
			    ARABIC_SEP) {
				i += used;
				break;
			}
		}
		if (nw == 0)
			continue;
		off[nw] = (uint16_t)nb;
		norm[nb] = '\0';
		n = arabic_light10(w, nw, &front);
		t.norm = norm;
		t.normlen = nb;
		t.stem = norm + off[front];
		t.stemlen = off[front + n] - off[front];
		t.start = start;
		t.end = end;
		if ((rc = cb(arg, &t)) != 0)
			return (rc);
	}
	return (0);
}

static int
arabic_normalise_cb(void *arg, const struct arabic_token *t)
{
	struct str	*out = arg;

	if (out->len != 0)
		str_appendc(out, ' ');
	str_append(out, t->norm, t->normlen);
	return (0);
}

/* Normalise text: its words, normalised, separated by single spaces. */
void
arabic_normalise(const char *text, size_t len, struct str *out)
{
	str_clear(out);
	str_append(out, "", 0);
	arabic_tokenize(text, len, arabic_normalise_cb, out);
}
