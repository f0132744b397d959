/*
 * Fuzz target for the article renderer (libFuzzer's entry point). The
 * first byte picks the feed's direction, shaping, plain text or HTML and
 * whether the body goes through html_item_render (split in two: summary
 * and content, with an enclosure) or html_render; the second picks the
 * width. The doc is then set as text both ways, and what comes out is
 * checked: no control character, every link one the renderer may offer.
 * fuzz-replay.c replays it over the corpus in make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "feed.h"
#include "html.h"
#include "layout.h"
#include "url.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The edge's resolver: relative links against a fixed item link. */
static char *
fuzz_resolve(const char *ref, size_t len, void *arg)
{
	char	*r, *abs;

	if (len == 0 || url_is_absolute(ref, len))
		return (NULL);
	r = xstrndup(ref, len);
	abs = url_resolve(arg, r);
	free(r);
	return (abs);
}

/* Abort when text holds a control character (C0 but newline, DEL, C1). */
static void
fuzz_check_text(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0))
			abort();
	}
}

/* Render one input and check what comes out. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum layout_dir dirs[] = {
		LAYOUT_DIR_AUTO, LAYOUT_DIR_LTR, LAYOUT_DIR_RTL,
		LAYOUT_DIR_FEED_RTL
	};
	struct html_render_opts	 o;
	struct layout_config	 cfg;
	struct item		*it;
	struct doc		*d;
	char			*t;
	size_t			 i, half;
	int			 width;

	if (size < 2)
		return (0);
	layout_config_default(&cfg);
	cfg.shaping = (data[0] & 4) != 0;
	width = 1 + data[1] % 120;
	html_render_opts_default(&o);
	o.dir = dirs[data[0] & 3];
	o.width = width;
	o.layout = &cfg;
	o.resolve = fuzz_resolve;
	o.resolve_arg = (void *)"https://fuzz.example/a/b.html";
	o.link_list = (data[0] & 32) != 0;
	data += 2;
	size -= 2;

	d = doc_new();
	if (data[-2] & 16) {
		/* An item: summary and content, an enclosure. */
		it = item_new();
		half = size / 2;
		it->summary = xstrndup((const char *)data, half);
		it->content = xstrndup((const char *)data + half, size - half);
		it->summary_type = (data[-2] & 8) ? FEED_TEXT_PLAIN :
		    FEED_TEXT_HTML;
		it->content_type = FEED_TEXT_HTML;
		item_add_enclosure(it, "/e.mp3", "audio/mpeg", (int64_t)size);
		html_item_render(d, it, &o);
		item_free(it);
	} else
		html_render(d, (const char *)data, size, (data[-2] & 8) ?
		    FEED_TEXT_PLAIN : FEED_TEXT_HTML, &o);

	for (i = 0; i < d->nblocks; i++) {
		fuzz_check_text(d->blocks[i].text);
		if (d->blocks[i].marker != NULL)
			fuzz_check_text(d->blocks[i].marker);
	}
	for (i = 0; i < d->nlinks; i++) {
		fuzz_check_text(d->links[i].url);
		if (strncmp(d->links[i].url, "http://", 7) != 0 &&
		    strncmp(d->links[i].url, "https://", 8) != 0 &&
		    strncmp(d->links[i].url, "ftp://", 6) != 0 &&
		    strncmp(d->links[i].url, "mailto:", 7) != 0)
			abort();
	}
	t = doc_text(d, width, &cfg, false);
	fuzz_check_text(t);
	free(t);
	t = doc_text(d, width, &cfg, true);
	fuzz_check_text(t);
	free(t);
	doc_free(d);
	return (0);
}
