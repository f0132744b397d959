/*
 * RSS: 0.90 and 1.0 (RDF, with Dublin Core and content:encoded), the
 * 0.91-0.94/2.0 family and Microsoft's CDF (a <channel> root, HREF and
 * LASTMOD attributes, <abstract>), plus the extension elements other
 * formats borrow: every element that is not Atom's. Names are matched
 * in lower case (parse-xml.c), as feedparser and gofeed match them.
 *
 * An item's children are looked up in a table (namespace, name: role,
 * capture, type, rank); parse-xml.c captures their text and stores it by
 * its role when the element ends. The extensions fill what the item
 * lacks, ranked as gofeed ranks them: dc:title, then media:title, for a
 * missing title; dc:description, then itunes:summary, then
 * media:description (in media:group and media:content too) for a
 * missing summary; media:content and media:thumbnail are enclosures;
 * itunes:keywords and media:keywords are categories, one per comma;
 * content:encoded, xhtml:body, <fullitem> and <body> are content.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "xmalloc.h"

/* The namespaces of RSS itself (or none): PARSE_NS_NONE in the tables. */
#define PARSE_RSS_ANY	PARSE_NS_NONE

/* What a child element of an item or of the channel is. */
struct parse_rss_elem {
	enum parse_ns	 ns;		/* PARSE_RSS_ANY: RSS's own */
	const char	*name;		/* in lower case */
	enum parse_role	 role;
	enum parse_cap	 cap;
	int		 type;		/* enum feed_text, -1: guess */
	int		 rank;		/* for a fallback: higher wins */
};

/* An item's children (guid, enclosure and media are handled apart). */
static const struct parse_rss_elem parse_rss_item_tab[] = {
	{ PARSE_RSS_ANY, "title", PARSE_ROLE_ITEM_TITLE, PARSE_CAP_HTML, -1, 0 },
	{ PARSE_RSS_ANY, "link", PARSE_ROLE_ITEM_LINK, PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_RSS_ANY, "description", PARSE_ROLE_ITEM_SUMMARY,
	  PARSE_CAP_HTML, FEED_TEXT_HTML, 0 },
	{ PARSE_RSS_ANY, "abstract", PARSE_ROLE_ITEM_SUMMARY, PARSE_CAP_HTML,
	  -1, 0 },				/* CDF */
	{ PARSE_RSS_ANY, "pubdate", PARSE_ROLE_ITEM_PUBLISHED, PARSE_CAP_TEXT,
	  0, 0 },
	{ PARSE_RSS_ANY, "author", PARSE_ROLE_ITEM_AUTHOR, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_RSS_ANY, "category", PARSE_ROLE_ITEM_CATEGORY, PARSE_CAP_TEXT,
	  0, 0 },
	{ PARSE_RSS_ANY, "fullitem", PARSE_ROLE_ITEM_CONTENT, PARSE_CAP_HTML,
	  FEED_TEXT_HTML, 0 },
	{ PARSE_RSS_ANY, "body", PARSE_ROLE_ITEM_CONTENT, PARSE_CAP_XHTML,
	  FEED_TEXT_HTML, 0 },
	{ PARSE_NS_DC, "title", PARSE_ROLE_ITEM_ALT_TITLE, PARSE_CAP_HTML, -1,
	  2 },
	{ PARSE_NS_DC, "creator", PARSE_ROLE_ITEM_AUTHOR, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_DC, "author", PARSE_ROLE_ITEM_AUTHOR, PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_NS_DC, "date", PARSE_ROLE_ITEM_PUBLISHED, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_DC, "subject", PARSE_ROLE_ITEM_CATEGORY, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_DC, "language", PARSE_ROLE_ITEM_LANGUAGE, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_DC, "identifier", PARSE_ROLE_ITEM_GUID, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_DC, "description", PARSE_ROLE_ITEM_ALT_SUMMARY,
	  PARSE_CAP_HTML, FEED_TEXT_HTML, 3 },
	{ PARSE_NS_DCTERMS, "issued", PARSE_ROLE_ITEM_PUBLISHED,
	  PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_NS_DCTERMS, "created", PARSE_ROLE_ITEM_PUBLISHED,
	  PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_NS_DCTERMS, "date", PARSE_ROLE_ITEM_PUBLISHED, PARSE_CAP_TEXT,
	  0, 0 },
	{ PARSE_NS_DCTERMS, "modified", PARSE_ROLE_ITEM_UPDATED,
	  PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_NS_CONTENT, "encoded", PARSE_ROLE_ITEM_CONTENT, PARSE_CAP_HTML,
	  FEED_TEXT_HTML, 0 },
	{ PARSE_NS_XHTML, "body", PARSE_ROLE_ITEM_CONTENT, PARSE_CAP_XHTML,
	  FEED_TEXT_HTML, 0 },
	{ PARSE_NS_XHTML, "div", PARSE_ROLE_ITEM_CONTENT, PARSE_CAP_XHTML,
	  FEED_TEXT_HTML, 0 },
	{ PARSE_NS_ITUNES, "author", PARSE_ROLE_ITEM_AUTHOR, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_ITUNES, "summary", PARSE_ROLE_ITEM_ALT_SUMMARY,
	  PARSE_CAP_HTML, -1, 2 },
	{ PARSE_NS_ITUNES, "keywords", PARSE_ROLE_ITEM_KEYWORDS,
	  PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_NS_NONE, NULL, PARSE_ROLE_NONE, PARSE_CAP_NONE, 0, 0 }
};

/* The channel's children. */
static const struct parse_rss_elem parse_rss_feed_tab[] = {
	{ PARSE_RSS_ANY, "title", PARSE_ROLE_FEED_TITLE, PARSE_CAP_HTML, -1, 0 },
	{ PARSE_RSS_ANY, "link", PARSE_ROLE_FEED_LINK, PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_RSS_ANY, "description", PARSE_ROLE_FEED_DESCRIPTION,
	  PARSE_CAP_HTML, -1, 0 },
	{ PARSE_RSS_ANY, "abstract", PARSE_ROLE_FEED_DESCRIPTION,
	  PARSE_CAP_HTML, -1, 0 },		/* CDF */
	{ PARSE_RSS_ANY, "language", PARSE_ROLE_FEED_LANGUAGE, PARSE_CAP_TEXT,
	  0, 0 },
	{ PARSE_RSS_ANY, "ttl", PARSE_ROLE_FEED_TTL, PARSE_CAP_TEXT, 0, 0 },
	{ PARSE_NS_DC, "language", PARSE_ROLE_FEED_LANGUAGE, PARSE_CAP_TEXT, 0,
	  0 },
	{ PARSE_NS_DC, "title", PARSE_ROLE_FEED_TITLE, PARSE_CAP_HTML, -1, 1 },
	{ PARSE_NS_DC, "description", PARSE_ROLE_FEED_DESCRIPTION,
	  PARSE_CAP_HTML, -1, 2 },
	{ PARSE_NS_ITUNES, "summary", PARSE_ROLE_FEED_DESCRIPTION,
	  PARSE_CAP_HTML, -1, 1 },
	{ PARSE_NS_NONE, NULL, PARSE_ROLE_NONE, PARSE_CAP_NONE, 0, 0 }
};

/* Whether ns is one of the RSS namespaces (or none). */
static bool
parse_rss_ns(enum parse_ns ns)
{
	return (ns == PARSE_NS_NONE || ns == PARSE_NS_RSS10 ||
	    ns == PARSE_NS_RSS090);
}

/* The entry of a table for an element, or NULL. */
static const struct parse_rss_elem *
parse_rss_lookup(const struct parse_rss_elem *tab, const struct parse_elem *e)
{
	bool	rss = parse_rss_ns(e->ns);

	for (; tab->name != NULL; tab++) {
		if ((tab->ns == PARSE_RSS_ANY ? rss : tab->ns == e->ns) &&
		    strcmp(tab->name, e->lname) == 0)
			return (tab);
	}
	return (NULL);
}

/* Give e a role and capture its text in mode. */
static void
parse_rss_role(struct parse_xml *x, struct parse_elem *e, enum parse_role r,
    enum parse_cap mode, int type)
{
	e->role = r;
	e->type = type;
	parse_xml_capture(x, mode);
}

/* Give e the role a table entry says. */
static void
parse_rss_take(struct parse_xml *x, struct parse_elem *e,
    const struct parse_rss_elem *t)
{
	e->rank = (unsigned char)t->rank;
	parse_rss_role(x, e, t->role, t->cap, t->type);
}

/*
 * An enclosure from url/type/length attributes (RSS, Media RSS); once
 * per URL.
 */
static void
parse_rss_enclosure(struct parse *p, struct parse_elem *e, const char **attrs,
    int nattrs, const char *lenattr)
{
	char		*url, *type, *len, *abs, *clean = NULL, *end;
	long long	 n = -1;
	size_t		 i;

	url = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "url");
	type = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
	len = lenattr != NULL ? parse_xml_attr(attrs, nattrs, PARSE_NS_NONE,
	    lenattr) : NULL;
	abs = url != NULL ? parse_resolve(p, e->base, str_trim(url)) : NULL;
	if (len != NULL) {
		n = strtoll(str_trim(len), &end, 10);
		if (*end != '\0' || n < 0 || end == len)
			n = -1;
	}
	if (type != NULL)
		clean = sanitize_line(type, strlen(type));
	if (abs != NULL && p->item != NULL &&
	    p->item->nenclosures < PARSE_LIST_MAX) {
		for (i = 0; i < p->item->nenclosures; i++) {
			if (strcmp(p->item->enclosures[i].url, abs) == 0)
				break;
		}
		if (i == p->item->nenclosures)
			item_add_enclosure(p->item, abs,
			    clean != NULL && *clean != '\0' ? clean : NULL, n);
	}
	free(clean);
	free(abs);
	free(url);
	free(type);
	free(len);
}

/*
 * Whether every element between the item and e (at depth) is a
 * media:group or a media:content, at most two of them: where Media RSS
 * puts the title, description, thumbnails and contents of an item.
 */
static bool
parse_rss_in_media(const struct parse *p, int depth,
    const struct parse_elem *e)
{
	int	k;

	if (depth > p->item_depth + 3)
		return (false);
	for (k = 1; k < depth - p->item_depth; k++) {
		if (e[-k].role != PARSE_ROLE_MEDIA_GROUP)
			return (false);
	}
	return (true);
}

/* A Media RSS element inside an item (in a group or a content or not). */
static void
parse_rss_media(struct parse *p, struct parse_xml *x, struct parse_elem *e,
    const char **attrs, int nattrs)
{
	const char	*n = e->lname;
	char		*v;
	bool		 html;

	if (strcmp(n, "content") == 0) {
		parse_rss_enclosure(p, e, attrs, nattrs, "fileSize");
		e->role = PARSE_ROLE_MEDIA_GROUP;	/* holds more */
	} else if (strcmp(n, "group") == 0)
		e->role = PARSE_ROLE_MEDIA_GROUP;
	else if (strcmp(n, "thumbnail") == 0)
		parse_rss_enclosure(p, e, attrs, nattrs, NULL);
	else if (strcmp(n, "title") == 0 || strcmp(n, "description") == 0) {
		v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
		html = v != NULL && strcasecmp(str_trim(v), "html") == 0;
		free(v);
		e->rank = 1;
		parse_rss_role(x, e, n[0] == 't' ? PARSE_ROLE_ITEM_ALT_TITLE :
		    PARSE_ROLE_ITEM_ALT_SUMMARY, html ? PARSE_CAP_HTML :
		    PARSE_CAP_TEXT, html ? FEED_TEXT_HTML : FEED_TEXT_PLAIN);
	} else if (strcmp(n, "keywords") == 0)
		parse_rss_role(x, e, PARSE_ROLE_ITEM_KEYWORDS, PARSE_CAP_TEXT, 0);
	else if (strcmp(n, "category") == 0)
		parse_rss_role(x, e, PARSE_ROLE_ITEM_CATEGORY, PARSE_CAP_TEXT, 0);
}

/* An element starts inside an item. */
static void
parse_rss_item_start(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e, const char **attrs, int nattrs)
{
	const struct parse_rss_elem	*t;
	char				*v;

	if (e->ns == PARSE_NS_MEDIA) {
		if (parse_rss_in_media(p, depth, e))
			parse_rss_media(p, x, e, attrs, nattrs);
		return;
	}
	if (depth != p->item_depth + 1)
		return;
	if (parse_rss_ns(e->ns) && strcmp(e->lname, "guid") == 0) {
		v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "isPermaLink");
		e->attr_flag = v != NULL && strcasecmp(str_trim(v), "false") == 0;
		free(v);
		parse_rss_role(x, e, PARSE_ROLE_ITEM_GUID, PARSE_CAP_TEXT, 0);
	} else if (parse_rss_ns(e->ns) && strcmp(e->lname, "enclosure") == 0)
		parse_rss_enclosure(p, e, attrs, nattrs, "length");
	else if ((t = parse_rss_lookup(parse_rss_item_tab, e)) != NULL)
		parse_rss_take(x, e, t);
}

/* An element starts outside any item. */
static void
parse_rss_feed_start(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e)
{
	const struct parse_rss_elem	*t;

	if (depth != p->channel_depth + 1 || !p->have_channel)
		return;
	if ((t = parse_rss_lookup(parse_rss_feed_tab, e)) != NULL)
		parse_rss_take(x, e, t);
}

/* CDF's attributes of a channel or an item: HREF is the link, LASTMOD. */
static void
parse_rss_cdf(struct parse *p, struct parse_elem *e, const char **attrs,
    int nattrs)
{
	char	*v, *abs;

	if ((v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "href")) != NULL) {
		abs = parse_resolve(p, e->base, str_trim(v));
		if (p->item != NULL && abs != NULL) {
			free(p->item->link);
			p->item->link = abs;
		} else if (abs != NULL && p->feed->link == NULL)
			p->feed->link = abs;
		else
			free(abs);
		free(v);
	}
	if (p->item != NULL && (v = parse_xml_attr(attrs, nattrs,
	    PARSE_NS_NONE, "lastmod")) != NULL) {
		parse_date_field(p, &p->item->updated, v);
		free(v);
	}
}

/* An element that is not Atom starts; see parse-xml.c. */
static void
parse_rss_start(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e, const char **attrs, int nattrs)
{
	char	*about;

	if (p->item != NULL) {
		parse_rss_item_start(p, x, depth, e, attrs, nattrs);
		return;
	}
	if (!parse_rss_ns(e->ns)) {
		parse_rss_feed_start(p, x, depth, e);
		return;
	}
	if (strcmp(e->lname, "channel") == 0 && !p->have_channel) {
		e->role = PARSE_ROLE_CHANNEL;
		p->have_channel = true;
		p->channel_depth = depth;
		if (e->lang != NULL && *e->lang != '\0')
			p->feed_lang = xstrdup(e->lang);
		if (e->ns == PARSE_NS_RSS090)
			parse_set_format(p, "rss0.90");
		return;
	}
	if (strcmp(e->lname, "item") == 0) {
		parse_item_begin(p, depth);
		e->role = PARSE_ROLE_ITEM;
		about = parse_xml_attr(attrs, nattrs, PARSE_NS_RDF, "about");
		if (about != NULL) {
			p->item->guid = sanitize_line(about, strlen(about));
			if (*p->item->guid == '\0') {
				free(p->item->guid);
				p->item->guid = NULL;
			}
			p->guid_weak = true;
			free(about);
		}
		if (p->cdf)
			parse_rss_cdf(p, e, attrs, nattrs);
		return;
	}
	parse_rss_feed_start(p, x, depth, e);
}

/* RSS reads every namespace Atom does not (it is last in the table). */
static bool
parse_rss_owns(enum parse_ns ns)
{
	(void)ns;
	return (true);
}

/* <rss version="...">, RDF's <rdf:RDF>, or CDF's <channel>. */
static bool
parse_rss_root(struct parse *p, struct parse_xml *x, struct parse_elem *e,
    const char **attrs, int nattrs)
{
	char	*version, *fmt;

	(void)x;
	if (strcmp(e->lname, "rss") == 0) {
		version = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE,
		    "version");
		if (version != NULL && *str_trim(version) != '\0') {
			xasprintf(&fmt, "rss%s", version);
			parse_set_format(p, fmt);
			free(fmt);
		} else
			parse_set_format(p, "rss");
		free(version);
		return (true);
	}
	if (strcmp(e->lname, "rdf") == 0) {
		parse_set_format(p, "rss1.0");
		return (true);
	}
	if (strcmp(e->lname, "channel") == 0 && parse_rss_ns(e->ns)) {
		/* CDF: the root is the channel, with its link in HREF. */
		parse_set_format(p, "cdf");
		p->cdf = true;
		p->have_channel = true;
		p->channel_depth = 1;
		e->role = PARSE_ROLE_CHANNEL;
		if (e->lang != NULL && *e->lang != '\0')
			p->feed_lang = xstrdup(e->lang);
		parse_rss_cdf(p, e, attrs, nattrs);
		return (true);
	}
	return (false);
}

/* RSS 0.90 to 2.0 and CDF; parse-xml.c stores every role's text. */
const struct parse_format parse_rss_format = {
	"rss", parse_rss_owns, parse_rss_root, parse_rss_start, NULL
};
