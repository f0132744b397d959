/*
 * Fuzz target for the article extractor (libFuzzer's entry point): the
 * first byte picks the HTTP Content-Type (none, HTML, HTML in
 * windows-1256, ISO-8859-6 or UTF-16, an image) and whether the item has
 * a title, the second is left to the replay's seed; the rest is the page.
 * What comes out is checked: an article or a reason, never both; clean
 * UTF-8 with no control character but tab and newline, in the article
 * and in every field; links that are not scripts; and the article goes
 * through the renderer as the article view would read it. fuzz-replay.c
 * replays it over the corpus and the article fixtures in make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "html.h"
#include "reason.h"
#include "sanitize.h"
#include "url.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char *
fuzz_resolve(const char *base, const char *ref)
{
	return (url_resolve(base, ref));
}

/* Abort unless s (NULL allowed) is sanitised text without lines, or with tab and newline when text. */
static void
fuzz_check(const char *s, int text)
{
	size_t	n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (sanitize_clean_prefix((const unsigned char *)s, n, true) != n)
		abort();
	if (!text && (strchr(s, '\n') != NULL || strchr(s, '\t') != NULL))
		abort();
}

/* Whether p, in the HTML s, is inside a tag (after a '<' not closed). */
static int
fuzz_in_tag(const char *s, const char *p)
{
	const char	*q;

	for (q = p; q > s; q--) {
		if (q[-1] == '>')
			return (0);
		if (q[-1] == '<')
			return (1);
	}
	return (0);
}

/* Extract one input and check what comes out. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
		NULL, "text/html", "text/html; charset=windows-1256",
		"text/html;charset=\"iso-8859-6\"", "text/html; charset=utf-16",
		"image/png", "application/xhtml+xml", "text/html; charset=x-bad"
	};
	struct html_article_opts	 o;
	struct html_article		 r;
	struct html_render_opts		 ro;
	struct doc			*d;
	const char			*p;
	int				 rc;

	if (size < 2)
		return (0);
	memset(&o, 0, sizeof o);
	o.url = "https://fuzz.example/news/2026/a.html";
	o.content_type = types[data[0] & 7];
	o.resolve = (data[0] & 8) ? fuzz_resolve : NULL;
	o.title = (data[0] & 16) ? "عنوان الخبر" : NULL;
	data += 2;
	size -= 2;

	rc = html_article_extract((const char *)data, size, &o, &r);
	if ((rc == 0) != (r.html != NULL) || (rc == 0) !=
	    (r.reason == REASON_NONE) || r.reason < 0 ||
	    r.reason >= REASON_COUNT)
		abort();
	fuzz_check(r.html, 1);
	fuzz_check(r.title, 0);
	fuzz_check(r.site, 0);
	fuzz_check(r.author, 0);
	fuzz_check(r.excerpt, 0);
	fuzz_check(r.published, 0);
	fuzz_check(r.detail, 0);
	if (r.html != NULL) {
		if (strlen(r.html) != r.len || r.chars == 0)
			abort();
		for (p = strstr(r.html, "href=\""); p != NULL;
		    p = strstr(p + 1, "href=\"")) {
			/* An attribute: inside a tag, not the text's words. */
			if (strncasecmp(p + 6, "javascript:", 11) == 0 &&
			    fuzz_in_tag(r.html, p))
				abort();
		}
		html_render_opts_default(&ro);
		d = doc_new();
		html_render(d, r.html, r.len, FEED_TEXT_HTML, &ro);
		doc_free(d);
	}
	html_article_clear(&r);
	return (0);
}
