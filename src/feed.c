/* Constructors and destructors for the feed model, and language hints. */
#include "config.h"

#include "feed.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

/* Allocate an empty feed. */
struct feed *
feed_new(void)
{
	struct feed	*f;

	f = xcalloc(1, sizeof *f);
	f->dir = FEED_DIR_AUTO;
	return (f);
}

/* Free a feed and any items it holds; NULL is allowed. */
void
feed_free(struct feed *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		item_free(f->items[i]);
	free(f->items);
	free(f->format);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->language);
	free(f);
}

/*
 * Append an item to a feed, which takes ownership. The array doubles when
 * nitems reaches a power of two, so a feed of n items costs O(n).
 */
void
feed_add_item(struct feed *f, struct item *it)
{
	size_t	n = f->nitems;

	if (n == 0 || (n & (n - 1)) == 0)
		f->items = xreallocarray(f->items, n == 0 ? 1 : n * 2,
		    sizeof *f->items);
	f->items[f->nitems++] = it;
}

/* Allocate an empty item with unknown dates. */
struct item *
item_new(void)
{
	struct item	*it;

	it = xcalloc(1, sizeof *it);
	it->published = FEED_TIME_UNKNOWN;
	it->updated = FEED_TIME_UNKNOWN;
	return (it);
}

/* Free an item; NULL is allowed. */
void
item_free(struct item *it)
{
	size_t	i;

	if (it == NULL)
		return;
	free(it->guid);
	free(it->title);
	free(it->link);
	strv_free(&it->authors);
	strv_free(&it->categories);
	free(it->summary);
	free(it->content);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it->language);
	free(it);
}

/* Add an enclosure (copies url and type; type may be NULL). */
void
item_add_enclosure(struct item *it, const char *url, const char *type,
    int64_t length)
{
	struct enclosure	*e;

	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	e = &it->enclosures[it->nenclosures++];
	e->url = xstrdup(url);
	e->type = type != NULL ? xstrdup(type) : NULL;
	e->length = length;
}

/*
 * The direction a language tag implies: RTL for the languages written
 * right to left (Arabic and its varieties, Persian and Dari, Urdu,
 * Pashto, Sorani, Uyghur, Sindhi, Hebrew, Yiddish, Dhivehi, Syriac, N'Ko
 * and the others below), as a two- or three-letter code or as the
 * English name some feeds write, with any region, in any case, with "-"
 * or "_" ("ar-SA", "ar_EG", "AR"). A script subtag decides over the
 * language: "az-Arab" is RTL, "ar-Latn" is not. Otherwise auto.
 */
enum feed_dir
feed_dir_from_language(const char *lang)
{
	static const char *rtl[] = {
		"ar", "ara", "arb", "arz", "ary", "arq", "aeb", "apc", "apd",
		"acm", "acq", "afb", "ajp", "ayl", "ars", "shu", "ssh",
		"fa", "fas", "per", "pes", "prs", "ur", "urd", "ps", "pus", "pbu",
		"pbt", "ckb", "ug", "uig", "sd", "snd", "ks", "pnb", "bal", "glk",
		"mzn", "lrc", "bqi", "khw", "he", "heb", "iw", "yi", "yid", "ji",
		"dv", "div", "syr", "arc", "nqo", "sam", "mid",
		"arabic", "farsi", "persian", "urdu", "pashto", "hebrew",
		"yiddish", NULL
	};
	static const char *rtl_scripts[] = {
		"arab", "aran", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg",
		"mand", "samr", "mend", "yezi", NULL
	};
	const char	*sub;
	size_t		 i, n, k;
	bool		 rtl_lang = false;

	if (lang == NULL)
		return (FEED_DIR_AUTO);
	while (isspace((unsigned char)*lang))
		lang++;
	n = strcspn(lang, "-_ \t\r\n");
	if (n == 0)
		return (FEED_DIR_AUTO);
	for (i = 0; rtl[i] != NULL && !rtl_lang; i++)
		rtl_lang = strlen(rtl[i]) == n && strncasecmp(lang, rtl[i], n) == 0;
	/* The script is the first four-letter subtag after the language. */
	for (sub = lang + n; *sub == '-' || *sub == '_'; sub += k) {
		sub++;
		k = strcspn(sub, "-_ \t\r\n");
		if (k != 4)
			continue;
		for (i = 0; rtl_scripts[i] != NULL; i++) {
			if (strncasecmp(sub, rtl_scripts[i], 4) == 0)
				return (FEED_DIR_RTL);
		}
		return (FEED_DIR_AUTO);
	}
	return (rtl_lang ? FEED_DIR_RTL : FEED_DIR_AUTO);
}

/* The name of a direction: "auto", "ltr" or "rtl". */
const char *
feed_dir_name(enum feed_dir dir)
{
	switch (dir) {
	case FEED_DIR_LTR:
		return ("ltr");
	case FEED_DIR_RTL:
		return ("rtl");
	default:
		return ("auto");
	}
}
