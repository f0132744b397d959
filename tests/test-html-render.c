/*
 * The article renderer (html_render, html_item_render) and the doc it
 * fills, table-driven: each case's HTML goes in, and both the blocks (with
 * their style runs, written out as "{B:bold}" and so on) and the lines
 * laid out at a fixed width come out compared. The fixtures under
 * tests/data/html are written in the shapes news sites send (a
 * WordPress-style story with a lazy-loaded figure, an Arabic story, league
 * and exchange-rate tables, nested lists, mixed Arabic and English), and
 * their goldens hold the blocks, the logical lines and the visual lines
 * (unshaped, so that a reader can check them). Feeds go through the real
 * parser first: a CDATA body, a body escaped twice. Then bad input.
 *
 * RENDER_BLESS=1 writes the goldens instead of comparing (look at them).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "doc.h"
#include "feed.h"
#include "html.h"
#include "layout.h"
#include "parse.h"
#include "str.h"
#include "url.h"
#include "xmalloc.h"

#include "tap.h"

#define BASE	"https://news.example/2024/05/story.html"

/* The resolver the edge passes: relative links against the item's link. */
static char *
resolve(const char *ref, size_t len, void *arg)
{
	char	*r, *abs;

	if (arg == NULL || len == 0 || url_is_absolute(ref, len))
		return (NULL);
	r = xstrndup(ref, len);
	abs = url_resolve(arg, r);
	free(r);
	return (abs);
}

/* Options for a case: a direction, a width, unshaped for readable goldens. */
static struct layout_config	 cfg;

static void
opts_for(struct html_render_opts *o, enum layout_dir dir, int width)
{
	html_render_opts_default(o);
	o->dir = dir;
	o->width = width;
	o->layout = &cfg;
	o->resolve = resolve;
	o->resolve_arg = (void *)BASE;
}

/* Names in the dump for the invisible characters the renderer makes. */
static const struct {
	const char	*utf8;
	const char	*name;
} invisible[] = {
	{ "\xe2\x81\xa6", "<LRI>" }, { "\xe2\x81\xa7", "<RLI>" },
	{ "\xe2\x81\xa8", "<FSI>" }, { "\xe2\x81\xa9", "<PDI>" },
	{ "\xe2\x80\xad", "<LRO>" }, { "\xe2\x80\xae", "<RLO>" },
	{ "\xe2\x80\xac", "<PDF>" }, { "\xc2\xa0", "<NBSP>" },
	{ "\xe2\x80\x8f", "<RLM>" }, { "\t", "<TAB>" },
};

/* Append bytes of a block's text, invisible characters by name. */
static void
dump_bytes(struct str *out, const char *s, size_t n)
{
	size_t	i, k, l;

	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof invisible / sizeof invisible[0]; k++) {
			l = strlen(invisible[k].utf8);
			if (n - i >= l && memcmp(s + i, invisible[k].utf8,
			    l) == 0)
				break;
		}
		if (k < sizeof invisible / sizeof invisible[0]) {
			str_appends(out, invisible[k].name);
			i += strlen(invisible[k].utf8) - 1;
		} else
			str_appendc(out, s[i]);
	}
}

/* Append a style as flag letters: B I U C Q P, and Ln for link n. */
static void
dump_style(struct str *out, int style)
{
	if (style & DOC_BOLD)
		str_appendc(out, 'B');
	if (style & DOC_ITALIC)
		str_appendc(out, 'I');
	if (style & DOC_UNDERLINE)
		str_appendc(out, 'U');
	if (style & DOC_CODE)
		str_appendc(out, 'C');
	if (style & DOC_QUOTE_STYLE)
		str_appendc(out, 'Q');
	if (style & DOC_PLACEHOLDER)
		str_appendc(out, 'P');
	if (style & DOC_LINK)
		str_printf(out, "L%d", DOC_STYLE_LINKNO(style));
}

/*
 * A doc written out, one line a block: its kind (and level), direction,
 * indent, quote depth, "~" when tight, its marker, then its text with each
 * run as {FLAGS:text}; then its links.
 */
static char *
dump(const struct doc *d)
{
	static const char *kinds[] = {
		"PARA", "HEAD", "ITEM", "QUOTE", "PRE", "RULE", "ROW",
		"CAPTION", "TERM", "DEF", "MEDIA"
	};
	static const char *dirs[] = { "auto", "ltr", "rtl", "frtl" };
	static const char *lkinds[] = {
		"page", "image", "audio", "video", "file"
	};
	const struct doc_block	*b;
	struct str		 out;
	size_t			 i, j, pos;

	str_init(&out);
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		str_appends(&out, kinds[b->kind]);
		if (b->kind == DOC_HEADING)
			str_printf(&out, "%d", b->level);
		str_printf(&out, " %s", dirs[b->dir]);
		if (b->indent > 0)
			str_printf(&out, " i%d", b->indent);
		if (b->quote > 0)
			str_printf(&out, " q%d", b->quote);
		if (b->tight)
			str_appends(&out, " ~");
		if (b->marker != NULL)
			str_printf(&out, " m'%s'", b->marker);
		str_appends(&out, " |");
		for (pos = 0, j = 0; j < b->nruns; j++) {
			dump_bytes(&out, b->text + pos, b->runs[j].off - pos);
			str_appendc(&out, '{');
			dump_style(&out, b->runs[j].style);
			str_appendc(&out, ':');
			dump_bytes(&out, b->text + b->runs[j].off,
			    b->runs[j].len);
			str_appendc(&out, '}');
			pos = b->runs[j].off + b->runs[j].len;
		}
		dump_bytes(&out, b->text + pos, b->len - pos);
		str_appendc(&out, '\n');
	}
	for (i = 0; i < d->nlinks; i++)
		str_printf(&out, "[%zu] %s %s\n", i + 1,
		    lkinds[d->links[i].kind], d->links[i].url);
	if (d->width != 0)
		str_printf(&out, "width %d\n", d->width);
	return (str_steal(&out));
}

/* Render a fragment with options; the doc. */
static struct doc *
render(const char *html, const struct html_render_opts *o)
{
	struct doc	*d = doc_new();

	html_render(d, html, strlen(html), FEED_TEXT_HTML, o);
	return (d);
}

/* The cases: HTML in, the blocks and the logical lines at a width out. */
static const struct render_case {
	const char	*name;
	const char	*html;
	enum layout_dir	 dir;
	int		 width;
	const char	*blocks;
	const char	*lines;		/* logical, at width; NULL: not checked */
} cases[] = {
	{ "white space collapses as a browser collapses it",
	  "<p>  one \n\t two  <b> three </b> four\n</p>\n\n<p>\tfive</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |one two {B:three }four\n"
	  "PARA auto |five\n",
	  "one two three four\n\nfive\n" },
	{ "every entity decoded, NBSP kept as NBSP, a bogus one kept",
	  "<p>a&amp;b &lt;c&gt; &eacute;&#1587;&#x644; 5&nbsp;km &bogus; "
	  "&#27;x&#128;y &shy;z</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |a&b <c> \xc3\xa9\xd8\xb3\xd9\x84 5<NBSP>km &bogus; "
	  "xy z\n", NULL },
	{ "what a reader does not see is dropped",
	  "<p>shown</p><script>alert(1)</script><style>p{}</style>"
	  "<iframe src=\"https://v.example/e\">frame text</iframe>"
	  "<form><input value=\"x\"><button>Send</button></form>"
	  "<noscript>enable js</noscript><!-- comment -->"
	  "<p hidden>hidden</p><div aria-hidden=\"true\">aria</div>"
	  "<p style=\"color: red; DISPLAY : none\">css</p>"
	  "<span style=\"visibility:hidden\">vis</span><p>also shown</p>"
	  "<object data=\"f.swf\">obj</object><svg><title>svg</title></svg>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |shown\nPARA auto |also shown\n", NULL },
	{ "links numbered in reading order, the same URL once, resolved",
	  "<p>See <a href=\"/a\">one</a>, <a href=\"https://x.example/b\">"
	  "two</a> and <a href=\"/a\">one again</a>; "
	  "<a href=\"#top\">top</a>, <a href=\"mailto:desk@news.example\">"
	  "mail</a>.</p>",
	  LAYOUT_DIR_AUTO, 80,
	  "PARA auto |See {L1:one[1]}, {L2:two[2]} and {L1:one again[1]}; "
	  "top, {L3:mail[3]}.\n"
	  "[1] page https://news.example/a\n"
	  "[2] page https://x.example/b\n"
	  "[3] page mailto:desk@news.example\n", NULL },
	{ "unsafe links are text, never offered",
	  "<p><a href=\"javascript:alert(1)\">js</a> <a href=\" JavaScript:"
	  "x\">js2</a> <a href=\"data:text/html,x\">data</a> "
	  "<a href=\"file:///etc/passwd\">file</a> <a href=\"vbscript:x\">"
	  "vb</a> <a href=\"https://ok.example/\xe2\x80\xaegpj.exe\">rlo</a>"
	  " <a href=\"https://ok.example/\x1b[2J\">esc</a> "
	  "<a href=\"java&#10;script:alert(1)\">nl</a> "
	  "<a href=\"  https://ok.example/a b\n\">ok</a></p>",
	  LAYOUT_DIR_AUTO, 80,
	  "PARA auto |js js2 data file vb rlo {L1:esc[1]} nl {L2:ok[2]}\n"
	  "[1] page https://ok.example/[2J\n"
	  "[2] page https://ok.example/a%20b\n", NULL },
	{ "a link's unclosed override ends with its text, before its [n]",
	  "<p><a href=\"https://evil.example/\">https://bank.example/"
	  "\xe2\x80\xae" "exe.gpj</a> and <a href=\"https://ok.example/\">"
	  "sh</a> <a href=\"https://ok.example/i\">\xe2\x81\xa7" "x</a>.</p>",
	  LAYOUT_DIR_AUTO, 80,
	  "PARA auto |{L1:https://bank.example/<RLO>exe.gpj}<PDF>{L1:[1]} and "
	  "{L2:sh[2]} {L3:<RLI>x}<PDI>{L3:[3]}.\n"
	  "[1] page https://evil.example/\n"
	  "[2] page https://ok.example/\n"
	  "[3] page https://ok.example/i\n", NULL },
	{ "a line break keeps the paragraph, two make a new one",
	  "<p>line one<br>line two<br/><br>new para<br></p><p><br>x</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |line one\n"
	  "PARA auto ~ |line two\n"
	  "PARA auto |new para\n"
	  "PARA auto |x\n",
	  "line one\nline two\n\nnew para\n\nx\n" },
	{ "headings bold with their level, a gap around them",
	  "<h1>Title</h1><p>text</p><h3>Sub <i>head</i></h3>",
	  LAYOUT_DIR_AUTO, 40,
	  "HEAD1 auto |{B:Title}\nPARA auto |text\nHEAD3 auto |{B:Sub }"
	  "{BI:head}\n",
	  "Title\n\ntext\n\nSub head\n" },
	{ "inline styles: bold, italic, underline, code, quote",
	  "<p><strong>s</strong><em>e</em><u>u</u><ins>i</ins><cite>c</cite>"
	  "<code>x()</code><kbd>k</kbd><b><i>bi</i></b></p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |{B:s}{I:e}{U:ui}{I:c}<LRI>{C:x()}<PDI><LRI>{C:k}<PDI>"
	  "{BI:bi}\n", NULL },
	{ "an RTL list: markers in the digits the text uses, nested",
	  "<ol><li>\xd8\xa3\xd9\x88\xd9\x84 \xd9\xa1</li><li>\xd8\xab\xd8\xa7"
	  "\xd9\x86<ul><li>\xd8\xa3</li></ul></li></ol>",
	  LAYOUT_DIR_FEED_RTL, 30,
	  "ITEM frtl m'\xd9\xa1.' |\xd8\xa3\xd9\x88\xd9\x84 \xd9\xa1\n"
	  "ITEM frtl ~ m'\xd9\xa2.' |\xd8\xab\xd8\xa7\xd9\x86\n"
	  "ITEM frtl i3 ~ m'\xe2\x97\xa6' |\xd8\xa3\n",
	  "\xd9\xa1. \xd8\xa3\xd9\x88\xd9\x84 \xd9\xa1\n"
	  "\xd9\xa2. \xd8\xab\xd8\xa7\xd9\x86\n"
	  "   \xe2\x97\xa6 \xd8\xa3\n" },
	{ "ordered lists: start, widths, reversed, letters, value",
	  "<ol start=\"9\"><li>a</li><li>b</li></ol><ol reversed><li>c</li>"
	  "<li>d</li></ol><ol type=\"I\" start=\"3\"><li>e</li>"
	  "<li value=\"9\">f</li></ol>",
	  LAYOUT_DIR_AUTO, 30,
	  "ITEM auto m' 9.' |a\nITEM auto ~ m'10.' |b\n"
	  "ITEM auto m'2.' |c\nITEM auto ~ m'1.' |d\n"
	  "ITEM auto m'III.' |e\nITEM auto ~ m' IX.' |f\n",
	  " 9. a\n10. b\n\n2. c\n1. d\n\nIII. e\n IX. f\n" },
	{ "an item's later paragraphs sit under its text",
	  "<ul><li><p>first</p><p>second</p></li><li>next</li></ul><p>after"
	  "</p>",
	  LAYOUT_DIR_AUTO, 30,
	  "ITEM auto m'\xe2\x80\xa2' |first\nITEM auto i2 |second\n"
	  "ITEM auto ~ m'\xe2\x80\xa2' |next\nPARA auto |after\n",
	  "\xe2\x80\xa2 first\n\n  second\n\xe2\x80\xa2 next\n\nafter\n" },
	{ "quotes nest, with a bar for each depth",
	  "<blockquote><p>outer</p><blockquote>inner</blockquote>"
	  "</blockquote>",
	  LAYOUT_DIR_AUTO, 30,
	  "QUOTE auto i2 q1 |{Q:outer}\nQUOTE auto i4 q2 |{Q:inner}\n",
	  "\xe2\x94\x82 outer\n\n\xe2\x94\x82 \xe2\x94\x82 inner\n" },
	{ "pre: verbatim, LTR, tabs expanded, the first line end dropped",
	  "<pre>\nif (a &lt; b)\n\treturn;\n\n  <b>x</b>\tend\n</pre>",
	  LAYOUT_DIR_RTL, 20,
	  "PRE ltr |if (a < b)\nPRE ltr ~ |        return;\n"
	  "PRE ltr ~ |\nPRE ltr ~ |  {B:x}     end\n",
	  "if (a < b)\n        return;\n\n  x     end\n" },
	{ "a rule, a definition list",
	  "<p>a</p><hr><dl><dt>Term</dt><dd>its definition</dd><dt>T2</dt>"
	  "<dt>T3</dt><dd>d</dd></dl>",
	  LAYOUT_DIR_AUTO, 24,
	  "PARA auto |a\nRULE auto |\nTERM auto |{B:Term}\n"
	  "DEF auto i4 ~ |its definition\nTERM auto |{B:T2}\n"
	  "TERM auto ~ |{B:T3}\nDEF auto i4 ~ |d\n",
	  "a\n\n\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	  "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94"
	  "\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2"
	  "\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	  "\xe2\x94\x80\xe2\x94\x80\n\nTerm\n    its definition\n\nT2\nT3\n"
	  "    d\n" },
	{ "images: placeholders numbered, pixels and empty ones dropped",
	  "<p>Before <img src=\"/p.jpg\" alt=\"A  map\nof the city\"> after "
	  "<img src=\"t.gif\" width=\"1\" height=\"1\"><img src=\"x.png\" "
	  "width=\"0\"><img src=\"data:image/png;base64,AA\">"
	  "<img src=\"/b.gif\" style=\"border:0; Height: 1px\">"
	  "<img class=\"wp-smiley emoji\" src=\"/e.png\" alt=\"\xf0\x9f\x99"
	  "\x82\"> <img src=\"https://i.example/n.png\"></p>"
	  "<p><a href=\"/story\"><img src=\"/thumb.jpg\" alt=\"thumb\"></a></p>",
	  LAYOUT_DIR_AUTO, 60,
	  "PARA auto |Before {P:[image: A map of the city]}{L1:[1]} after "
	  "\xf0\x9f\x99\x82 {P:[image]}{L2:[2]}\n"
	  "MEDIA auto |{PL3:[image: thumb]}{L3:[3]}\n"
	  "[1] image https://news.example/p.jpg\n"
	  "[2] image https://i.example/n.png\n"
	  "[3] page https://news.example/story\n", NULL },
	{ "audio and video: a placeholder and a number, fallback text gone",
	  "<video controls poster=\"/p.jpg\"><source src=\"/v.mp4\" "
	  "type=\"video/mp4\">Your browser cannot play it.</video>"
	  "<p>Listen: <audio src=\"https://a.example/e.mp3\">no audio"
	  "</audio></p>",
	  LAYOUT_DIR_AUTO, 60,
	  "MEDIA auto |{P:[video: video/mp4]}{L1:[1]}\n"
	  "PARA auto |Listen: {P:[audio]}{L2:[2]}\n"
	  "[1] video https://news.example/v.mp4\n"
	  "[2] audio https://a.example/e.mp3\n", NULL },
	{ "a figure: its picture, its caption right under it",
	  "<figure><img src=\"/f.jpg\" alt=\"Flood\"><figcaption>The river "
	  "<em>at dawn</em></figcaption></figure><p>next</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "MEDIA auto |{P:[image: Flood]}{L1:[1]}\n"
	  "CAPTION auto ~ |{I:The river at dawn}\n"
	  "PARA auto |next\n[1] image https://news.example/f.jpg\n",
	  "[image: Flood][1]\nThe river at dawn\n\nnext\n" },
	{ "dir= and lang= on blocks, the feed's direction for the rest",
	  "<p>neutral 123</p><p dir=\"ltr\">forced</p><div dir=\"rtl\"><p>"
	  "inner</p><p dir=\"auto\">auto</p></div><p lang=\"ar\">x</p>"
	  "<p lang=\"en-GB\">y</p><section lang=\"fa\"><p dir=\"ltr\">z</p>"
	  "</section>",
	  LAYOUT_DIR_FEED_RTL, 40,
	  "PARA frtl |neutral 123\nPARA ltr |forced\nPARA rtl |inner\n"
	  "PARA auto |auto\nPARA frtl |x\nPARA auto |y\nPARA ltr |z\n", NULL },
	{ "dir= on inline elements, <bdi> and <bdo> isolate",
	  "<p>a<span dir=\"rtl\">b</span><span dir=\"ltr\">c</span>"
	  "<bdi>d</bdi><bdo dir=\"rtl\">e</bdo><span dir=\"auto\">f</span>"
	  "</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |a<RLI>b<PDI><LRI>c<PDI><FSI>d<PDI><RLO>e<PDF><FSI>f"
	  "<PDI>\n", NULL },
	{ "a blank before an isolate stays before it",
	  "<p>run <code>ls -l</code> now</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |run <LRI>{C:ls -l}<PDI> now\n", "run \xe2\x81\xa6ls -l"
	  "\xe2\x81\xa9 now\n" },
	{ "<q> gets the quotation marks of its direction",
	  "<p><q>hi</q></p><p dir=\"rtl\"><q>\xd8\xa3</q></p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |{Q:\xe2\x80\x9chi\xe2\x80\x9d}\n"
	  "PARA rtl |{Q:\xc2\xab\xd8\xa3\xc2\xbb}\n", NULL },
	{ "a table whose columns fit: aligned rows, a rule under the header",
	  "<table><caption>Results</caption><tr><th>Team</th><th>Pts</th>"
	  "</tr><tr><td>Reds</td><td>24</td></tr><tr><td>Blue <b>FC</b></td>"
	  "<td>9</td></tr></table>",
	  LAYOUT_DIR_AUTO, 40,
	  "CAPTION auto |{I:Results}\n"
	  "ROW ltr ~ |<FSI>{B:Team}<PDI>     <FSI>{B:Pts}<PDI>\n"
	  "ROW ltr ~ |\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94"
	  "\x80\xe2\x94\x80\xe2\x94\x80  \xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n"
	  "ROW ltr ~ |<FSI>Reds<PDI>     <FSI>24<PDI>\n"
	  "ROW ltr ~ |<FSI>Blue {B:FC}<PDI>  <FSI>9<PDI>\n"
	  "width 40\n", NULL },
	{ "a table too wide: label: value rows from the header",
	  "<table><thead><tr><th>Name</th><th>Role</th></tr></thead>"
	  "<tr><td>Amina Diallo</td><td>Chair of the session</td></tr>"
	  "<tr><td></td><td>Secretary</td></tr></table>",
	  LAYOUT_DIR_AUTO, 20,
	  "PARA auto |{B:Name}: Amina Diallo\nPARA auto ~ |{B:Role}: Chair "
	  "of the session\nPARA auto |{B:Role}: Secretary\nwidth 20\n",
	  "Name: Amina Diallo\nRole: Chair of the\nsession\n\n"
	  "Role: Secretary\n" },
	{ "a table too wide, rows headed by <th>, and one of two columns",
	  "<table><tr><th>Capital</th><td>Cairo, the largest city</td>"
	  "<td>and more</td></tr></table><table><tr><td>Born</td>"
	  "<td>1950, in a village by the river</td></tr></table>",
	  LAYOUT_DIR_AUTO, 20,
	  "PARA auto |{B:Capital}: Cairo, the largest city\n"
	  "PARA auto ~ |{B:Capital}: and more\n"
	  "PARA auto |{B:Born}: 1950, in a village by the river\n"
	  "width 20\n", NULL },
	{ "a layout table (tables inside) is its cells in order",
	  "<table><tr><td><p>left</p><table><tr><td>a</td><td>b</td></tr>"
	  "</table></td><td>right</td></tr></table>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |left\nROW ltr |<FSI>a<PDI>  <FSI>b<PDI>\n"
	  "PARA auto |right\nwidth 40\n", NULL },
	{ "a table of more than 32 columns is a page's layout",
	  "<table><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td>"
	  "<td>6</td><td>7</td><td>8</td><td>9</td><td>10</td><td>11</td>"
	  "<td>12</td><td>13</td><td>14</td><td>15</td><td>16</td><td>17</td>"
	  "<td>18</td><td>19</td><td>20</td><td>21</td><td>22</td><td>23</td>"
	  "<td>24</td><td>25</td><td>26</td><td>27</td><td>28</td><td>29</td>"
	  "<td>30</td><td>31</td><td>32</td><td>33</td></tr></table>",
	  LAYOUT_DIR_AUTO, 200,
	  "PARA auto |1\nPARA auto |2\nPARA auto |3\nPARA auto |4\n"
	  "PARA auto |5\nPARA auto |6\nPARA auto |7\nPARA auto |8\n"
	  "PARA auto |9\nPARA auto |10\nPARA auto |11\nPARA auto |12\n"
	  "PARA auto |13\nPARA auto |14\nPARA auto |15\nPARA auto |16\n"
	  "PARA auto |17\nPARA auto |18\nPARA auto |19\nPARA auto |20\n"
	  "PARA auto |21\nPARA auto |22\nPARA auto |23\nPARA auto |24\n"
	  "PARA auto |25\nPARA auto |26\nPARA auto |27\nPARA auto |28\n"
	  "PARA auto |29\nPARA auto |30\nPARA auto |31\nPARA auto |32\n"
	  "PARA auto |33\n", NULL },
	{ "a body of text only: paragraphs on blank lines",
	  "first line\nsame paragraph\n\n  second &amp; last  ",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |first line same paragraph\nPARA auto |second & last\n",
	  NULL },
	{ "a body escaped once too often is read as its markup",
	  "&lt;p&gt;The budget &lt;b&gt;passed&lt;/b&gt;.&lt;/p&gt;"
	  "&lt;p&gt;Next&lt;/p&gt;",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |The budget {B:passed}.\nPARA auto |Next\n", NULL },
	{ "... even in a paragraph, and twice",
	  "<p>&amp;lt;p&amp;gt;x &amp;lt;i&amp;gt;y&amp;lt;/i&amp;gt;"
	  "&amp;lt;/p&amp;gt;</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |x {I:y}\n", NULL },
	{ "... but markup written about, once escaped, stays text",
	  "<p>Use the &lt;b&gt; tag.</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |Use the <b> tag.\n", NULL },
	{ "paragraphs of nothing but blanks and NBSP are dropped",
	  "<p>&nbsp;</p><p> \xe2\x80\x8b </p><div><br></div><p>x</p>",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |x\n", NULL },
	{ "ESC and other controls never reach the doc",
	  "<p>a\x1b[31mb\x07\x7f\xc2\x9b c</p><img src=\"/i.png\" "
	  "alt=\"x\x1b]52;c;AAAA\x07y\">",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |a[31mb c\nMEDIA auto |{P:[image: x]52;c;AAAAy]}"
	  "{L1:[1]}\n[1] image https://news.example/i.png\n", NULL },
	{ "unclosed and misnested tags are forgiven",
	  "<p>one <b>two <i>three</b> four<p>five<ul><li>six<li>seven</ul>"
	  "<div>eight",
	  LAYOUT_DIR_AUTO, 40,
	  "PARA auto |one {B:two }{BI:three} four\nPARA auto |five\n"
	  "ITEM auto m'\xe2\x80\xa2' |six\nITEM auto ~ m'\xe2\x80\xa2' "
	  "|seven\nPARA auto |eight\n", NULL },
};

/* Run the table of cases. */
static void
test_cases(void)
{
	struct html_render_opts	 o;
	struct doc		*d;
	char			*got;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		opts_for(&o, cases[i].dir, cases[i].width);
		d = render(cases[i].html, &o);
		got = dump(d);
		is_str(got, cases[i].blocks, "blocks: %s", cases[i].name);
		free(got);
		if (cases[i].lines != NULL) {
			got = doc_text(d, cases[i].width, &cfg, false);
			is_str(got, cases[i].lines, "lines: %s", cases[i].name);
			free(got);
		}
		doc_free(d);
	}
}

/* Visual lines: what the view paints, for the hard cases of direction. */
static void
test_visual(void)
{
	static const struct {
		const char	*name;
		const char	*html;
		int		 width;
		const char	*want;
	} v[] = {
		{ "an RTL item: its marker on the right, wrapped lines under "
		  "its text",
		  "<ol><li>\xd8\xa7\xd9\x84\xd8\xa3\xd9\x88\xd9\x84 \xd8\xa7\xd9"
		  "\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a \xd8\xa7\xd9\x84\xd8\xab"
		  "\xd8\xa7\xd9\x84\xd8\xab</li></ol>", 16,
		  /*
		   * ".1" at the right (ASCII: the article writes no
		   * digits), the text wrapped at 13 columns to its left.
		   */
		  " \xd9\x8a\xd9\x86\xd8\xa7\xd8\xab\xd9\x84\xd8\xa7 \xd9\x84"
		  "\xd9\x88\xd8\xa3\xd9\x84\xd8\xa7 .1\n"
		  "       \xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd9\x84\xd8\xa7\n" },
		{ "an RTL quote: its bar at the right edge",
		  "<blockquote dir=\"rtl\">\xd9\x82\xd8\xa7\xd9\x84</blockquote>",
		  10, "     \xd9\x84\xd8\xa7\xd9\x82 \xe2\x94\x82\n" },
		{ "an RTL table: the first column on the right, Latin in its "
		  "cell",
		  "<table><tr><td>\xd8\xa7\xd9\x84\xd8\xa3\xd9\x87\xd9\x84\xd9"
		  "\x8a</td><td>24</td></tr><tr><td>Pyramids</td><td>19</td></tr>"
		  "</table>", 20,
		  /* Columns of 8 and 2: each cell on its column's right. */
		  "        24    \xd9\x8a\xd9\x84\xd9\x87\xd8\xa3\xd9\x84\xd8"
		  "\xa7\n"
		  "        19  Pyramids\n" },
		{ "an LTR span in an RTL paragraph keeps its order",
		  "<p dir=\"rtl\">\xd8\xb4\xd8\xb1\xd9\x83\xd8\xa9 <span dir="
		  "\"ltr\">Pfizer Inc.</span> \xd9\x87\xd9\x86\xd8\xa7</p>", 30,
		  "          \xd8\xa7\xd9\x86\xd9\x87 Pfizer Inc. \xd8\xa9\xd9\x83"
		  "\xd8\xb1\xd8\xb4\n" },
	};
	struct html_render_opts	 o;
	struct doc		*d;
	char			*got;
	size_t			 i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		opts_for(&o, LAYOUT_DIR_FEED_RTL, v[i].width);
		d = render(v[i].html, &o);
		got = doc_text(d, v[i].width, &cfg, true);
		is_str(got, v[i].want, "visual: %s", v[i].name);
		free(got);
		doc_free(d);
	}
}

/* Read a whole fixture; NULL if it is not there. */
static char *
slurp(const char *path, size_t *n)
{
	struct str	 s;
	FILE		*f;
	char		 buf[8192];
	size_t		 k;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	str_init(&s);
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	return (str_steal(&s));
}

/*
 * The fixtures against their goldens: blocks, then the logical lines at
 * 60 columns, then the visual ones at 48.
 */
static void
test_fixtures(void)
{
	static const struct {
		const char	*name;
		enum layout_dir	 dir;
	} fx[] = {
		{ "news-figure", LAYOUT_DIR_AUTO },
		{ "news-ar", LAYOUT_DIR_FEED_RTL },
		{ "table", LAYOUT_DIR_FEED_RTL },
		{ "lists", LAYOUT_DIR_AUTO },
		{ "mixed", LAYOUT_DIR_FEED_RTL },
	};
	struct html_render_opts	 o;
	struct str		 out;
	struct doc		*d;
	char			 path[256], *html, *want, *t;
	size_t			 i, n;
	FILE			*f;

	for (i = 0; i < sizeof fx / sizeof fx[0]; i++) {
		snprintf(path, sizeof path, "html/%s.html", fx[i].name);
		if ((html = slurp(tap_data(path), &n)) == NULL) {
			ok(0, "fixture %s: read", fx[i].name);
			continue;
		}
		opts_for(&o, fx[i].dir, 60);
		o.link_list = true;
		d = doc_new();
		html_render(d, html, n, FEED_TEXT_HTML, &o);
		str_init(&out);
		t = dump(d);
		str_printf(&out, "# blocks\n%s# lines at 60\n", t);
		free(t);
		t = doc_text(d, 60, &cfg, false);
		str_appends(&out, t);
		free(t);
		t = doc_text(d, 48, &cfg, true);
		str_printf(&out, "# visual at 48\n%s", t);
		free(t);
		snprintf(path, sizeof path, "html/%s.golden", fx[i].name);
		if (getenv("RENDER_BLESS") != NULL &&
		    (f = fopen(tap_data(path), "wb")) != NULL) {
			fwrite(out.ptr, 1, out.len, f);
			fclose(f);
			diag("wrote %s: look at it", tap_data(path));
		}
		want = slurp(tap_data(path), &n);
		is_str(str_cstr(&out), want, "fixture %s: blocks and lines as "
		    "in its golden", fx[i].name);
		free(want);
		str_free(&out);
		doc_free(d);
		free(html);
	}
}

/* The items of a feed file, through the real parser. */
static struct feed *
parse_fixture(const char *name)
{
	struct strv	 warnings = { NULL, 0 };
	struct feed	*f;
	char		*cause = NULL;

	f = parse_file(tap_data(name), &warnings, &cause);
	strv_free(&warnings);
	free(cause);
	return (f);
}

/* Bodies from feeds: CDATA, summary and content, enclosures, links. */
static void
test_feeds(void)
{
	struct html_render_opts	 o;
	struct feed		*f;
	struct doc		*d;
	char			*got;

	f = parse_fixture("html/cdata-feed.xml");
	if (!ok(f != NULL && f->nitems == 2, "the CDATA feed parses")) {
		feed_free(f);
		return;
	}
	opts_for(&o, layout_dir_for_feed(f->dir, FEED_DIR_AUTO), 60);
	o.resolve_arg = f->items[0]->link;
	o.link_list = true;
	d = doc_new();
	html_item_render(d, f->items[0], &o);
	got = dump(d);
	is_str(got,
	    "PARA frtl |\xd8\xaa\xd8\xb9\xd9\x88\xd8\xaf \xd8\xa7\xd9\x84\xd8"
	    "\xa3\xd9\x85\xd8\xb7\xd8\xa7\xd8\xb1 \xd8\xa5\xd9\x84\xd9\x89 "
	    "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x86 \xd8\xa7\xd9\x84\xd8\xb3"
	    "\xd8\xa7\xd8\xad\xd9\x84\xd9\x8a\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x8a"
	    "\xd9\x88\xd9\x85 \xd9\x85\xd8\xb9 \xd8\xa7\xd9\x86\xd8\xae\xd9\x81"
	    "\xd8\xa7\xd8\xb6 \xd9\x81\xd9\x8a \xd8\xaf\xd8\xb1\xd8\xac\xd8\xa7"
	    "\xd8\xaa \xd8\xa7\xd9\x84\xd8\xad\xd8\xb1\xd8\xa7\xd8\xb1\xd8\xa9"
	    "\xd8\x8c \xd8\xa8\xd8\xad\xd8\xb3\xd8\xa8 {L1:\xd9\x87\xd9\x8a\xd8"
	    "\xa6\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xb5\xd8\xa7\xd8"
	    "\xaf[1]}.\n"
	    "PARA frtl |\xd9\x88\xd8\xaa\xd9\x88\xd9\x82\xd8\xb9\xd8\xaa "
	    "\xd8\xa7\xd9\x84\xd9\x87\xd9\x8a\xd8\xa6\xd8\xa9 \xd8\xa3\xd9\x86 "
	    "\xd8\xaa\xd8\xb5\xd9\x84 \xd8\xb3\xd8\xb1\xd8\xb9\xd8\xa9 \xd8\xa7"
	    "\xd9\x84\xd8\xb1\xd9\x8a\xd8\xa7\xd8\xad \xd8\xa5\xd9\x84\xd9\x89 "
	    "\xd9\xa4\xd9\xa0 \xd9\x83\xd9\x85/\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xa9."
	    "\n"
	    "MEDIA frtl |{P:[audio: audio/mpeg]}{L2:[2]}\n"
	    "MEDIA frtl |{P:[file: 200 kB, application/pdf]}{L3:[3]}\n"
	    "HEAD2 auto |{B:Links}\n"
	    "ITEM ltr m'[1]' |{L1:https://radio.example/ar/weather/}\n"
	    "ITEM ltr ~ m'[2]' |{L2:https://radio.example/media/morning-0513."
	    "mp3}\n"
	    "ITEM ltr ~ m'[3]' |{L3:https://radio.example/media/morning-0513."
	    "pdf}\n"
	    "[1] page https://radio.example/ar/weather/\n"
	    "[2] audio https://radio.example/media/morning-0513.mp3\n"
	    "[3] file https://radio.example/media/morning-0513.pdf\n",
	    "CDATA body: the summary the content repeats shown once, the "
	    "audio in the body not listed again, the PDF listed");
	free(got);
	doc_free(d);

	d = doc_new();
	o.link_list = false;
	html_item_render(d, f->items[1], &o);
	got = dump(d);
	is_str(got,
	    "PARA frtl |\xd9\x85\xd9\x82\xd8\xa7\xd8\xa8\xd9\x84\xd8\xa9 \xd9"
	    "\x85\xd8\xb9 \xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd9"
	    "\x86\xd9\x82\xd9\x84 \xd8\xad\xd9\x88\xd9\x84 \xd9\x85\xd8\xb4\xd8"
	    "\xb1\xd9\x88\xd8\xb9 \xd8\xa7\xd9\x84\xd9\x82\xd8\xb7\xd8\xa7\xd8"
	    "\xb1 \xd8\xa7\xd9\x84\xd8\xb3\xd8\xb1\xd9\x8a\xd8\xb9.\n"
	    "PARA frtl |\xd9\x82\xd8\xa7\xd9\x84 \xd9\x88\xd8\xb2\xd9\x8a\xd8"
	    "\xb1 \xd8\xa7\xd9\x84\xd9\x86\xd9\x82\xd9\x84 \xd8\xa5\xd9\x86 "
	    "\xd8\xa7\xd9\x84\xd8\xb9\xd9\x85\xd9\x84 \xd9\x81\xd9\x8a \xd8\xa7"
	    "\xd9\x84\xd9\x85\xd8\xb4\xd8\xb1\xd9\x88\xd8\xb9 \xd8\xb3\xd9\x8a"
	    "\xd8\xa8\xd8\xaf\xd8\xa3 \xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd8\xae"
	    "\xd8\xb1\xd9\x8a\xd9\x81.\n",
	    "a summary that says something else is shown before the content");
	free(got);
	doc_free(d);
	feed_free(f);

	f = parse_fixture("html/double-escaped.xml");
	if (!ok(f != NULL && f->nitems == 2, "the double-escaped feed parses")) {
		feed_free(f);
		return;
	}
	opts_for(&o, LAYOUT_DIR_AUTO, 60);
	d = doc_new();
	html_item_render(d, f->items[0], &o);
	html_item_render(d, f->items[1], &o);
	got = dump(d);
	is_str(got, "PARA auto |The budget {B:passed} by 61 votes to 40.\n"
	    "PARA auto |It takes effect in {L1:January[1]}.\n"
	    "PARA auto |Use the <b> tag for bold.\n"
	    "[1] page https://twice.example/2025\n",
	    "a body escaped twice is rendered once, as its markup; one "
	    "escaped right stays as it is");
	free(got);
	doc_free(d);
	feed_free(f);
}

/* An item made by hand: its summary and content, its enclosures. */
static void
test_items(void)
{
	struct html_render_opts	 o;
	struct item		*it;
	struct doc		*d;
	const char		*words[HTML_WORDS];
	char			*got;
	size_t			 i;

	for (i = 0; i < HTML_WORDS; i++)
		words[i] = html_words[i];
	words[HTML_WORD_AUDIO] = "\xd8\xb5\xd9\x88\xd8\xaa";
	words[HTML_WORD_MB] = "MiB";
	opts_for(&o, LAYOUT_DIR_AUTO, 60);
	o.words = words;
	it = item_new();
	it->summary = xstrdup("The full text, sent twice as plain text.");
	it->summary_type = FEED_TEXT_PLAIN;
	it->content = xstrdup("<p>The <b>full</b> text, sent twice as "
	    "plain text.</p>");
	it->content_type = FEED_TEXT_HTML;
	item_add_enclosure(it, "https://e.example/a.mp3", "audio/mpeg",
	    12 * 1024 * 1024 + 300 * 1024);
	item_add_enclosure(it, "javascript:x", "audio/mpeg", 10);
	item_add_enclosure(it, "/rel.mp4", "video/mp4", -1);
	item_add_enclosure(it, "https://e.example/b", NULL, 900);
	d = doc_new();
	html_item_render(d, it, &o);
	got = dump(d);
	is_str(got, "PARA auto |The {B:full} text, sent twice as plain text.\n"
	    "MEDIA auto |{P:[\xd8\xb5\xd9\x88\xd8\xaa: 12 MiB, audio/mpeg]}"
	    "{L1:[1]}\n"
	    "MEDIA auto |{P:[video: video/mp4]}{L2:[2]}\n"
	    "MEDIA auto |{P:[file: 900 B]}{L3:[3]}\n"
	    "[1] audio https://e.example/a.mp3\n"
	    "[2] video https://news.example/rel.mp4\n"
	    "[3] file https://e.example/b\n",
	    "item: one text for a summary the content repeats, enclosures "
	    "with their sizes in the words given, an unsafe one dropped");
	free(got);
	doc_free(d);
	item_free(it);

	it = item_new();
	it->summary = xstrdup("<p>Teaser: the first words of the story and "
	    "then more words&hellip; <a href=\"/s\">Read more</a></p>");
	it->summary_type = FEED_TEXT_HTML;
	it->content = xstrdup("The first words of the story and then more "
	    "words, and the rest of it.");
	it->content_type = FEED_TEXT_PLAIN;
	d = doc_new();
	html_item_render(d, it, &o);
	got = dump(d);
	is_str(got, "PARA auto |Teaser: the first words of the story and then "
	    "more words\xe2\x80\xa6 {L1:Read more[1]}\n"
	    "PARA auto |The first words of the story and then more words, "
	    "and the rest of it.\n"
	    "[1] page https://news.example/s\n",
	    "item: a summary with words of its own is kept");
	free(got);
	doc_free(d);
	free(it->summary);
	it->summary = xstrdup("The first words of the story and then more "
	    "words\xe2\x80\xa6 [Read more]");
	d = doc_new();
	html_item_render(d, it, &o);
	got = dump(d);
	is_str(got, "PARA auto |The first words of the story and then more "
	    "words, and the rest of it.\n", "item: a cut summary is the "
	    "content's start");
	free(got);
	doc_free(d);
	item_free(it);
}

/* A body with NUL bytes in its text and attributes. */
static const char hostile_nul[] =
    "<p>a\0b</p><img alt=\"\0\x1b\" src=\"/\0\">\0";

/* Bad input: never a crash, bounded, never a control byte out. */
static void
test_hostile(void)
{
	struct html_render_opts	 o;
	struct str		 s;
	struct doc		*d;
	clock_t			 t0;
	double			 secs;
	char			*got, *lines;
	size_t			 i;
	int			 bad;

	opts_for(&o, LAYOUT_DIR_AUTO, 80);
	str_init(&s);
	str_appends(&s, "<p>top</p>");
	for (i = 0; i < 10000; i++)
		str_appends(&s, i % 3 == 0 ? "<div>x" : i % 3 == 1 ? "<b>" :
		    "<ul><li>");
	str_appends(&s, "deep");
	d = render(s.ptr, &o);
	lines = doc_text(d, 80, &cfg, false);
	ok(d->nblocks > 10 && strcmp(d->blocks[0].text, "top") == 0 &&
	    d->blocks[d->nblocks - 1].level < 256, "10 000-deep nesting is "
	    "cut where libxml2 stops, 256 deep (%zu blocks)", d->nblocks);
	free(lines);
	doc_free(d);
	str_free(&s);

	str_init(&s);
	while (s.len < 5 * 1024 * 1024)
		str_appends(&s, "<p>\xd8\xae\xd8\xa8\xd8\xb1 <b>\xd8\xb9\xd8\xa7"
		    "\xd8\xac\xd9\x84</b> <a href=\"/x\">x</a> &amp; more "
		    "text</p>\n");
	t0 = clock();
	d = render(s.ptr, &o);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ok(d->nblocks > 1000 && strcmp(d->blocks[d->nblocks - 1].text,
	    "[\xe2\x80\xa6]") == 0, "a 5 MB body is cut at 2 MB and says so "
	    "(%zu blocks, %.2f s)", d->nblocks, secs);
	doc_free(d);
	str_free(&s);

	str_init(&s);
	str_append(&s, hostile_nul, sizeof hostile_nul - 1);
	d = doc_new();
	html_render(d, s.ptr, s.len, FEED_TEXT_HTML, &o);
	got = dump(d);
	is_str(got, "PARA auto |ab\nMEDIA auto |{P:[image]}{L1:[1]}\n"
	    "[1] image https://news.example/\n", "NUL bytes are dropped, "
	    "not the end of the body");
	free(got);
	doc_free(d);
	str_free(&s);

	d = render("<p>\xff\xfe broken \xc3</p><a href=\"\xff\">x</a>", &o);
	got = dump(d);
	is_str(got, "PARA auto |\xef\xbf\xbd\xef\xbf\xbd broken \xef\xbf\xbd\n"
	    "PARA auto |{L1:x[1]}\n"
	    "[1] page https://news.example/2024/05/%ef%bf%bd\n",
	    "invalid UTF-8 is U+FFFD, in links too");
	free(got);
	doc_free(d);

	/* Random soup: no control character ever comes out. */
	bad = 0;
	for (i = 0; i < 3000; i++) {
		static const char *tok[] = {
			"<p>", "</p>", "<b>", "</i>", "<a href=\"", "\">",
			"</a>", "<img src=x alt=\"", "<table><tr><td>", "</td>",
			"<td>", "<th>", "</tr>", "</table>", "<ol><li>", "<li>",
			"</ul>", "<pre>", "</pre>", "\t", "\n", " ", "&#27;",
			"&#x9b;", "&lt;p&gt;", "&amp;lt;", "\x1b", "x",
			"\xd8\xae", "<br>", "<hr>", "<blockquote>", "<dl><dt>",
			"<dd>", "<figure>", "<figcaption>", "<q>", "<code>",
			"<bdo dir=rtl>", "<span dir=ltr>", "javascript:",
			"<video><source src=v.mp4>", "<script>", "</script>",
			"<!--", "-->", "<h2>", "\xc2\xa0", "\0"
		};
		unsigned long	 r = 12345 + i * 2654435761u;
		size_t		 k, n = 1 + r % 40;

		str_init(&s);
		for (k = 0; k < n; k++) {
			r = r * 1103515245 + 12345;
			str_append(&s, tok[(r >> 16) % (sizeof tok /
			    sizeof tok[0])], strlen(tok[(r >> 16) %
			    (sizeof tok / sizeof tok[0])]) + ((r >> 16) %
			    (sizeof tok / sizeof tok[0]) == sizeof tok /
			    sizeof tok[0] - 1));
		}
		d = doc_new();
		html_render(d, s.ptr, s.len, FEED_TEXT_HTML, &o);
		lines = doc_text(d, 1 + (int)(r % 50), &cfg, i % 2);
		for (k = 0; lines[k] != '\0'; k++) {
			if (((unsigned char)lines[k] < 0x20 &&
			    lines[k] != '\n') || lines[k] == 0x7f ||
			    ((unsigned char)lines[k] == 0xc2 &&
			    (unsigned char)lines[k + 1] >= 0x80 &&
			    (unsigned char)lines[k + 1] < 0xa0))
				bad++;
		}
		for (k = 0; k < d->nlinks; k++)
			bad += strncmp(d->links[k].url, "https://", 8) != 0;
		free(lines);
		doc_free(d);
		str_free(&s);
	}
	ok(bad == 0, "3000 random fragments: no control character out, "
	    "only resolved https links offered (%d bad)", bad);
}

/* The model's own rules: runs merge and stay in order, links dedupe. */
static void
test_doc(void)
{
	struct doc		*d = doc_new();
	struct doc_block	*b;
	char			*got;

	b = doc_add(d, DOC_PARA, "abcdef", 6, LAYOUT_DIR_AUTO);
	doc_add_run(b, 0, 2, DOC_BOLD);
	doc_add_run(b, 2, 2, DOC_BOLD);
	doc_add_run(b, 4, 9, DOC_ITALIC);
	doc_add_run(b, 6, 1, DOC_ITALIC);
	ok(b->nruns == 2 && b->runs[0].len == 4 && b->runs[1].len == 2,
	    "doc: a run that goes on the last one's style makes it longer, "
	    "a run past the text is cut");
	doc_append(b, "[1]", 3, DOC_STYLE_LINK(1));
	is_str(b->text, "abcdef[1]", "doc: text appended");
	ok(doc_add_link(d, "https://a.example/") == 1 &&
	    doc_add_link_kind(d, "https://b.example/", DOC_LINK_IMAGE) == 2 &&
	    doc_add_link(d, "https://b.example/") == 2 &&
	    d->links[1].kind == DOC_LINK_IMAGE, "doc: a URL keeps its number "
	    "and its first kind");
	b = doc_add(d, DOC_PRE, "code", 4, LAYOUT_DIR_RTL);
	ok(b->dir == LAYOUT_DIR_LTR && !b->tight && b->quote == 0,
	    "doc: verbatim text is LTR");
	got = doc_text(d, 3, &cfg, false);
	is_str(got, "abcd\nef[1\n]\n\ncode\n", "doc: a width under 4 is 4");
	free(got);
	doc_free(d);
	doc_free(NULL);

	d = doc_new();
	doc_from_text(d, "one http://a.example/x.\n\ntwo", LAYOUT_DIR_AUTO);
	got = dump(d);
	is_str(got, "PARA auto |one {L1:http://a.example/x}.\nPARA auto |two\n"
	    "[1] page http://a.example/x\n", "doc: plain text, bare URLs "
	    "numbered");
	free(got);
	doc_free(d);
}

int
main(void)
{
	setlocale(LC_ALL, "");
	if (wcwidth(0x0628) != 1)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (wcwidth(0x0628) != 1)
		tap_skip_all("no UTF-8 locale for wcwidth()");
	parse_init();
	layout_config_default(&cfg);
	cfg.shaping = false;
	test_doc();
	test_cases();
	test_visual();
	test_fixtures();
	test_feeds();
	test_items();
	test_hostile();
	return (tap_done());
}
