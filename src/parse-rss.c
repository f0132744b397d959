/*
 * RSS: 0.90 and 1.0 (RDF, with Dublin Core and content:encoded) and the
 * 0.91-0.94/2.0 family, plus the extension elements other formats borrow
 * (dc:*, dcterms:*, content:encoded, media:content, itunes:author): every
 * element that is not Atom's. The start handler gives each element a
 * role and asks parse-xml.c to capture its text, which parse-xml.c stores
 * by its role when the element ends.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "xmalloc.h"

/* Whether ns is one of the RSS namespaces (or none). */
static bool
parse_rss_ns(enum parse_ns ns)
{
	return (ns == PARSE_NS_NONE || ns == PARSE_NS_RSS10 ||
	    ns == PARSE_NS_RSS090);
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

/* An enclosure from url/type/length attributes (RSS and Media RSS). */
static void
parse_rss_enclosure(struct parse *p, struct parse_elem *e, const char **attrs,
    int nattrs, const char *lenattr)
{
	char		*url, *type, *len, *abs, *clean = NULL, *end;
	long long	 n = -1;

	url = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "url");
	type = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
	len = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, lenattr);
	abs = parse_resolve(p, e->base, url);
	if (len != NULL) {
		n = strtoll(str_trim(len), &end, 10);
		if (*end != '\0' || n < 0 || end == len)
			n = -1;
	}
	if (type != NULL)
		clean = sanitize_line(type, strlen(type));
	if (abs != NULL && p->item != NULL &&
	    p->item->nenclosures < PARSE_LIST_MAX) {
		size_t i;

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

/* An element starts inside an item. */
static void
parse_rss_item_start(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e, const char **attrs, int nattrs)
{
	const char	*n = e->name;
	char		*v;

	if (depth == p->item_depth + 2 && e[-1].role == PARSE_ROLE_MEDIA_GROUP &&
	    e->ns == PARSE_NS_MEDIA && strcmp(n, "content") == 0) {
		parse_rss_enclosure(p, e, attrs, nattrs, "fileSize");
		return;
	}
	/* media:description (YouTube's only text), in a group or not */
	if (e->ns == PARSE_NS_MEDIA && strcmp(n, "description") == 0 &&
	    (depth == p->item_depth + 1 || (depth == p->item_depth + 2 &&
	    e[-1].role == PARSE_ROLE_MEDIA_GROUP))) {
		bool html;

		v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
		html = v != NULL && strcasecmp(str_trim(v), "html") == 0;
		free(v);
		parse_rss_role(x, e, PARSE_ROLE_ITEM_MEDIA_DESC, html ?
		    PARSE_CAP_HTML : PARSE_CAP_TEXT, html ? FEED_TEXT_HTML :
		    FEED_TEXT_PLAIN);
		return;
	}
	if (depth != p->item_depth + 1)
		return;
	if (parse_rss_ns(e->ns)) {
		if (strcmp(n, "title") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_TITLE,
			    PARSE_CAP_HTML, -1);
		else if (strcmp(n, "link") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_LINK,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "guid") == 0) {
			v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE,
			    "isPermaLink");
			e->attr_flag = v != NULL &&
			    strcasecmp(str_trim(v), "false") == 0;
			free(v);
			parse_rss_role(x, e, PARSE_ROLE_ITEM_GUID,
			    PARSE_CAP_TEXT, 0);
		} else if (strcmp(n, "description") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_SUMMARY,
			    PARSE_CAP_HTML, FEED_TEXT_HTML);
		else if (strcmp(n, "pubDate") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_PUBLISHED,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "author") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_AUTHOR,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "category") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_CATEGORY,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "enclosure") == 0)
			parse_rss_enclosure(p, e, attrs, nattrs, "length");
		return;
	}
	switch (e->ns) {
	case PARSE_NS_DC:
		if (strcmp(n, "title") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_TITLE,
			    PARSE_CAP_HTML, -1);
		else if (strcmp(n, "creator") == 0 ||
		    strcmp(n, "author") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_AUTHOR,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "date") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_PUBLISHED,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "subject") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_CATEGORY,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "language") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_LANGUAGE,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "identifier") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_GUID,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "description") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_SUMMARY,
			    PARSE_CAP_HTML, FEED_TEXT_HTML);
		break;
	case PARSE_NS_DCTERMS:
		if (strcmp(n, "issued") == 0 || strcmp(n, "created") == 0 ||
		    strcmp(n, "date") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_PUBLISHED,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "modified") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_UPDATED,
			    PARSE_CAP_TEXT, 0);
		break;
	case PARSE_NS_CONTENT:
		if (strcmp(n, "encoded") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_CONTENT,
			    PARSE_CAP_HTML, FEED_TEXT_HTML);
		break;
	case PARSE_NS_XHTML:
		if (strcmp(n, "body") == 0 || strcmp(n, "div") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_CONTENT,
			    PARSE_CAP_XHTML, FEED_TEXT_HTML);
		break;
	case PARSE_NS_MEDIA:
		if (strcmp(n, "content") == 0)
			parse_rss_enclosure(p, e, attrs, nattrs, "fileSize");
		else if (strcmp(n, "group") == 0)
			e->role = PARSE_ROLE_MEDIA_GROUP;
		break;
	case PARSE_NS_ITUNES:
		if (strcmp(n, "author") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_AUTHOR,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "summary") == 0)
			parse_rss_role(x, e, PARSE_ROLE_ITEM_SUMMARY,
			    PARSE_CAP_TEXT, FEED_TEXT_PLAIN);
		break;
	default:
		break;
	}
}

/* An element starts outside any item. */
static void
parse_rss_feed_start(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e)
{
	const char	*n = e->name;

	if (depth != p->channel_depth + 1 || !p->have_channel)
		return;
	if (parse_rss_ns(e->ns)) {
		if (strcmp(n, "title") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_TITLE,
			    PARSE_CAP_HTML, -1);
		else if (strcmp(n, "link") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_LINK,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "description") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_DESCRIPTION,
			    PARSE_CAP_HTML, -1);
		else if (strcmp(n, "language") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_LANGUAGE,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "ttl") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_TTL,
			    PARSE_CAP_TEXT, 0);
	} else if (e->ns == PARSE_NS_DC) {
		if (strcmp(n, "language") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_LANGUAGE,
			    PARSE_CAP_TEXT, 0);
		else if (strcmp(n, "title") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_TITLE,
			    PARSE_CAP_HTML, -1);
		else if (strcmp(n, "description") == 0)
			parse_rss_role(x, e, PARSE_ROLE_FEED_DESCRIPTION,
			    PARSE_CAP_HTML, -1);
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
	if (strcmp(e->name, "channel") == 0 && !p->have_channel) {
		e->role = PARSE_ROLE_CHANNEL;
		p->have_channel = true;
		p->channel_depth = depth;
		if (e->lang != NULL && *e->lang != '\0')
			p->feed_lang = xstrdup(e->lang);
		if (e->ns == PARSE_NS_RSS090)
			parse_set_format(p, "rss0.90");
		return;
	}
	if (strcmp(e->name, "item") == 0) {
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

/* <rss version="..."> or RDF's <rdf:RDF>. */
static bool
parse_rss_root(struct parse *p, struct parse_xml *x, struct parse_elem *e,
    const char **attrs, int nattrs)
{
	char	*version, *fmt;

	(void)x;
	if (strcasecmp(e->name, "rss") == 0) {
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
	if (strcmp(e->name, "RDF") == 0) {
		parse_set_format(p, "rss1.0");
		return (true);
	}
	return (false);
}

/* RSS 0.90 to 2.0; parse-xml.c stores every role's text. */
const struct parse_format parse_rss_format = {
	"rss", parse_rss_owns, parse_rss_root, parse_rss_start, NULL
};
