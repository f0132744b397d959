/*
 * The html family: HTML to one line of text (html_strip), relative links
 * made absolute with the rest kept byte for byte (html_links), and the
 * test that tells HTML from text (html_looks_like). The first pass of
 * html_links, which spares libxml2 the fragments whose links are all
 * absolute, is checked against libxml2 reading every fragment.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html-priv.h"
#include "html.h"
#include "str.h"
#include "url.h"
#include "xmalloc.h"

#include "tap.h"

/* A resolver against a fixed base, counting its calls. */
static int	resolved;

static char *
resolve(const char *ref, size_t len, void *arg)
{
	char	*r, *abs;

	if (len == 0 || url_is_absolute(ref, len))
		return (NULL);
	resolved++;
	r = xstrndup(ref, len);
	abs = url_resolve(arg, r);
	free(r);
	return (abs);
}

static void
test_strip(void)
{
	const char	*h;
	char		*p;

	/* The assertions of test-sanitize.c's stripper, unchanged. */
	h = "<b>Breaking</b>: a &amp; b &lt;c&gt;&nbsp;&eacute;&#1587;&#x644;"
	    "&apos;";
	p = html_strip(h, strlen(h));
	is_str(p, "Breaking: a & b <c> \xc3\xa9\xd8\xb3\xd9\x84'",
	    "html to text: tags out, entities decoded");
	free(p);
	h = "one<br/>two<p>three</p><!-- x --><script>alert(1)</script>four";
	p = html_strip(h, strlen(h));
	is_str(p, "one two three four", "html to text: blocks break words, "
	    "comments and scripts go");
	free(p);
	h = "a < b && c &bogus; &#27;x";
	p = html_strip(h, strlen(h));
	is_str(p, "a < b && c &bogus; x", "html to text: stray < and & kept, "
	    "ESC reference dropped");
	free(p);

	h = "\xd8\xae\xd8\xa8\xd8\xb1  \xd8\xb9\xd8\xa7\xd8\xac\xd9\x84\n";
	p = html_strip(h, strlen(h));
	is_str(p, "\xd8\xae\xd8\xa8\xd8\xb1 \xd8\xb9\xd8\xa7\xd8\xac\xd9\x84",
	    "html to text: text without markup is only sanitised");
	free(p);
	h = "<p>\xd8\xa7\xd9\x84\xd8\xac\xd9\x8a\xd8\xb4 <i>\xd9\x88</i>"
	    "<style>p{color:red}</style>\xd8\xa7\xd9\x84\xd9\x82\xd8\xaf\xd8\xb3"
	    "</p><div>x<td>y</div>";
	p = html_strip(h, strlen(h));
	is_str(p, "\xd8\xa7\xd9\x84\xd8\xac\xd9\x8a\xd8\xb4 \xd9\x88\xd8\xa7"
	    "\xd9\x84\xd9\x82\xd8\xaf\xd8\xb3 x y", "html to text: Arabic "
	    "with inline markup, a style, broken blocks");
	free(p);
	h = "<meta charset=\"iso-8859-1\">\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
	    "&#x1F600; <a href=\"x\" title=\"a>b\">link</a> \x1b[31m";
	p = html_strip(h, strlen(h));
	is_str(p, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xf0\x9f\x98\x80 link "
	    "[31m", "html to text: a <meta charset> changes nothing, '>' in "
	    "an attribute, ESC dropped");
	free(p);
	h = "a<i>b</i>c&amp;d<P>e</P >f<p/>g";
	p = html_strip(h, strlen(h));
	is_str(p, "abc&d e f g", "html to text: text between inline elements "
	    "stays joined, paragraphs break it");
	free(p);
	h = "<b>\xd8\xae\xff</b>\xd8\xa8\xd8\xb1";
	p = html_strip(h, strlen(h));
	is_str(p, "\xd8\xae\xef\xbf\xbd\xd8\xa8\xd8\xb1", "html to text: "
	    "an invalid byte is U+FFFD, and what follows is still UTF-8");
	free(p);
	p = html_strip("", 0);
	is_str(p, "", "html to text: nothing");
	free(p);
	h = "<b>cut";
	p = html_strip(h, 3);
	is_str(p, "", "html to text: only the length given is read");
	free(p);
}

static void
test_links(void)
{
	static const struct {
		const char	*in;
		const char	*want;
		const char	*name;
	} cases[] = {
		{ "<p>x <b>y</b><br/></p>", NULL, "no attribute" },
		{ "<p>1 = 1</p><img src=a.png>",
		  "<p>1 = 1</p><img src=\"https://h.example/dir/a.png\">",
		  "an unquoted src" },
		{ "<a href='../b'>", "<a href=\"https://h.example/b\">",
		  "a single-quoted href, the tag never closed" },
		{ "<a href=\"https://x.example/\">x</a> <img src=\"#f\">", NULL,
		  "absolute and fragment links are kept" },
		{ "<A HREF = \"/up\" title='t'>x</A>",
		  "<A HREF = \"https://h.example/up\" title='t'>x</A>",
		  "upper case, blanks around '=', the other attribute kept" },
		{ "<!-- <a href=\"c\"> --><script>var s='<img src=\"j\">'</script>"
		  "<style>b{background:url(s)}</style>x href=t",
		  NULL, "comments, scripts, styles and text are not tags" },
		{ "<a title=\"<a href=x>\" href=\"y\">",
		  "<a title=\"<a href=x>\" href=\"https://h.example/dir/y\">",
		  "a tag inside an attribute value is not one" },
		{ "<a href=\"?a=1&amp;b=2\">", "<a href=\"https://h.example/dir/"
		  "page?a=1&amp;b=2\">", "an escaped '&' stays escaped" },
		{ "<a href=\"?x=1&y=2\">", "<a href=\"https://h.example/dir/"
		  "page?x=1&y=2\">", "a value is resolved as written" },
		{ "<a href=\"p\" href=\"q\">",
		  "<a href=\"https://h.example/dir/p\" href=\"q\">",
		  "a repeated attribute: libxml2 keeps the first" },
		{ "<img\nsrc=\"i.png\"\n/><video poster=v.jpg src='m.mp4'>",
		  "<img\nsrc=\"https://h.example/dir/i.png\"\n/><video poster="
		  "\"https://h.example/dir/v.jpg\" src=\"https://h.example/dir/"
		  "m.mp4\">", "an empty element, two links in one tag" },
		{ "<p>\xd8\xae\xd8\xa8\xd8\xb1 <a href=\"\xd8\xb5.html\">"
		  "\xd8\xb5</a></p>", "<p>\xd8\xae\xd8\xa8\xd8\xb1 <a href=\"https:"
		  "//h.example/dir/%d8%b5.html\">\xd8\xb5</a></p>",
		  "Arabic around it, and in the link" },
		{ "<a href=\"\">x</a><a href>y</a>", NULL, "empty links" },
		{ "</x><body background=\"b.png\"><a href=\"k\">",
		  "</x><body background=\"https://h.example/dir/b.png\"><a "
		  "href=\"https://h.example/dir/k\">", "after an end tag that "
		  "closes nothing" },
		{ "<a href=\"k\"><p><html lang=\"x\" manifest=\"m\">",
		  "<a href=\"https://h.example/dir/k\"><p><html lang=\"x\" "
		  "manifest=\"m\">", "a misplaced <html> libxml2 drops" },
	};
	char	*v;
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = html_links(cases[i].in, strlen(cases[i].in), resolve,
		    "https://h.example/dir/page");
		is_str(v, cases[i].want, "links: %s", cases[i].name);
		free(v);
	}
	v = html_links("<a href=\"r\">\xff</a>", 16, resolve,
	    "https://h.example/");
	ok(v == NULL, "links: a fragment that is not UTF-8 is left alone");
	free(v);
	resolved = 0;
	v = html_links("<p><a href=\"https://a.example/\">a</a></p>", 41,
	    resolve, "https://h.example/");
	ok(v == NULL && resolved == 0, "links: all absolute, libxml2 not "
	    "asked and nothing resolved");
	free(v);
}

/* A random fragment of tags, attributes, text and tricks. */
static void
soup(struct str *s, unsigned long long *rs)
{
	static const char *tok[] = {
		"<a href=", "<img src=", "<a HREF = ", " href=", "<p>", "</p>",
		"<!-- ", " -->", "<script>", "</script>", "<b x='", "'>", "\"",
		"'", ">", "<", "/>", " ", "\n", "x", "rel/", "http://a.example/",
		"#f", "&amp;", "&#47;", "&", "=", "<br>", "<td data=", "poster=",
		"\xd8\xae\xd8\xa8\xd8\xb1", "<style>", "</style>", "src", "</a>",
		"<body ", "<html>", "<!DOCTYPE html>", "<?x?>", "a"
	};
	size_t	 i, n;

	*rs = *rs * 6364136223846793005ULL + 1442695040888963407ULL;
	n = 1 + (*rs >> 33) % 30;
	for (i = 0; i < n; i++) {
		*rs = *rs * 6364136223846793005ULL + 1442695040888963407ULL;
		str_appends(s, tok[(*rs >> 33) % (sizeof tok / sizeof tok[0])]);
	}
}

/*
 * The first pass only ever saves libxml2 work: with it and without it,
 * every fragment comes out the same.
 */
static void
test_links_first_pass(void)
{
	unsigned long long	 rs = 42;
	struct str		 s;
	char			*a, *b;
	size_t			 i, bad = 0, changed = 0;

	for (i = 0; i < 20000; i++) {
		str_init(&s);
		soup(&s, &rs);
		html_links_always_read = false;
		a = html_links(s.ptr, s.len, resolve, "https://h.example/");
		html_links_always_read = true;
		b = html_links(s.ptr, s.len, resolve, "https://h.example/");
		html_links_always_read = false;
		if ((a == NULL) != (b == NULL) || (a != NULL &&
		    strcmp(a, b) != 0)) {
			if (bad++ == 0)
				diag("differs: %s", s.ptr);
		}
		changed += a != NULL;
		free(a);
		free(b);
		str_free(&s);
	}
	ok(bad == 0 && changed > 1000, "links: the first pass changes nothing "
	    "in 20000 random fragments (%zu differ; %zu had links resolved)",
	    bad, changed);
}

static void
test_looks_like(void)
{
	ok(html_looks_like("a <b>bold</b> word"), "looks like HTML: end tag");
	ok(html_looks_like("AT&amp;T"), "looks like HTML: entity");
	ok(!html_looks_like("a < b & c > d"), "not HTML: stray < & >");
	ok(!html_looks_like("<br>"), "not HTML: a start tag alone");
}

int
main(void)
{
	test_strip();
	test_links();
	test_links_first_pass();
	test_looks_like();
	return (tap_done());
}
