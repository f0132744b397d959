/*
 * The article of a web page, found the way browsers' reader modes find
 * it (Mozilla's Readability, whose constants these are): the page is
 * read into a tree with libxml2's HTML parser; every paragraph of
 * enough text scores its parent, grandparent and a few more ancestors by
 * its length and its commas; a container's score is then lowered by the
 * share of its text that is links, and raised or lowered by what its
 * class and id say (article, content, entry, post, story against
 * comment, footer, sidebar, share, related, nav, ad). The best
 * container, with those of its siblings that score near it, is the
 * article; schema.org's itemprop=articleBody names it outright, and
 * <article> counts in its favour. Elements that cannot be text (scripts,
 * forms, hidden ones) never count, and unlikely ones (comments, share
 * bars, related links) are left out. When that gives little text the
 * page is tried again with fewer rules: first keeping the unlikely
 * elements, then ignoring classes, then not cleaning the block; the
 * attempt with the most text wins. A page's JSON-LD articleBody is the
 * last resort, for pages whose text only scripts show.
 *
 * What the page's <head> says (og: metadata, the canonical link, the
 * author, the date) comes along for the article view's header. Without
 * an article the result says why: not a web page, a paywall, a page
 * written by scripts, or no block that wins clearly.
 *
 * Work is linear in the page: a fixed number of walks over its tree, and
 * at most HTML_ART_MAX_NODES elements.
 */
#include "config.h"

#include "html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html-priv.h"
#include "reason.h"
#include "sanitize.h"
#include "str.h"
#include "xmalloc.h"

#define HTML_ART_MAX_NODES	300000	/* elements of a page read */
#define HTML_ART_MIN_CHARS	200	/* less text is no article */
#define HTML_ART_GOOD_CHARS	500	/* an attempt needs no other */
#define HTML_ART_PAYWALL_CHARS	1000	/* a teaser behind a paywall */
#define HTML_ART_DEPTH		1024	/* elements deep walked */
#define HTML_ART_TOP		5	/* best candidates compared */

/* Class and id words (readability's regular expressions, as word lists). */
static const char *const html_art_unlikely[] = {
	"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager",
	"popup", "yom-remote", "share", "newsletter", "subscribe", "taboola",
	"outbrain", "most-read", "mostread", "trending", "popular", "tags",
	"navbar", "navigation", "nav", "ads", "ad", "advert", "cookie",
	"login", "signup", "widget", NULL
};
static const char *const html_art_maybe[] = {
	"and", "article", "body", "column", "content", "main", "shadow",
	"mathjax", "story", "entry", "post", "text", "detail", NULL
};
static const char *const html_art_positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "post", "text", "blog", "story", "detail", NULL
};
static const char *const html_art_negative[] = {
	"-ad-", "hidden", "hid", "banner", "combx", "comment", "com-",
	"contact", "footer", "gdpr", "masthead", "meta", "outbrain", "promo",
	"related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
	"sponsor", "shopping", "tags", "widget", "social", "nav", "menu",
	"breadcrumb", "newsletter", "subscribe", "taboola", "ad", "ads",
	"advert", "popular", "most-read", "trending", "cookie", "login", NULL
};
/* Roles of what is never the article. */
static const char *const html_art_roles[] = {
	"menu", "menubar", "complementary", "navigation", "alert",
	"alertdialog", "dialog", NULL
};
/* Elements that are never text. */
static const char *const html_art_never[] = {
	"applet", "area", "base", "button", "canvas", "datalist", "dialog",
	"embed", "frame", "frameset", "head", "iframe", "input", "link",
	"map", "math", "meta", "noscript", "object", "optgroup", "option",
	"script", "select", "style", "svg", "template", "textarea", "title",
	NULL
};
/* Containers whose own text scores like a paragraph's. */
static const char *const html_art_divs[] = {
	"article", "center", "div", "font", "main", "section", NULL
};
/* Words of a class or id that mark a paywall. */
static const char *const html_art_paywall[] = {
	"paywall", "subscriber-only", "subscribers-only", "premium-content",
	"locked-content", "article-locked", "registration-wall", NULL
};

/* Free what an extraction allocated and zero the struct. */
void
html_article_clear(struct html_article *r)
{
	free(r->html);
	free(r->title);
	free(r->url);
	free(r->site);
	free(r->author);
	free(r->image);
	free(r->excerpt);
	free(r->published);
	free(r->lang);
	free(r->charset);
	free(r->detail);
	memset(r, 0, sizeof *r);
}

/* Whether a lowercase class or id string matches a word of the list. */
static bool
html_art_match(const char *s, const char *const *words)
{
	const char	*p, *t;
	size_t		 n, i;

	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		/* Long words and those with a dash anywhere in the string. */
		if (n >= 5 || strchr(words[i], '-') != NULL) {
			if (strstr(s, words[i]) != NULL)
				return (true);
			continue;
		}
		/* Short words as whole words: "ad" is not "head". */
		for (p = s; *p != '\0'; p = t) {
			while (*p != '\0' && !isalnum((unsigned char)*p))
				p++;
			for (t = p; isalnum((unsigned char)*t); t++)
				;
			if ((size_t)(t - p) == n && strncmp(p, words[i], n) == 0)
				return (true);
		}
	}
	return (false);
}

/* An attribute lowercased (ASCII), allocated, or NULL. */
static char *
html_art_lower(xmlNodePtr n, const char *name)
{
	const char	*v;
	char		*s, *p;

	if ((v = html_attr(n, name)) == NULL || *v == '\0')
		return (NULL);
	s = xstrndup(v, 512);
	for (p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return (s);
}

/* What an element's class and id say of it: 25 a word for, -25 against. */
static int
html_art_weight(const char *cls, const char *id)
{
	int	w = 0;

	if (cls != NULL) {
		if (html_art_match(cls, html_art_negative))
			w -= 25;
		if (html_art_match(cls, html_art_positive))
			w += 25;
	}
	if (id != NULL) {
		if (html_art_match(id, html_art_negative))
			w -= 25;
		if (html_art_match(id, html_art_positive))
			w += 25;
	}
	return (w);
}

/* Whether an element is hidden (hidden=, aria-hidden, display:none). */
static bool
html_art_hidden(xmlNodePtr n)
{
	const char	*v;
	char		 buf[256];
	size_t		 i, j;

	if (html_attr(n, "hidden") != NULL)
		return (true);
	if ((v = html_attr(n, "aria-hidden")) != NULL &&
	    strcasecmp(v, "true") == 0)
		return (true);
	if ((v = html_attr(n, "style")) == NULL)
		return (false);
	for (i = j = 0; v[i] != '\0' && j < sizeof buf - 1; i++) {
		if (!isspace((unsigned char)v[i]))
			buf[j++] = (char)tolower((unsigned char)v[i]);
	}
	buf[j] = '\0';
	return (strstr(buf, "display:none") != NULL ||
	    strstr(buf, "visibility:hidden") != NULL);
}

/* Count the page's elements, at most max and HTML_ART_DEPTH deep. */
static size_t
html_art_count_elements(xmlNodePtr n, size_t max, int depth)
{
	size_t	k = 0;

	for (; n != NULL && k <= max; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (++k > max)
			break;
		if (depth < HTML_ART_DEPTH)
			k += html_art_count_elements(n->children, max - k,
			    depth + 1);
	}
	return (k);
}

/* What an element's own attributes and its place say, once for all attempts. */
static void
html_art_classify(struct html_page *pg, struct html_art_node *k,
    bool in_table)
{
	xmlNodePtr	 n = k->n;
	const char	*name = (const char *)n->name;
	char		*cls, *id, *role, *prop;

	if (html_name_in(name, html_art_never) || html_art_hidden(n))
		k->flags |= HTML_ART_NEVER;
	if (html_clean_is_block(name))
		k->flags |= HTML_ART_BLOCK;
	cls = html_art_lower(n, "class");
	id = html_art_lower(n, "id");
	k->weight = html_art_weight(cls, id);
	if (strcmp(name, "nav") == 0 || strcmp(name, "aside") == 0 ||
	    strcmp(name, "footer") == 0) {
		k->flags |= HTML_ART_UNLIKELY;
		k->weight -= 25;
	} else if (strcmp(name, "body") != 0 && strcmp(name, "a") != 0 &&
	    !in_table) {
		if ((cls != NULL && html_art_match(cls, html_art_unlikely) &&
		    !html_art_match(cls, html_art_maybe)) ||
		    (id != NULL && html_art_match(id, html_art_unlikely) &&
		    !html_art_match(id, html_art_maybe)))
			k->flags |= HTML_ART_UNLIKELY;
	}
	if ((role = html_art_lower(n, "role")) != NULL &&
	    html_name_in(role, html_art_roles))
		k->flags |= HTML_ART_UNLIKELY;
	if ((prop = html_art_lower(n, "itemprop")) != NULL &&
	    html_art_match(prop, (const char *const []){ "articlebody",
	    NULL }))
		k->flags |= HTML_ART_HINT;
	if ((cls != NULL && html_art_match(cls, html_art_paywall)) ||
	    (id != NULL && html_art_match(id, html_art_paywall)))
		pg->paywall = true;
	free(cls);
	free(id);
	free(role);
	free(prop);
}

/* The first walk: a node for each element, its class, the metadata. */
static void
html_art_index(struct html_art *a, struct html_page *pg, xmlNodePtr n,
    bool in_table, int depth)
{
	struct html_art_node	*k;

	for (; n != NULL && a->nnodes < HTML_ART_MAX_NODES; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		k = &a->nodes[a->nnodes++];
		memset(k, 0, sizeof *k);
		k->n = n;
		n->_private = k;
		html_art_classify(pg, k, in_table);
		html_page_element(pg, n);
		if (depth < HTML_ART_DEPTH)
			html_art_index(a, pg, n->children, in_table ||
			    html_is(n, "table") || html_is(n, "code") ||
			    html_is(n, "pre"), depth + 1);
	}
}

/* Mark what this attempt leaves out: never-text, and unlikely when stripping. */
static void
html_art_mark(struct html_art *a, xmlNodePtr n, bool off, int depth)
{
	struct html_art_node	*k;
	bool			 o;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (k = n->_private) == NULL)
			continue;
		o = off || (k->flags & HTML_ART_NEVER) ||
		    ((a->mode & HTML_ART_STRIP) &&
		    (k->flags & HTML_ART_UNLIKELY));
		if (o)
			k->flags |= HTML_ART_OFF;
		if (depth < HTML_ART_DEPTH)
			html_art_mark(a, n->children, o, depth + 1);
	}
}

/* Whether an element is a link pointing into its own page. */
static bool
html_art_hash_link(xmlNodePtr n)
{
	const char	*h = html_attr(n, "href");

	return (h != NULL && h[0] == '#');
}

/* Sum up the text of an element and of what is in it, bottom up. */
static void
html_art_sum(struct html_art_node *k, int depth)
{
	struct html_art_node	*c;
	xmlNodePtr		 n;
	const char		*name;
	size_t			 len, chars, commas;
	bool			 a;

	for (n = k->n->children; n != NULL; n = n->next) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			len = strlen((const char *)n->content);
			chars = html_clean_chars((const char *)n->content, len,
			    &commas);
			k->chars += chars;
			k->inline_chars += chars;
			k->commas += commas;
			k->inline_commas += commas;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || (c = n->_private) == NULL)
			continue;
		name = (const char *)n->name;
		if (c->flags & HTML_ART_OFF) {
			/* Players and inputs count where they are, text or not. */
			if (strcmp(name, "iframe") == 0 ||
			    strcmp(name, "object") == 0 ||
			    strcmp(name, "embed") == 0)
				k->embed++;
			else if (strcmp(name, "input") == 0)
				k->input++;
			continue;
		}
		if (depth < HTML_ART_DEPTH)
			html_art_sum(c, depth + 1);
		a = strcmp(name, "a") == 0;
		k->chars += c->chars;
		k->commas += c->commas;
		k->link_chars += a ? c->chars * (html_art_hash_link(n) ?
		    0.3 : 1) : c->link_chars;
		k->heading_chars += name[0] == 'h' && name[1] >= '1' &&
		    name[1] <= '6' && name[2] == '\0' ? c->chars :
		    c->heading_chars;
		k->li_chars += strcmp(name, "li") == 0 ? c->chars : c->li_chars;
		k->p += c->p + (strcmp(name, "p") == 0);
		k->img += c->img + (strcmp(name, "img") == 0);
		k->li += c->li + (strcmp(name, "li") == 0);
		k->input += c->input;
		k->embed += c->embed;
		if (!(c->flags & HTML_ART_BLOCK)) {
			k->inline_chars += c->inline_chars;
			k->inline_commas += c->inline_commas;
		}
	}
}

/* Make an element a candidate, with its tag's score and its weight. */
static void
html_art_candidate(const struct html_art *a, struct html_art_node *k)
{
	const char	*name = (const char *)k->n->name;

	if (k->flags & HTML_ART_CAND)
		return;
	k->flags |= HTML_ART_CAND;
	k->score = 0;
	if (strcmp(name, "div") == 0)
		k->score = 5;
	else if (strcmp(name, "pre") == 0 || strcmp(name, "td") == 0 ||
	    strcmp(name, "blockquote") == 0)
		k->score = 3;
	else if (html_name_in(name, (const char *const []){ "address", "ol",
	    "ul", "dl", "dd", "dt", "li", "form", NULL }))
		k->score = -3;
	else if ((name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0') || strcmp(name, "th") == 0)
		k->score = -5;
	if (a->mode & HTML_ART_WEIGHT)
		k->score += k->weight;
}

/* The share of an element's text that is links. */
static double
html_art_link_density(const struct html_art_node *k)
{
	return (k->chars > 0 ? k->link_chars / (double)k->chars : 0);
}

/* Whether an element is the page's root (html) or its body. */
static bool
html_art_is_root(xmlNodePtr n)
{
	return (n == NULL || n->type != XML_ELEMENT_NODE ||
	    html_is(n, "body") || html_is(n, "html") || n->parent == NULL ||
	    n->parent->type != XML_ELEMENT_NODE);
}

/* Score every paragraph's ancestors (readability's _grabArticle). */
static void
html_art_score(struct html_art *a)
{
	struct html_art_node	*k, *ak;
	xmlNodePtr		 anc;
	const char		*name;
	size_t			 i, chars, commas;
	double			 cs;
	int			 level;
	bool			 self;

	for (i = 0; i < a->nnodes; i++) {
		k = &a->nodes[i];
		if (k->flags & HTML_ART_OFF)
			continue;
		name = (const char *)k->n->name;
		self = false;
		if (strcmp(name, "p") == 0 || strcmp(name, "pre") == 0) {
			chars = k->chars;
			commas = k->commas;
		} else if ((html_name_in(name, html_art_divs) ||
		    strcmp(name, "td") == 0) && k->inline_chars >= 25) {
			/*
			 * A cell of a layout table or a container with text
			 * and <br> but no <p> is a paragraph itself (its
			 * blocks score for themselves).
			 */
			chars = k->inline_chars;
			commas = k->inline_commas;
			self = true;
		} else
			continue;
		if (chars < 25)
			continue;
		cs = 1 + (double)commas + (chars / 100 < 3 ? chars / 100 : 3);
		anc = self ? k->n : k->n->parent;
		for (level = 0; level < 5 && anc != NULL &&
		    anc->type == XML_ELEMENT_NODE && anc->parent != NULL &&
		    anc->parent->type == XML_ELEMENT_NODE; level++) {
			if ((ak = anc->_private) == NULL)
				break;
			html_art_candidate(a, ak);
			ak->score += cs / (level == 0 ? 1 : level == 1 ? 2 :
			    level * 3);
			anc = anc->parent;
		}
	}
	for (i = 0; i < a->nnodes; i++) {
		k = &a->nodes[i];
		if (!(k->flags & HTML_ART_CAND))
			continue;
		k->score *= 1 - html_art_link_density(k);
		if (html_is(k->n, "article"))
			k->score *= 1.25;
	}
}

/* Whether anc is n or one of its ancestors. */
static bool
html_art_contains(xmlNodePtr anc, xmlNodePtr n)
{
	for (; n != NULL; n = n->parent) {
		if (n == anc)
			return (true);
	}
	return (false);
}

/* The best candidate, moved up where readability moves it; NULL if none. */
static struct html_art_node *
html_art_top(struct html_art *a)
{
	struct html_art_node	*top[HTML_ART_TOP], *k, *t, *pk;
	xmlNodePtr		 p, c;
	size_t			 i, j, ntop = 0, nalt, kids;
	double			 last, floor_score;

	for (i = 0; i < a->nnodes; i++) {
		k = &a->nodes[i];
		if (!(k->flags & HTML_ART_CAND))
			continue;
		for (j = 0; j < ntop && top[j]->score >= k->score; j++)
			;
		if (j >= HTML_ART_TOP)
			continue;
		if (ntop < HTML_ART_TOP)
			ntop++;
		memmove(&top[j + 1], &top[j], (ntop - 1 - j) * sizeof top[0]);
		top[j] = k;
	}
	if (ntop == 0 || top[0]->score <= 0)
		return (NULL);
	t = top[0];

	/* Three near rivals: their common ancestor holds the article. */
	for (nalt = 0, i = 1; i < ntop; i++) {
		if (top[i]->score / t->score >= 0.75)
			nalt++;
	}
	if (nalt >= 3) {
		for (p = t->n->parent; !html_art_is_root(p); p = p->parent) {
			for (nalt = 0, i = 1; i < ntop; i++) {
				if (top[i]->score / t->score >= 0.75 &&
				    html_art_contains(p, top[i]->n))
					nalt++;
			}
			if (nalt >= 3) {
				t = p->_private;
				html_art_candidate(a, t);
				break;
			}
		}
	}

	/* A parent that scores better is the article. */
	last = t->score;
	floor_score = last / 3;
	for (p = t->n->parent; !html_art_is_root(p); p = p->parent) {
		if ((pk = p->_private) == NULL || !(pk->flags & HTML_ART_CAND))
			continue;
		if (pk->score < floor_score)
			break;
		if (pk->score > last) {
			t = pk;
			break;
		}
		last = pk->score;
	}

	/* An only child stands for its parent. */
	for (p = t->n->parent; !html_art_is_root(p); p = p->parent) {
		for (kids = 0, c = p->children; c != NULL; c = c->next) {
			if (c->type == XML_ELEMENT_NODE)
				kids++;
		}
		if (kids != 1 || (pk = p->_private) == NULL)
			break;
		t = pk;
	}
	return (t);
}

/* Whether short text ends a sentence (a paragraph of its own). */
static bool
html_art_sentence(xmlNodePtr n)
{
	struct str	s;
	bool		ok;

	str_init(&s);
	str_append(&s, "", 0);
	html_clean_text(n, &s, 1024);
	/* ".", "!", "?" and U+061F ARABIC QUESTION MARK (D8 9F). */
	ok = strchr(s.ptr, '.') != NULL || strchr(s.ptr, '!') != NULL ||
	    strchr(s.ptr, '?') != NULL || strstr(s.ptr, "\xd8\x9f") != NULL;
	str_free(&s);
	return (ok);
}

/* Whether a sibling of the block belongs to the article with it. */
static bool
html_art_sibling(const struct html_art_node *t, const struct html_art_node *s)
{
	const char	*name = (const char *)s->n->name, *tc, *sc;
	double		 threshold, bonus = 0, ld;

	if (s == t)
		return (true);
	if (s->flags & HTML_ART_OFF)
		return (false);
	threshold = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
	tc = html_attr(t->n, "class");
	sc = html_attr(s->n, "class");
	if (tc != NULL && sc != NULL && *tc != '\0' && strcmp(tc, sc) == 0)
		bonus = t->score * 0.2;
	if ((s->flags & HTML_ART_CAND) && s->score + bonus >= threshold)
		return (true);
	/* The article's picture and its caption, beside its text. */
	if (strcmp(name, "figure") == 0 && s->img > 0 &&
	    html_art_link_density(s) < 0.5)
		return (true);
	if (strcmp(name, "p") != 0 && !(html_name_in(name, html_art_divs) &&
	    s->inline_chars >= 25))
		return (false);
	ld = html_art_link_density(s);
	if (s->chars > 80 && ld < 0.25)
		return (true);
	return (s->chars > 0 && s->chars <= 80 && ld == 0 &&
	    html_art_sentence(s->n));
}

/* Write the direction and language the block inherits, around it. */
static bool
html_art_wrap(struct html_art *a, xmlNodePtr n)
{
	const char	*dir = NULL, *lang = NULL, *v;
	size_t		 len;

	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent) {
		if (dir == NULL && (v = html_attr(n, "dir")) != NULL &&
		    (strcasecmp(v, "rtl") == 0 || strcasecmp(v, "ltr") == 0))
			dir = v;
		if (lang == NULL && (v = html_attr(n, "lang")) != NULL) {
			len = strspn(v, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
			if (len > 0 && len < 36 && v[len] == '\0')
				lang = v;
		}
	}
	if (dir == NULL && lang == NULL)
		return (false);
	str_appends(&a->out, "<div");
	if (dir != NULL)
		str_printf(&a->out, " dir=\"%s\"",
		    strcasecmp(dir, "rtl") == 0 ? "rtl" : "ltr");
	if (lang != NULL)
		str_printf(&a->out, " lang=\"%s\"", lang);
	str_appendc(&a->out, '>');
	return (true);
}

/* One attempt in a->mode: mark, sum, score, choose, write. */
static void
html_art_attempt(struct html_art *a, xmlNodePtr root)
{
	struct html_art_node	*t = NULL, *k;
	xmlNodePtr		 c;
	size_t			 i;
	bool			 wrapped;

	for (i = 0; i < a->nnodes; i++) {
		k = &a->nodes[i];
		k->flags &= ~(HTML_ART_OFF | HTML_ART_CAND);
		k->score = 0;
		k->chars = k->inline_chars = k->commas = k->inline_commas = 0;
		k->heading_chars = k->li_chars = 0;
		k->link_chars = 0;
		k->p = k->img = k->li = k->input = k->embed = 0;
	}
	html_art_mark(a, root, false, 0);
	if (root->_private == NULL ||
	    (((struct html_art_node *)root->_private)->flags & HTML_ART_OFF))
		return;
	html_art_sum(root->_private, 0);
	html_art_score(a);

	/* itemprop=articleBody with text in it is the article, whatever scores. */
	for (i = 0; i < a->nnodes; i++) {
		k = &a->nodes[i];
		if ((k->flags & HTML_ART_HINT) && !(k->flags & HTML_ART_OFF) &&
		    k->chars >= 140 && (t == NULL || k->chars > t->chars))
			t = k;
	}
	str_clear(&a->out);
	a->chars = a->paragraphs = 0;
	a->title_done = false;
	if (t != NULL) {
		wrapped = html_art_wrap(a, t->n);
		html_clean_write(a, t->n, true);
	} else {
		if ((t = html_art_top(a)) == NULL)
			return;
		wrapped = html_art_wrap(a, t->n);
		if (html_art_is_root(t->n) || t->n->parent == NULL ||
		    t->n->parent->type != XML_ELEMENT_NODE)
			html_clean_write(a, t->n, true);
		else {
			for (c = t->n->parent->children; c != NULL;
			    c = c->next) {
				if (c->type == XML_ELEMENT_NODE &&
				    (k = c->_private) != NULL &&
				    html_art_sibling(t, k))
					html_clean_write(a, c, true);
			}
		}
	}
	if (wrapped)
		str_appends(&a->out, "</div>");
}

/* Whether a page with this Content-Type (and these first bytes) can be HTML; else *why. */
static bool
html_art_is_page(const char *s, size_t n, const char *ctype, char **why)
{
	static const char *const types[] = {
		"text/html", "application/xhtml+xml", "application/xml",
		"text/xml", "application/vnd.wap.xhtml+xml", NULL
	};
	char	*media, *p;
	size_t	 len;
	bool	 ok;

	if (ctype != NULL && *ctype != '\0') {
		len = strcspn(ctype, ";");
		media = sanitize_line(ctype, len);
		for (p = media; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		ok = *media == '\0' || html_name_in(media, types);
		if (!ok) {
			*why = media;
			return (false);
		}
		free(media);
	}
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	if (n == 0) {
		*why = xstrdup("empty");
		return (false);
	}
	if (n >= 4 && memcmp(s, "%PDF", 4) == 0) {
		*why = xstrdup("application/pdf");
		return (false);
	}
	if (memchr(s, '\0', n < 1024 ? n : 1024) != NULL) {
		*why = xstrdup("binary");
		return (false);
	}
	return (true);
}

/* Fail with a reason (and a detail, taken). */
static int
html_art_fail(struct html_article *r, int reason, char *detail)
{
	free(r->html);
	r->html = NULL;
	r->len = r->chars = r->paragraphs = 0;
	r->reason = reason;
	r->detail = detail;
	return (-1);
}

/* Run the attempts, each with fewer rules, until one has enough text. */
static void
html_art_attempts(struct html_art *a, xmlNodePtr root, struct str *best,
    size_t *chars, size_t *paragraphs, size_t *body_chars)
{
	static const int	 modes[] = {
		HTML_ART_STRIP | HTML_ART_WEIGHT | HTML_ART_CLEAN,
		HTML_ART_WEIGHT | HTML_ART_CLEAN,
		HTML_ART_CLEAN,
		0
	};
	struct html_art_node	*k;
	size_t			 i;

	*chars = *paragraphs = *body_chars = 0;
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		a->mode = modes[i];
		html_art_attempt(a, root);
		if ((k = root->_private) != NULL && k->chars > *body_chars)
			*body_chars = k->chars;
		if (a->chars > *chars) {
			str_clear(best);
			str_append(best, a->out.ptr, a->out.len);
			*chars = a->chars;
			*paragraphs = a->paragraphs;
		}
		if (*chars >= HTML_ART_GOOD_CHARS)
			break;
	}
}

/*
 * Find the article in n bytes of a web page. Returns 0 with r->html (the
 * block as clean HTML), or -1 with r->reason and r->detail; either way
 * with the metadata the page had. r is cleared first.
 */
int
html_article_extract(const char *page, size_t n,
    const struct html_article_opts *o, struct html_article *r)
{
	struct html_art		 a;
	struct html_page	 pg;
	struct str		 best;
	htmlDocPtr		 doc;
	xmlNodePtr		 root;
	size_t			 len, count, chars, paragraphs, body;
	char			*text, *why = NULL, *json;
	int			 ret;

	memset(r, 0, sizeof *r);
	if (!html_art_is_page(page, n, o->content_type, &why))
		return (html_art_fail(r, REASON_NOT_HTML, why));
	text = html_charset_decode(page, n, o->content_type, &len, &r->charset);
	doc = html_tree(text, len);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		free(text);
		return (html_art_fail(r, REASON_NO_ARTICLE, NULL));
	}
	count = html_art_count_elements(root, HTML_ART_MAX_NODES, 0);
	if (count > HTML_ART_MAX_NODES) {
		xmlFreeDoc(doc);
		free(text);
		return (html_art_fail(r, REASON_TOO_LARGE,
		    xstrdup("too many elements")));
	}

	memset(&a, 0, sizeof a);
	memset(&pg, 0, sizeof pg);
	pg.r = r;
	a.opts = o;
	a.nodes = xcalloc(count > 0 ? count : 1, sizeof *a.nodes);
	str_init(&a.out);
	str_init(&best);
	html_art_index(&a, &pg, root, false, 0);
	a.base = pg.base != NULL && o->url != NULL && o->resolve != NULL ?
	    o->resolve(o->url, pg.base) : NULL;
	if (a.base == NULL && o->url != NULL)
		a.base = xstrdup(o->url);
	html_page_finish(&a, &pg);
	html_art_attempts(&a, root, &best, &chars, &paragraphs, &body);
	if (html_page_ldjson_paywall(&pg))
		pg.paywall = true;

	/* Too little text: the page's JSON-LD may have it all. */
	if (chars < HTML_ART_MIN_CHARS &&
	    (json = html_page_ldjson_body(&pg)) != NULL) {
		html_page_from_text(&a, json);
		free(json);
		if (a.chars > chars) {
			str_clear(&best);
			str_append(&best, a.out.ptr, a.out.len);
			chars = a.chars;
			paragraphs = a.paragraphs;
		}
	}

	ret = 0;
	if (pg.paywall && chars < HTML_ART_PAYWALL_CHARS)
		ret = html_art_fail(r, REASON_PAYWALL, NULL);
	else if (chars < HTML_ART_MIN_CHARS && body < HTML_ART_MIN_CHARS &&
	    pg.script_bytes > 4096)
		ret = html_art_fail(r, REASON_SCRIPTED, NULL);
	else if (chars < HTML_ART_MIN_CHARS)
		ret = html_art_fail(r, REASON_NO_ARTICLE, NULL);
	else {
		r->html = sanitize_text(best.ptr, best.len);
		r->len = strlen(r->html);
		r->chars = chars;
		r->paragraphs = paragraphs;
	}
	html_page_clear(&pg);
	free(a.base);
	free(a.nodes);
	str_free(&a.out);
	str_free(&best);
	xmlFreeDoc(doc);
	free(text);
	return (ret);
}
