/*
 * Tests for arabic.c: the search normaliser and the light10 stemmer.
 *
 * tests/data/arabic-tokens.txt pins the tokenizer's exact output (each
 * word's normalised form, stem and byte range) on tricky words and on
 * random texts built from troublesome pieces, so that a faster tokenizer
 * provably cuts, folds and stems as before. "test-arabic --golden" prints
 * that file from the tokenizer as it is, for a deliberate change.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arabic.h"
#include "str.h"

#include "tap.h"

struct collect {
	struct str	 out;		/* stems joined by spaces */
	struct str	 spans;		/* "start-end" joined by spaces */
};

static int
collect_cb(void *arg, const struct arabic_token *t)
{
	struct collect	*c = arg;

	if (c->out.len != 0) {
		str_appendc(&c->out, ' ');
		str_appendc(&c->spans, ' ');
	}
	str_append(&c->out, t->stem, t->stemlen);
	str_printf(&c->spans, "%zu-%zu", t->start, t->end);
	return (0);
}

/* The stems of text, space-separated; caller frees. */
static char *
stems(const char *text, char **spans)
{
	struct collect	c;

	str_init(&c.out);
	str_init(&c.spans);
	str_append(&c.out, "", 0);
	str_append(&c.spans, "", 0);
	arabic_tokenize(text, strlen(text), collect_cb, &c);
	if (spans != NULL)
		*spans = str_steal(&c.spans);
	else
		str_free(&c.spans);
	return (str_steal(&c.out));
}

static char *
norm(const char *text)
{
	struct str	s;

	str_init(&s);
	arabic_normalise(text, strlen(text), &s);
	return (str_steal(&s));
}

static void
test_normalise(void)
{
	static const struct {
		const char	*in;
		const char	*want;
		const char	*what;
	} cases[] = {
		{ "الجيشَ", "الجيش", "fatha removed" },
		{ "مُحَمَّدٌ", "محمد", "damma, fatha, shadda, dammatan removed" },
		{ "الرحمٰن", "الرحمن", "superscript alef removed" },
		{ "قرآنۖ", "قران", "Quranic mark removed, madda folded" },
		{ "العـــربية", "العربيه", "tatweel removed, teh marbuta folded" },
		{ "أحمد", "احمد", "alef with hamza above" },
		{ "إسلام", "اسلام", "alef with hamza below" },
		{ "آخر", "اخر", "alef with madda" },
		{ "ٱلله", "الله", "alef wasla" },
		{ "مستشفى", "مستشفي", "alef maqsura to yeh" },
		{ "مدرسة", "مدرسه", "teh marbuta to heh" },
		{ "ایران", "ايران", "Persian yeh" },
		{ "پاکستان", "پاكستان", "keheh to kaf, peh kept" },
		{ "ے", "ي", "Urdu yeh barree" },
		{ "٢٠٢٤", "2024", "Arabic-Indic digits" },
		{ "۱۴۰۳", "1403", "extended Arabic-Indic digits" },
		{ "ﺍﻟﺠﻴﺶ", "الجيش", "presentation forms B" },
		{ "ﻻ", "لا", "lam-alef ligature" },
		{ "ﯾ", "ي", "presentation form of Persian yeh" },
		{ "می\u200cخواهم", "ميخواهم", "ZWNJ removed inside a word" },
		{ "\u200fالجيش\u200f", "الجيش", "bidi marks removed" },
		{ "\u202bنص\u202c", "نص", "embedding controls removed" },
		{ "News CAFÉ Straße", "news cafe strasse", "Latin case and diacritics" },
		{ "Łódź", "lodz", "Latin Extended-A" },
		{ "ؤ ئ ء", "ؤ ئ ء", "hamza carriers kept" },
		{ "قال: «نعم»، ثم؟", "قال نعم ثم", "Arabic punctuation separates" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = norm(cases[i].in);
		is_str(got, cases[i].want, "normalise: %s", cases[i].what);
		free(got);
	}
}

static void
test_stem(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "والجيش", "جيش" },
		{ "الجيشَ", "جيش" },
		{ "جيش", "جيش" },
		{ "المصرية", "مصر" },
		{ "للأسواق", "اسواق" },
		{ "مالي", "مال" },		/* documented collision */
		{ "بالمدرسة", "مدرس" },
		{ "كالبحر", "بحر" },
		{ "فالأمر", "امر" },
		{ "وزير", "زير" },		/* light10's known overreach */
		{ "وطن", "وطن" },		/* too short to strip و */
		{ "كتابها", "كتاب" },
		{ "المعلمون", "معلم" },
		{ "المعلمين", "معلم" },
		{ "السيارات", "سيار" },
		{ "لبنان", "لبنان" },		/* لبن (milk) is a stop stem */
		{ "اللبنانية", "لبنان" },
		{ "هو", "هو" },
		{ "بيه", "بيه" },		/* a suffix leaves three letters */
		{ "الأمنية", "امني" },		/* امن is a stop stem */
		{ "آمنة", "امنه" },
		{ "به", "به" },			/* too short for any suffix */
		{ "Armies", "armies" },		/* Latin untouched */
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = stems(cases[i].in, NULL);
		is_str(got, cases[i].want, "stem %s", cases[i].in);
		free(got);
	}
}

/* Words that must (and must not) find each other once stemmed. */
static void
test_pairs(void)
{
	static const struct {
		const char	*a;
		const char	*b;
		int		 match;
	} pairs[] = {
		{ "الجيش", "والجيش", 1 },
		{ "الجيش", "جيش", 1 },
		{ "الجيش", "الجيشَ", 1 },
		{ "الجيش", "الـجـيـش", 1 },
		{ "جيش", "وبالجيش", 1 },
		{ "جيش", "جيوش", 0 },		/* broken plurals are not stemmed */
		{ "أمريكا", "امريكا", 1 },
		{ "مصرية", "المصري", 1 },
		{ "مستشفى", "مستشفي", 1 },
		{ "مدرسة", "المدرسه", 1 },
		{ "کتاب", "كتاب", 1 },
		{ "ی", "ي", 1 },
		{ "٥", "5", 1 },
		{ "الجيش", "الجبش", 0 },
		{ "سلام", "اسلام", 0 },
		{ "army", "ARMY", 1 },
		{ "army", "الجيش", 0 },
		{ "مالي", "مال", 1 },		/* known collision */
		{ "ؤ", "و", 0 },		/* hamza carriers kept */
	};
	size_t	 i;
	char	*a, *b;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		a = stems(pairs[i].a, NULL);
		b = stems(pairs[i].b, NULL);
		ok((strcmp(a, b) == 0) == pairs[i].match, "%s %s %s",
		    pairs[i].a, pairs[i].match ? "matches" : "does not match",
		    pairs[i].b);
		if ((strcmp(a, b) == 0) != pairs[i].match)
			diag("stems: '%s' and '%s'", a, b);
		free(a);
		free(b);
	}
}

/*
 * The word list (tests/data/stem-words.txt): groups of words that share
 * the first one's stem ("=") or must not ("!").
 */
static void
test_word_list(void)
{
	FILE	*f;
	char	 buf[4096], *p, *w, *first, *st;
	int	 same, bad, groups = 0, failed = 0;

	if ((f = fopen(tap_data("stem-words.txt"), "r")) == NULL) {
		ok(0, "open stem-words.txt");
		return;
	}
	while (fgets(buf, sizeof buf, f) != NULL) {
		buf[strcspn(buf, "\n")] = '\0';
		if (buf[0] != '=' && buf[0] != '!')
			continue;
		same = buf[0] == '=';
		p = buf + 1;
		first = NULL;
		bad = 0;
		while ((w = strsep(&p, " ")) != NULL) {
			if (*w == '\0')
				continue;
			st = stems(w, NULL);
			if (first == NULL) {
				first = st;
				continue;
			}
			if ((strcmp(st, first) == 0) != same) {
				diag("%s: '%s' is %s, '%s' %s", buf, w, st,
				    first, same ? "differs" : "is the same");
				bad = 1;
			}
			free(st);
		}
		free(first);
		groups++;
		failed += bad;
	}
	fclose(f);
	ok(groups >= 30 && failed == 0, "stem-words.txt: %d groups, %d wrong",
	    groups, failed);
}

static void
test_tokens(void)
{
	char	*got, *spans;

	got = stems("قال الجيشُ: والجيش، Army's news", &spans);
	is_str(got, "قال جيش جيش army s news", "words cut at punctuation");
	is_str(spans, "0-6 7-19 21-33 36-40 41-42 43-47",
	    "byte offsets cover the original words with their marks");
	free(got);
	free(spans);

	got = stems("", NULL);
	is_str(got, "", "empty text has no words");
	free(got);
	got = stems("\xff\xfe" "abc" "\xc3", NULL);
	is_str(got, "abc", "invalid UTF-8 separates and is dropped");
	free(got);
	got = stems("ًٌٍ", NULL);
	is_str(got, "", "marks alone make no word");
	free(got);
}

/* Pieces random texts are made of: letters, affixes, marks, forms, junk. */
static const char *golden_pieces[] = {
	"ا", "ب", "ت", "ج", "ح", "د", "ر", "س", "ش", "ع", "ف", "ق", "ك", "ل",
	"م", "ن", "ه", "و", "ي", "ة", "ى", "أ", "إ", "آ", "ٱ", "ء", "ؤ", "ئ",
	"ال", "وال", "بال", "كال", "فال", "لل", "و", "ها", "ان", "ات", "ون",
	"ين", "يه", "ية", "ی", "ک", "ے", "پ", "گ", "ۀ", "٠", "٥", "٩", "۰",
	"۹", "\u064b", "\u064e", "\u0651", "\u0652", "\u0670", "\u06d6",
	"\u0640", "\u200c", "\u200d", "\u200e", "\u202b", "\u2066", "\ufeff",
	"\ufe70", "\ufbb2", "\ufe0f", "\u00ad", "\u0301", "\u0610", "\u0600",
	"\ufe8d", "\ufedf", "\ufee0", "\ufef5", "\ufefb", "\ufefc", "\ufe80",
	"\ufef0", "\ufef4", "\ufb50", "\ufb56", "\ufbfc", "\ufbe8", "\ufbd3",
	"\ufbb1", "\ufbc2", "\ufbdd", "\ufe10", "a", "Z", "q", "0", "7",
	"\u00c0", "\u00c9", "\u00df", "\u00e6", "\u00de", "\u00fe", "\u00ff",
	"\u00d7", "\u00f7", "\u00aa", "\u00b5", "\u00ba", "\u0100", "\u017f",
	"\u0142", "\u03a3", "\u03c9", "\u0416", "\u0401", "\u0436", "\u05d0",
	"\u4e2d", "\U00010000", "\U0001f600", " ", " ", " ", ",", ".", "'",
	"-", "\n", "\t", "\u060c", "\u061f", "\u06d4", "\u066b", "\u066c",
	"\u2014", "\u00a0", "\u3000", "\ufffd", "\ufd3e", "\xff", "\xc0\x80",
	"\xed\xa0\x80", "\xe0\x80", "\xc3", "\x80", "\xf4\x90\x80\x80",
	"\xf0\x9f", "\xc2\x85",
};
#define GOLDEN_PIECES	(sizeof golden_pieces / sizeof golden_pieces[0])

/* Hand-picked texts. */
static const char *golden_fixed[] = {
	"", "و", "وال", "الجيش", "والجيش", "بالمدرسة", "للأسواق",
	"المعلمون", "كتابها", "بيه", "به", "ﻻﺍﻟﺠﻴﺶ", "Straße ÆTHER",
	"قال الجيشُ: والجيش، Army's news", "ميخواهم\u200cنه",
	"العـــربية٢٠٢٤", "ab\xff" "cd\xc3", "\u064b\u064c", "آية آيات",
	"ةة هه يي ها", "ووال والال", "ﷺ ﷲ", "x\U0001f600y",
};
#define GOLDEN_FIXED	(sizeof golden_fixed / sizeof golden_fixed[0])
#define GOLDEN_RANDOM	600	/* random texts in the file */

/* Text number i: hand-picked for small i, then random pieces. */
static void
golden_text(unsigned int i, struct str *out)
{
	unsigned int	 n, k;
	uint32_t	 r;

	str_clear(out);
	str_append(out, "", 0);
	if (i < GOLDEN_FIXED) {
		str_appends(out, golden_fixed[i]);
		return;
	}
	if (i < GOLDEN_FIXED + 4) {
		/* Words around the 256 code point cap, expansions at it. */
		k = i - (unsigned int)GOLDEN_FIXED;
		str_appends(out, "وال");
		for (n = 0; n < 252 + k; n++)
			str_appends(out, k & 1 ? "ب" : "\u00df");
		str_appends(out, "ية ");
		str_appends(out, "كلمة");
		return;
	}
	r = i * 2654435761u;
	n = 1 + (r >> 7) % 40;
	for (k = 0; k < n; k++) {
		r = r * 1103515245u + 12345u;
		str_appends(out, golden_pieces[(r >> 8) % GOLDEN_PIECES]);
	}
}

/* Write s with bytes outside printable ASCII and Arabic letters escaped. */
static void
golden_escape(struct str *out, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\' &&
		    p[i] != ' ')
			str_appendc(out, (char)p[i]);
		else if (i + 1 < len && (p[i] == 0xd8 || p[i] == 0xd9) &&
		    p[i + 1] >= 0x80 && p[i + 1] <= 0xbf &&
		    !(p[i] == 0xd9 && p[i + 1] >= 0x8b)) {
			str_append(out, s + i, 2);
			i++;
		} else
			str_printf(out, "\\x%02x", p[i]);
	}
}

static int
golden_cb(void *arg, const struct arabic_token *t)
{
	struct str	*out = arg;

	str_appendc(out, ' ');
	golden_escape(out, t->norm, t->normlen);
	str_appendc(out, '/');
	golden_escape(out, t->stem, t->stemlen);
	str_printf(out, "@%zu-%zu", t->start, t->end);
	return (0);
}

/* The line for text i: the escaped text, a tab, its tokens. */
static void
golden_line(unsigned int i, struct str *text, struct str *line)
{
	golden_text(i, text);
	str_clear(line);
	str_append(line, "", 0);
	golden_escape(line, text->ptr, text->len);
	str_appendc(line, '\t');
	arabic_tokenize(text->ptr, text->len, golden_cb, line);
}

static void
test_golden(void)
{
	struct str	 text, line;
	FILE		*f;
	char		 buf[65536];
	unsigned int	 i = 0, bad = 0;
	size_t		 n;

	if ((f = fopen(tap_data("arabic-tokens.txt"), "r")) == NULL) {
		ok(0, "open arabic-tokens.txt");
		return;
	}
	str_init(&text);
	str_init(&line);
	while (fgets(buf, sizeof buf, f) != NULL) {
		n = strlen(buf);
		if (n > 0 && buf[n - 1] == '\n')
			buf[--n] = '\0';
		golden_line(i, &text, &line);
		if (strcmp(buf, line.ptr) != 0 && bad++ == 0)
			diag("line %u:\n#  want %s\n#  got  %s", i + 1, buf,
			    line.ptr);
		i++;
	}
	fclose(f);
	ok(i > GOLDEN_RANDOM && bad == 0,
	    "tokens of %u tricky and random texts as pinned (%u differ)", i,
	    bad);
	str_free(&text);
	str_free(&line);
}

/* Print tests/data/arabic-tokens.txt from the tokenizer as it is. */
static void
golden_write(void)
{
	struct str	text, line;
	unsigned int	i;

	str_init(&text);
	str_init(&line);
	for (i = 0; i < GOLDEN_FIXED + 4 + GOLDEN_RANDOM; i++) {
		golden_line(i, &text, &line);
		printf("%s\n", line.ptr);
	}
	str_free(&text);
	str_free(&line);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--golden") == 0) {
		golden_write();
		return (0);
	}
	test_normalise();
	test_stem();
	test_pairs();
	test_word_list();
	test_tokens();
	test_golden();
	is_int(arabic_fold_tab_check(), 0, "the two-byte fold table agrees "
	    "with arabic_fold on U+0600 to U+067F");
	return (tap_done());
}
