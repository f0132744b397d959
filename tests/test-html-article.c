/*
 * Tests for the article extractor (html-article.c, html-clean.c,
 * html-charset.c): fixture pages under tests/data/article shaped like
 * news sites (the article inside nested divs with a menu, a sidebar of
 * most-read links, share bars, inline related links and comments; a
 * windows-1256 page declared in a <meta>, in the HTTP header only, or
 * not at all; an old table layout with <br> instead of <p>; a list of
 * article cards with one itemprop=articleBody; a page written by
 * scripts with JSON-LD; pages where extraction must fail). Each
 * article's paragraphs, one line each (images as "[img URL]"), are
 * compared with NAME.expected; the metadata and the failures' reasons
 * with the table below.
 *
 * Run as "test-html-article FILE [CONTENT-TYPE]" it prints what it
 * extracts from FILE instead.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "html.h"
#include "reason.h"
#include "sanitize.h"
#include "str.h"
#include "url.h"
#include "xmalloc.h"

#include "tap.h"

static char *
slurp(const char *path, size_t *n)
{
	struct str	 s;
	FILE		*f;
	char		 buf[65536];
	size_t		 k;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	str_init(&s);
	str_append(&s, "", 0);
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	return (str_steal(&s));
}

static char *
data_path(const char *name)
{
	const char	*top = getenv("top_srcdir");
	char		*p;

	xasprintf(&p, "%s/tests/data/article/%s", top != NULL ? top : ".",
	    name);
	return (p);
}

/* The text of a node, one line. */
static void
node_text(xmlNodePtr n, struct str *s)
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			str_appends(s, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			node_text(c, s);
	}
}

static void
emit_line(struct str *out, struct str *t)
{
	char	*line;

	line = sanitize_line(t->ptr != NULL ? t->ptr : "", t->len);
	if (*line != '\0') {
		str_appends(out, line);
		str_appendc(out, '\n');
	}
	free(line);
	str_clear(t);
}

static void	paragraphs_walk(xmlNodePtr, struct str *);

/* Images as "[img URL]" lines, in order. */
static void
images_walk(xmlNodePtr n, struct str *out)
{
	xmlNodePtr	c;
	xmlChar		*src;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "img") == 0) {
			src = xmlGetProp(c, (const xmlChar *)"src");
			str_printf(out, "[img %s]\n", src != NULL ?
			    (const char *)src : "");
			xmlFree(src);
		} else
			images_walk(c, out);
	}
}

/*
 * The paragraphs of clean HTML, a line each: every p, heading, list
 * item, caption, preformatted block and cell, and a div's own text.
 */
static void
paragraphs_walk(xmlNodePtr n, struct str *out)
{
	static const char *const blocks[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption",
		"pre", "dt", "dd", "td", "th", "caption", NULL
	};
	struct str	 t;
	xmlNodePtr	 c;
	const char	*name;
	size_t		 i;
	bool		 block;

	str_init(&t);
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			str_appends(&t, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		if (strcmp(name, "img") == 0) {
			emit_line(out, &t);
			images_walk(n == c->parent ? c->parent : c, out);
			continue;
		}
		for (block = false, i = 0; blocks[i] != NULL; i++)
			block = block || strcmp(name, blocks[i]) == 0;
		if (block) {
			emit_line(out, &t);
			node_text(c, &t);
			emit_line(out, &t);
			images_walk(c, out);
		} else if (strcmp(name, "div") == 0 ||
		    strcmp(name, "blockquote") == 0 ||
		    strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0 ||
		    strcmp(name, "figure") == 0 || strcmp(name, "table") == 0 ||
		    strcmp(name, "tbody") == 0 || strcmp(name, "tr") == 0 ||
		    strcmp(name, "dl") == 0 || strcmp(name, "br") == 0) {
			emit_line(out, &t);
			paragraphs_walk(c, out);
		} else
			node_text(c, &t);
	}
	emit_line(out, &t);
	str_free(&t);
}

/* The paragraphs of an extracted article, a line each (allocated). */
static char *
paragraphs(const char *html)
{
	struct str	 out;
	htmlDocPtr	 doc;
	xmlNodePtr	 body;

	str_init(&out);
	str_append(&out, "", 0);
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET);
	if (doc == NULL)
		return (str_steal(&out));
	body = xmlDocGetRootElement(doc);
	if (body != NULL && body->children != NULL &&
	    strcmp((const char *)body->children->name, "body") == 0)
		body = body->children;
	if (body != NULL)
		paragraphs_walk(body, &out);
	xmlFreeDoc(doc);
	return (str_steal(&out));
}

static char *
resolve(const char *base, const char *ref)
{
	return (url_resolve(base, ref));
}

/* Extract a fixture with a URL, a Content-Type and the item's title. */
static int
extract(const char *name, const char *url, const char *ctype,
    const char *title, struct html_article *r)
{
	struct html_article_opts	 o;
	char				*path, *page;
	size_t				 n;
	int				 rc;

	path = data_path(name);
	page = slurp(path, &n);
	free(path);
	if (page == NULL) {
		memset(r, 0, sizeof *r);
		r->reason = -1;
		return (-2);
	}
	memset(&o, 0, sizeof o);
	o.url = url;
	o.content_type = ctype;
	o.resolve = resolve;
	o.title = title;
	rc = html_article_extract(page, n, &o, r);
	free(page);
	return (rc);
}

/* Compare an article's paragraphs with NAME.expected. */
static void
paragraphs_are(const char *name, const struct html_article *r)
{
	char	*exp_name, *path, *want, *got;
	size_t	 n;

	xasprintf(&exp_name, "%s.expected", name);
	path = data_path(exp_name);
	want = slurp(path, &n);
	got = paragraphs(r->html != NULL ? r->html : "");
	if (want == NULL)
		ok(false, "%s: no %s", name, exp_name);
	else
		is_str(got, want, "%s: the paragraphs of the article", name);
	free(exp_name);
	free(path);
	free(want);
	free(got);
}

/* A fixture that gives an article. */
struct good {
	const char	*name;
	const char	*url;
	const char	*ctype;
	const char	*title;		/* the item's */
	const char	*charset;	/* what it was read in */
	const char	*lang;
	enum feed_dir	 dir;
	const char	*canonical;	/* NULL: none */
	const char	*meta_title;
	const char	*absent[4];	/* texts that must not be in it */
};

static const struct good goods[] = {
	{ "nested-ar.html", "https://news.example/ar/2026/12/desalination?utm=rss",
	  "text/html", "بلدية الزهراء تطلق مشروعًا لتحلية مياه البحر", "UTF-8",
	  "ar", FEED_DIR_RTL,
	  "https://news.example/ar/2026/12/desalination",
	  "بلدية الزهراء تطلق مشروعًا لتحلية مياه البحر",
	  { "فيسبوك", "أبو خالد", "الأكثر قراءة", "جميع الحقوق" } },
	{ "windows-1256.html", "http://madina.example/news.asp?id=104",
	  "text/html", "افتتاح معرض الكتاب السنوي بمشاركة أربعمئة دار نشر",
	  "WINDOWS-1256", NULL, FEED_DIR_RTL, NULL,
	  "افتتاح معرض الكتاب السنوي بمشاركة أربعمئة دار نشر - جريدة المدينة",
	  { "أخبار ذات صلة", "نسخة للطباعة", "جميع الحقوق", "محليات" } },
	{ "windows-1256-http.html", "http://madina.example/news.asp?id=104",
	  "text/html; charset=windows-1256", NULL, "WINDOWS-1256", NULL,
	  FEED_DIR_RTL, NULL,
	  "افتتاح معرض الكتاب السنوي بمشاركة أربعمئة دار نشر - جريدة المدينة",
	  { "أخبار ذات صلة", NULL } },
	{ "windows-1256-bare.html", "http://madina.example/news.asp?id=104",
	  NULL, NULL, "WINDOWS-1256", "ar", FEED_DIR_RTL, NULL,
	  "افتتاح معرض الكتاب السنوي بمشاركة أربعمئة دار نشر - جريدة المدينة",
	  { "أخبار ذات صلة", NULL } },
	{ "cards-fa.html", "https://fa.example/news/5",
	  "text/html; charset=utf-8",
	  "کتابخانه ملی ساعت کار خود را تا نیمه‌شب افزایش داد", "UTF-8", "fa",
	  FEED_DIR_RTL, NULL,
	  "کتابخانه ملی ساعت کار خود را تا نیمه‌شب افزایش داد",
	  { "نمایشگاه عکس", "جشنواره فیلم", "مریم رضایی", NULL } },
	{ "ldjson-ar.html", "https://dates.example/2026/export", NULL, NULL,
	  "UTF-8", "ar", FEED_DIR_RTL, NULL,
	  "ارتفاع صادرات التمور إلى مستوى قياسي",
	  { "جارٍ التحميل", "جافاسكربت", "__next", NULL } },
	{ "english.html", "https://harbour.example/news/ferry", "text/html",
	  "River ferry service resumes after two-year pause", "UTF-8", "en",
	  FEED_DIR_AUTO, NULL, "River ferry service resumes after two-year pause",
	  { "newsletter", "Comments are closed", "Bridge closure", "Sport" } },
};

/* A fixture (or bytes) that must give no article, and why. */
struct bad {
	const char	*name;		/* a fixture, or NULL: bytes */
	const char	*bytes;
	size_t		 len;
	const char	*ctype;
	int		 reason;
	const char	*detail;	/* NULL: any */
};

static const struct bad bads[] = {
	{ "front-page.html", NULL, 0, "text/html", REASON_NO_ARTICLE, NULL },
	{ "paywall-ar.html", NULL, 0, "text/html", REASON_PAYWALL, NULL },
	{ "scripted.html", NULL, 0, "text/html", REASON_SCRIPTED, NULL },
	{ NULL, "\xff\xd8\xff\xe0\0\x10JFIF", 10, "image/jpeg",
	  REASON_NOT_HTML, "image/jpeg" },
	{ NULL, "%PDF-1.7\n%\xe2\xe3", 14, NULL, REASON_NOT_HTML,
	  "application/pdf" },
	{ NULL, "GIF89a\x01\0\x01\0\0\0", 12, NULL, REASON_NOT_HTML,
	  "binary" },
	{ NULL, "  \n ", 4, "text/html", REASON_NOT_HTML, "empty" },
	{ NULL, "<rss><channel><item><title>x</title></item></channel></rss>",
	  59, "application/rss+xml", REASON_NOT_HTML, "application/rss+xml" },
	{ NULL, "<p>Too short to be an article.</p>", 34, "text/html",
	  REASON_NO_ARTICLE, NULL },
	{ NULL, "<html><body><div><div><p>unclosed <b>bold <i>and", 48,
	  "text/html", REASON_NO_ARTICLE, NULL },
};

static void
test_bads(void)
{
	struct html_article_opts	 o;
	struct html_article		 r;
	const struct bad		*b;
	const char			*label;
	size_t				 i;
	int				 rc;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		b = &bads[i];
		label = b->name != NULL ? b->name : b->ctype != NULL ?
		    b->ctype : "bytes";
		if (b->name != NULL)
			rc = extract(b->name, "https://example.org/a", b->ctype,
			    NULL, &r);
		else {
			memset(&o, 0, sizeof o);
			o.url = "https://example.org/a";
			o.content_type = b->ctype;
			o.resolve = resolve;
			rc = html_article_extract(b->bytes, b->len, &o, &r);
		}
		ok(rc == -1 && r.html == NULL, "%s (%zu): no article", label, i);
		is_int(r.reason, b->reason, "%s (%zu): the reason", label, i);
		if (b->detail != NULL)
			is_str(r.detail, b->detail, "%s (%zu): the detail",
			    label, i);
		html_article_clear(&r);
	}
}

/* Decode bytes as a page with a Content-Type; compare text and charset. */
static void
decode_is(const char *bytes, size_t n, const char *ctype, const char *want,
    const char *charset, const char *what)
{
	char	*text, *cs;
	size_t	 len;

	text = html_charset_decode(bytes, n, ctype, &len, &cs);
	ok(strstr(text, want) != NULL, "%s: the text", what);
	is_str(cs, charset, "%s: read as %s", what, charset);
	ok(len == strlen(text), "%s: its length", what);
	free(text);
	free(cs);
}

/* Pages that cost: deep, wide, and their work bounded. */
static void
test_bounds(void)
{
	struct html_article_opts	 o;
	struct html_article		 r;
	struct str			 s;
	int				 i, rc;

	memset(&o, 0, sizeof o);
	o.url = "https://example.org/a";
	str_init(&s);
	for (i = 0; i < 100000; i++)
		str_appends(&s, "<div>");
	for (i = 0; i < 40; i++)
		str_appends(&s, "<p>A sentence of words, with a comma, long "
		    "enough to count as a paragraph of the article.</p>");
	rc = html_article_extract(s.ptr, s.len, &o, &r);
	ok(rc == 0 || r.reason == REASON_NO_ARTICLE,
	    "100 000 nested divs: read (reason %d)", r.reason);
	html_article_clear(&r);

	str_clear(&s);
	for (i = 0; i < 400000; i++)
		str_appends(&s, "<b></b>");
	rc = html_article_extract(s.ptr, s.len, &o, &r);
	ok(rc == -1 && r.reason == REASON_TOO_LARGE,
	    "400 000 elements: too large (reason %d)", r.reason);
	html_article_clear(&r);
	str_free(&s);
}

#define DECODE(lit, ...)	decode_is(lit, sizeof lit - 1, __VA_ARGS__)

static void
test_charset(void)
{
	/* "عربي" in windows-1256 and in ISO-8859-6. */
	static const char w1256[] = "\xda\xd1\xc8\xed";
	static const char iso6[] = "\xd9\xd1\xc8\xea";
	char	 buf[512];

	snprintf(buf, sizeof buf, "<meta charset=\"windows-1256\"><p>%s", w1256);
	decode_is(buf, strlen(buf), NULL, "عربي", "WINDOWS-1256",
	    "<meta charset>");
	snprintf(buf, sizeof buf, "<META HTTP-EQUIV='content-type' "
	    "CONTENT='text/html;charset=cp1256'><p>%s", w1256);
	decode_is(buf, strlen(buf), NULL, "عربي", "WINDOWS-1256",
	    "<meta http-equiv> in capitals, a label's alias");
	snprintf(buf, sizeof buf, "<!-- <meta charset=utf-8> --><meta "
	    "charset=iso-8859-6><p>%s", iso6);
	decode_is(buf, strlen(buf), NULL, "عربي", "ISO-8859-6",
	    "a <meta> in a comment does not count");
	snprintf(buf, sizeof buf, "<meta charset=utf-8><p>%s", w1256);
	decode_is(buf, strlen(buf), "text/html; charset=\"Windows-1256\"",
	    "عربي", "WINDOWS-1256", "HTTP's charset wins over the <meta>");
	DECODE("\xef\xbb\xbf<p>\xd8\xb9", "text/html; charset=cp1256",
	    "<p>ع", "UTF-8", "a BOM wins over HTTP");
	snprintf(buf, sizeof buf, "<html><p>%s %s %s", w1256, w1256, w1256);
	decode_is(buf, strlen(buf), NULL, "عربي عربي", "WINDOWS-1256",
	    "undeclared and not UTF-8: windows-1256");
	DECODE("<p>\xd8\xb9\xd8\xb1\xd8\xa8", "text/html", "عرب",
	    "UTF-8", "undeclared UTF-8");
	snprintf(buf, sizeof buf, "<meta charset=utf-8><p>%s %s", w1256, w1256);
	decode_is(buf, strlen(buf), NULL, "عربي", "WINDOWS-1256",
	    "a page that says UTF-8 and is windows-1256");
	DECODE("<meta charset=\"x-no-such\"><p>a\xd8\xb9", NULL, "aع",
	    "UTF-8", "an unknown label: UTF-8");
	DECODE("<meta charset=utf-16><p>\xd8\xb9", NULL, "ع", "UTF-8",
	    "UTF-16 in a <meta> means UTF-8");
	DECODE("<?xml version=\"1.0\" encoding=\"windows-1256\"?>"
	    "<html><p>\xda", NULL, "ع", "WINDOWS-1256",
	    "an XHTML page's XML declaration");
	DECODE("<p>a\x1b[31mb\x01" "c</p>", "text/html", "a[31mbc",
	    "UTF-8", "control characters go");
	DECODE("<p>\xc8", "text/html; charset=windows-1256", "ب",
	    "WINDOWS-1256", "one byte");
}

static void
test_goods(void)
{
	struct html_article	r;
	const struct good	*g;
	size_t			i, j;

	for (i = 0; i < sizeof goods / sizeof goods[0]; i++) {
		g = &goods[i];
		if (extract(g->name, g->url, g->ctype, g->title, &r) != 0) {
			ok(false, "%s: an article (reason %d)", g->name, r.reason);
			html_article_clear(&r);
			continue;
		}
		ok(true, "%s: an article", g->name);
		paragraphs_are(g->name, &r);
		is_str(r.charset, g->charset, "%s: read as %s", g->name,
		    g->charset);
		is_str(r.lang, g->lang, "%s: its language", g->name);
		is_int(r.dir, g->dir, "%s: its direction", g->name);
		is_str(r.url, g->canonical, "%s: its canonical URL", g->name);
		is_str(r.title, g->meta_title, "%s: its title", g->name);
		for (j = 0; j < 4 && g->absent[j] != NULL; j++)
			ok(strstr(r.html, g->absent[j]) == NULL,
			    "%s: without \"%s\"", g->name, g->absent[j]);
		html_article_clear(&r);
	}
}

/* Print what a file gives (a debugging aid, not a test). */
static int
show(const char *path, const char *ctype)
{
	struct html_article_opts	 o;
	struct html_article		 r;
	char				*page, *p;
	size_t				 n;
	int				 rc;

	if ((page = slurp(path, &n)) == NULL) {
		perror(path);
		return (1);
	}
	memset(&o, 0, sizeof o);
	o.url = "https://example.org/a/b/page.html";
	o.content_type = ctype;
	o.resolve = resolve;
	rc = html_article_extract(page, n, &o, &r);
	printf("rc %d reason %d (%s) charset %s chars %zu paragraphs %zu\n",
	    rc, r.reason, r.detail ? r.detail : "", r.charset ? r.charset : "-",
	    r.chars, r.paragraphs);
	printf("title %s\nurl %s\nsite %s\nauthor %s\nimage %s\n"
	    "published %s\nlang %s dir %d\nexcerpt %s\n",
	    r.title ? r.title : "-", r.url ? r.url : "-",
	    r.site ? r.site : "-", r.author ? r.author : "-",
	    r.image ? r.image : "-", r.published ? r.published : "-",
	    r.lang ? r.lang : "-", (int)r.dir, r.excerpt ? r.excerpt : "-");
	if (r.html != NULL) {
		printf("---- html\n%s\n---- paragraphs\n", r.html);
		p = paragraphs(r.html);
		fputs(p, stdout);
		free(p);
	}
	html_article_clear(&r);
	free(page);
	return (0);
}

int
main(int argc, char **argv)
{
	struct html_article	 r;
	char			*p;

	/* --paragraphs NAME URL TITLE CTYPE: a fixture's lines, to review. */
	if (argc == 6 && strcmp(argv[1], "--paragraphs") == 0) {
		extract(argv[2], argv[3], *argv[5] ? argv[5] : NULL,
		    *argv[4] ? argv[4] : NULL, &r);
		p = paragraphs(r.html != NULL ? r.html : "");
		fputs(p, stdout);
		free(p);
		html_article_clear(&r);
		return (0);
	}
	if (argc > 1)
		return (show(argv[1], argc > 2 ? argv[2] : NULL));
	test_goods();
	test_bads();
	test_charset();
	test_bounds();
	return (tap_done());
}
