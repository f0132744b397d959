/*
 * An item's whole body for the article view and --render: the summary and
 * the content each rendered (html-render.c), but a summary that the
 * content repeats (most feeds send the first paragraph, or all of it,
 * twice) shown once; then the enclosures the body did not already show,
 * "[audio: 12 MB, audio/mpeg]", numbered among the links; then, when asked
 * for, the list of links, "[n] URL", under a heading.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "html-priv.h"
#include "sanitize.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_ITEM_MIN_SAME	20	/* code points a summary is matched by */

/* How an item's summary and content relate. */
enum html_item_same {
	HTML_ITEM_BOTH,		/* they say different things */
	HTML_ITEM_CONTENT,	/* the content says all the summary does */
	HTML_ITEM_SUMMARY	/* the summary says all the content does */
};

/* Whether a code point is a letter or a digit for comparing bodies. */
static bool
html_item_letter(unsigned int c)
{
	if (c < 0x80)
		return ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z'));
	if (c < 0xc0 || (c >= 0x2000 && c <= 0x2bff) ||
	    (c >= 0x3000 && c <= 0x303f) || c == 0x060c || c == 0x061b ||
	    c == 0x061f || (c >= 0x066a && c <= 0x066d) || c == 0x06d4 ||
	    c == 0x0640 || c == 0xfeff)
		return (false);
	return (true);
}

/*
 * The letters and digits of a body, ASCII in lowercase, and how many:
 * what is left when markup, blanks, punctuation and ellipses go.
 */
static char *
html_item_letters(const char *s, enum feed_text type, size_t *count)
{
	const unsigned char	*p;
	struct str		 out;
	unsigned int		 c;
	char			*t;
	size_t			 i, n, k;

	t = type == FEED_TEXT_HTML ? html_strip(s, strlen(s)) :
	    sanitize_line(s, strlen(s));
	p = (const unsigned char *)t;
	n = strlen(t);
	str_init(&out);
	*count = 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_fast(p + i, n - i, &c)) == 0) {
			k = 1;
			continue;
		}
		if (!html_item_letter(c))
			continue;
		if (c < 0x80)
			str_appendc(&out, (char)(c | ((c >= 'A' && c <= 'Z') ?
			    0x20 : 0)));
		else
			str_append(&out, t + i, k);
		(*count)++;
	}
	free(t);
	return (str_steal(&out));
}

/* The bytes of the first n code points of UTF-8 text. */
static size_t
html_item_prefix(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n-- == 0)
			break;
	}
	return (i);
}

/*
 * Whether one body says what the other does: the first four fifths of
 * the shorter (at least HTML_ITEM_MIN_SAME letters, or all of it; a cut
 * summary ends in "..." or "Read more") are in the longer.
 */
static enum html_item_same
html_item_same(const struct item *it)
{
	enum html_item_same	 same = HTML_ITEM_BOTH;
	char			*s, *c, *shorter, *longer;
	size_t			 ns, nc, n, k;

	s = html_item_letters(it->summary, it->summary_type, &ns);
	c = html_item_letters(it->content, it->content_type, &nc);
	shorter = ns <= nc ? s : c;
	longer = ns <= nc ? c : s;
	n = ns <= nc ? ns : nc;
	k = n * 4 / 5 < HTML_ITEM_MIN_SAME ? n : n * 4 / 5;
	if (ns == 0)
		same = HTML_ITEM_CONTENT;
	else if (nc == 0)
		same = HTML_ITEM_SUMMARY;
	else if (memmem(longer, strlen(longer), shorter,
	    html_item_prefix(shorter, k)) != NULL)
		same = ns <= nc ? HTML_ITEM_CONTENT : HTML_ITEM_SUMMARY;
	free(s);
	free(c);
	return (same);
}

/* Append a size in bytes as a reader says it: "800 B", "4.5 MB". */
static void
html_item_size(struct str *s, int64_t n, const char *const *words)
{
	static const int	 units[] = {
		HTML_WORD_KB, HTML_WORD_MB, HTML_WORD_GB
	};
	double			 v = (double)n;
	int			 u = -1;

	if (n < 1024) {
		str_printf(s, "%lld %s", (long long)n, words[HTML_WORD_BYTES]);
		return;
	}
	while (u < 2 && v >= 1024) {
		v /= 1024;
		u++;
	}
	str_printf(s, v < 10 ? "%.1f %s" : "%.0f %s", v, words[units[u]]);
}

/* Add the enclosures that the body does not show already. */
static void
html_item_enclosures(struct doc *d, const struct item *it,
    const struct html_render_opts *o, const char *const *words)
{
	const struct enclosure	*e;
	struct doc_block	*b;
	enum doc_link_kind	 kind;
	struct str		 s;
	char			*url, *type, num[32];
	size_t			 i, j, len;
	int			 no, word;

	str_init(&s);
	for (i = 0; i < it->nenclosures; i++) {
		e = &it->enclosures[i];
		if (e->url == NULL ||
		    (url = html_url_make(o, e->url)) == NULL)
			continue;
		for (j = 0; j < d->nlinks; j++) {
			if (strcmp(d->links[j].url, url) == 0)
				break;
		}
		if (j < d->nlinks) {
			free(url);
			continue;
		}
		type = html_media_alt(e->type != NULL ? e->type : "");
		if (strncmp(type, "audio/", 6) == 0) {
			kind = DOC_LINK_AUDIO;
			word = HTML_WORD_AUDIO;
		} else if (strncmp(type, "video/", 6) == 0) {
			kind = DOC_LINK_VIDEO;
			word = HTML_WORD_VIDEO;
		} else if (strncmp(type, "image/", 6) == 0) {
			kind = DOC_LINK_IMAGE;
			word = HTML_WORD_IMAGE;
		} else {
			kind = DOC_LINK_FILE;
			word = HTML_WORD_FILE;
		}
		str_clear(&s);
		str_printf(&s, "[%s", words[word]);
		if (e->length >= 0 || *type != '\0')
			str_appends(&s, ": ");
		if (e->length >= 0)
			html_item_size(&s, e->length, words);
		if (e->length >= 0 && *type != '\0')
			str_appends(&s, words[HTML_WORD_AND]);
		str_appends(&s, type);
		str_appendc(&s, ']');
		len = s.len;
		no = doc_add_link_kind(d, url, kind);
		snprintf(num, sizeof num, "[%d]", no);
		str_appends(&s, num);
		b = doc_add(d, DOC_MEDIA, str_cstr(&s), s.len, o->dir);
		doc_add_run(b, 0, len, DOC_PLACEHOLDER);
		doc_add_run(b, len, s.len - len, DOC_STYLE_LINK(no));
		free(type);
		free(url);
	}
	str_free(&s);
}

/* Add the list of links: a heading, then "[n] URL" items. */
static void
html_item_links(struct doc *d, const char *const *words)
{
	struct doc_block	*b;
	char			 buf[32];
	size_t			 i;
	int			 w;

	if (d->nlinks == 0)
		return;
	b = doc_add(d, DOC_HEADING, words[HTML_WORD_LINKS],
	    strlen(words[HTML_WORD_LINKS]), LAYOUT_DIR_AUTO);
	b->level = 2;
	doc_add_run(b, 0, b->len, DOC_BOLD);
	w = snprintf(buf, sizeof buf, "[%zu]", d->nlinks);
	for (i = 0; i < d->nlinks; i++) {
		b = doc_add(d, DOC_ITEM, d->links[i].url,
		    strlen(d->links[i].url), LAYOUT_DIR_LTR);
		snprintf(buf, sizeof buf, "[%zu]", i + 1);
		xasprintf(&b->marker, "%*s", w, buf);
		doc_add_run(b, 0, b->len, DOC_STYLE_LINK((int)i + 1));
		b->tight = i > 0;
	}
}

/* Render an item's body; see html.h. */
void
html_item_render(struct doc *d, const struct item *it,
    const struct html_render_opts *opts)
{
	struct html_render_opts	 defaults;
	const char		*words[HTML_WORDS];
	enum html_item_same	 same = HTML_ITEM_BOTH;
	int			 i;

	if (opts == NULL) {
		html_render_opts_default(&defaults);
		opts = &defaults;
	}
	for (i = 0; i < HTML_WORDS; i++)
		words[i] = opts->words != NULL && opts->words[i] != NULL ?
		    opts->words[i] : html_words[i];
	if (it->summary != NULL && it->content != NULL)
		same = html_item_same(it);
	if (it->summary != NULL && same != HTML_ITEM_CONTENT)
		html_render(d, it->summary, strlen(it->summary),
		    it->summary_type, opts);
	if (it->content != NULL && same != HTML_ITEM_SUMMARY)
		html_render(d, it->content, strlen(it->content),
		    it->content_type, opts);
	html_item_enclosures(d, it, opts, words);
	if (opts->link_list)
		html_item_links(d, words);
}
