/*
 * doc.c: the article view's blocks of styled text, as doc_from_text makes
 * them from plain text and the renderer (html.h) from HTML.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "html.h"

#include "tap.h"

/* Render HTML with the renderer's defaults and a direction hint. */
static void
render(struct doc *d, const char *html, enum layout_dir dir)
{
	struct html_render_opts	o;

	if (html == NULL)
		return;
	html_render_opts_default(&o);
	o.dir = dir;
	html_render(d, html, strlen(html), FEED_TEXT_HTML, &o);
}

/* The style of the byte at off in a block (0: none). */
static int
style_at(const struct doc_block *b, size_t off)
{
	size_t	i;

	for (i = 0; i < b->nruns; i++) {
		if (off >= b->runs[i].off && off < b->runs[i].off + b->runs[i].len)
			return (b->runs[i].style);
	}
	return (0);
}

int
main(void)
{
	struct doc	*d;
	const char	*p;

	/* Plain text: paragraphs on blank lines. */
	d = doc_new();
	doc_from_text(d, "First line\nstill the first.\n\n  \nSecond, see "
	    "https://example.org/a.html.\n\nThird \033[2J.", LAYOUT_DIR_AUTO);
	is_int(d->nblocks, 3, "text: three paragraphs on blank lines");
	is_str(d->blocks[0].text, "First line still the first.",
	    "... a paragraph's lines joined with a space");
	is_int(d->nlinks, 1, "... a bare URL numbered");
	is_str(d->nlinks > 0 ? d->links[0].url : "", "https://example.org/a.html",
	    "... without the full stop after it");
	p = strstr(d->blocks[1].text, "https://");
	is_int(p != NULL ? style_at(&d->blocks[1],
	    (size_t)(p - d->blocks[1].text)) : 0, DOC_STYLE_LINK(1),
	    "... and styled as link 1");
	ok(strchr(d->blocks[2].text, '\033') == NULL,
	    "... no control character kept");
	doc_free(d);

	/* HTML: blocks at block-level tags, links numbered. */
	d = doc_new();
	render(d, "<p>One <b>bold</b> and <a href=\"https://e.org/x?a=1&amp;b=2\">"
	    "a link</a>.</p><p>Again <a href='https://e.org/x?a=1&amp;b=2'>the same</a>"
	    " and <a href=\"#top\">a fragment</a></p>"
	    "<ul><li>first</li><li>second</li></ul>"
	    "<ol><li>one</li><li>two</li></ol>"
	    "<blockquote><p>quoted</p></blockquote>"
	    "<h2>A heading</h2>"
	    "<pre>\n  code line\n    indented\n</pre>"
	    "<p dir=\"rtl\">Latin in an RTL block</p>"
	    "<script>document.write('no')</script><p>after &lt;script&gt;</p>",
	    LAYOUT_DIR_FEED_RTL);
	is_str(d->nblocks > 0 ? d->blocks[0].text : "", "One bold and a link[1].",
	    "html: the text of a paragraph, a [n] after its link");
	is_int(d->nlinks, 1, "... the same URL twice is one link");
	is_str(d->nlinks > 0 ? d->links[0].url : "", "https://e.org/x?a=1&b=2",
	    "... its entities decoded");
	p = d->nblocks > 0 ? strstr(d->blocks[0].text, "[1]") : NULL;
	is_int(p != NULL ? style_at(&d->blocks[0], (size_t)(p -
	    d->blocks[0].text)) : 0, DOC_STYLE_LINK(1),
	    "... the [1] styled as link 1");
	is_str(d->nblocks > 1 ? d->blocks[1].text : "",
	    "Again the same[1] and a fragment", "... a fragment link is not numbered");
	ok(d->nblocks > 3 && d->blocks[2].kind == DOC_ITEM &&
	    d->blocks[2].marker != NULL &&
	    strcmp(d->blocks[2].marker, "\xe2\x80\xa2") == 0 &&
	    strcmp(d->blocks[2].text, "first") == 0 &&
	    strcmp(d->blocks[3].text, "second") == 0,
	    "... list items with a bullet");
	ok(d->nblocks > 5 && d->blocks[4].marker != NULL &&
	    strcmp(d->blocks[4].marker, "1.") == 0 &&
	    d->blocks[5].marker != NULL && strcmp(d->blocks[5].marker, "2.") == 0,
	    "... numbered items numbered");
	ok(d->nblocks > 6 && d->blocks[6].kind == DOC_QUOTE &&
	    d->blocks[6].indent == 2 && strcmp(d->blocks[6].text, "quoted") == 0,
	    "... a quote, indented");
	ok(d->nblocks > 7 && d->blocks[7].kind == DOC_HEADING &&
	    d->blocks[7].level == 2, "... a heading with its level");
	ok(d->nblocks > 9 && d->blocks[8].kind == DOC_PRE &&
	    strcmp(d->blocks[8].text, "  code line") == 0 &&
	    strcmp(d->blocks[9].text, "    indented") == 0 &&
	    d->blocks[8].dir == LAYOUT_DIR_LTR,
	    "... preformatted lines verbatim, left to right");
	ok(d->nblocks > 10 && d->blocks[10].dir == LAYOUT_DIR_RTL,
	    "... dir=rtl on a block");
	ok(d->nblocks > 0 && d->blocks[0].dir == LAYOUT_DIR_FEED_RTL,
	    "... the article's hint elsewhere");
	is_str(d->nblocks > 11 ? d->blocks[11].text : "", "after <script>",
	    "... scripts left out");
	is_int(d->nblocks, 12, "... twelve blocks in all");
	doc_free(d);

	d = doc_new();
	render(d, NULL, LAYOUT_DIR_AUTO);
	doc_from_text(d, NULL, LAYOUT_DIR_AUTO);
	render(d, "<p>   </p><div></div>", LAYOUT_DIR_AUTO);
	is_int(d->nblocks, 0, "empty blocks are left out");
	render(d, "text <a href=\"https://x.org/\">open", LAYOUT_DIR_AUTO);
	is_str(d->nblocks > 0 ? d->blocks[0].text : "", "text open[1]",
	    "an unclosed link still gets its number");
	doc_free(d);
	return (tap_done());
}
