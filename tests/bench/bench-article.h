/*
 * The benchmarks' articles, the same in bench-layout and bench-ui: a
 * vowelled Arabic word list, a deterministic generator over it, and a
 * 100 KB Arabic article in the HTML a news site sends (paragraphs with
 * bold words and links, headings, figures, lists, tables).
 */
#ifndef AKHBAR_BENCH_ARTICLE_H
#define AKHBAR_BENCH_ARTICLE_H

#include "str.h"

#define ARTICLE_BYTES (100 * 1024)

static const char *words[] = {
	"كَتَبَ", "الطَّالِبُ", "رِسَالَةً", "إِلَى", "صَدِيقِهِ", "فِي",
	"المَدِينَةِ", "الأَسْوَاقُ", "ارْتَفَعَتْ", "بِنِسْبَةِ", "بَعْدَ",
	"إِعْلَانِ", "الحُكُومَةُ", "قَرَّرَتْ", "الاجْتِمَاعُ", "الأَوَّلُ",
	"لِلْمَجْلِسِ", "وَزِيرُ", "الخَارِجِيَّةِ", "قَالَ", "إِنَّ",
	"العَلَاقَاتَ", "بَيْنَ", "البَلَدَيْنِ", "جَيِّدَةٌ", "وَ", "مِنَ",
	"المُتَوَقَّعِ", "أَنْ", "يَصِلَ", "الوَفْدُ", "غَدًا", "لَا",
	"تَزَالُ", "المُفَاوَضَاتُ", "مُسْتَمِرَّةً", "الشَّرِكَةُ",
	"أَرْبَاحَهَا", "السَّنَوِيَّةَ", "عَلَى", "الرَّغْمِ", "الأَزْمَةِ",
	"الاقْتِصَادِيَّةِ", "العَالَمِيَّةِ", "أَعْلَنَتْ", "النَّتَائِجَ",
	"الأَخِيرَةَ", "لِلْعَامِ", "٢٠٢٦", "٪١٥", "Apple", "NASA",
	"الطَّقْسُ", "مُشْمِسٌ", "مَعَ", "رِيَاحٍ", "خَفِيفَةٍ،", "المَلْعَبِ.",
	"(الأَهْلِيُّ)", "اللّٰهِ", "سَلَامٌ", "الأُمَمِ", "المُتَّحِدَةِ",
	"؟", "مُرَاسِلُنَا", "يُفِيدُ",
};

/* A deterministic generator (a 32-bit LCG). */
static unsigned long bench_state = 20260101;

static unsigned
bench_rand(void)
{
	bench_state = bench_state * 1103515245 + 12345;
	return ((unsigned)(bench_state >> 16) & 0x7fff);
}

/* A 100 KB Arabic article in the HTML a news site sends. */
static void
bench_article(struct str *s)
{
	size_t	nw = sizeof words / sizeof words[0];
	int	p, i, w;

	str_appends(s, "<div class=\"article-body\" dir=\"rtl\">\n");
	for (p = 0; s->len < ARTICLE_BYTES; p++) {
		if (p % 12 == 5)
			str_printf(s, "<h2>%s %s</h2>\n", words[bench_rand() % nw],
			    words[bench_rand() % nw]);
		if (p % 15 == 7)
			str_printf(s, "<figure><img src=\"/img/%d.jpg\" alt=\"%s "
			    "%s\" width=\"800\"><figcaption>%s %s</figcaption>"
			    "</figure>\n", p, words[bench_rand() % nw],
			    words[bench_rand() % nw], words[bench_rand() % nw],
			    words[bench_rand() % nw]);
		if (p % 20 == 11) {
			str_appends(s, "<ul>");
			for (i = 0; i < 4; i++)
				str_printf(s, "<li>%s %s %s</li>",
				    words[bench_rand() % nw],
				    words[bench_rand() % nw],
				    words[bench_rand() % nw]);
			str_appends(s, "</ul>\n");
		}
		if (p % 25 == 13)
			str_printf(s, "<table><tr><th>%s</th><th>%s</th></tr>"
			    "<tr><td>%s</td><td>\xd9\xa1\xd9\xa2</td></tr>"
			    "<tr><td>%s</td><td>\xd9\xa3\xd9\xa4</td></tr>"
			    "</table>\n", words[bench_rand() % nw],
			    words[bench_rand() % nw], words[bench_rand() % nw],
			    words[bench_rand() % nw]);
		str_appends(s, "<p>");
		w = 40 + (int)(bench_rand() % 61);
		for (i = 0; i < w; i++) {
			if (i > 0)
				str_appendc(s, ' ');
			if (i % 17 == 3)
				str_printf(s, "<strong>%s</strong>",
				    words[bench_rand() % nw]);
			else if (i % 23 == 9)
				str_printf(s, "<a href=\"https://news.example/"
				    "%d/%d\">%s</a>", p, i,
				    words[bench_rand() % nw]);
			else
				str_appends(s, words[bench_rand() % nw]);
		}
		str_appends(s, "</p>\n");
	}
	str_appends(s, "</div>\n");
}

#endif
