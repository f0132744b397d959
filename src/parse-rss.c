/*
 * RSS: 0.90 and 1.0 (RDF, with Dublin Core and content:encoded) and the
 * 0.91-0.94/2.0 family, plus the extension elements other formats borrow
 * (dc:*, dcterms:*, content:encoded, media:content, itunes:author). The
 * start handler gives each element a role and asks parse-xml.c to capture
 * its text; the end handler stores the text in the item or the feed. The
 * end handler also serves parse-atom.c for the roles both share.
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
void
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

/* Make the relative links in an HTML field absolute. */
static void
parse_rss_links(struct parse *p, struct parse_elem *e, char **field, int type)
{
	char	*v;

	if (type != FEED_TEXT_HTML || *field == NULL)
		return;
	v = parse_resolve_html(p, e->base, *field);
	free(*field);
	*field = v;
}

/* Set *field to a sanitised one-line copy of text unless it is set. */
static void
parse_rss_set_line(char **field, const struct str *text)
{
	char	*v;

	if (*field != NULL || text == NULL)
		return;
	v = sanitize_line(str_cstr(text), text->len);
	if (*v == '\0')
		free(v);
	else
		*field = v;
}

/* An element with a role ends; text is what was captured (or NULL). */
void
parse_rss_end(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e, struct str *text)
{
	struct item	*it = p->item;
	const char	*t = text != NULL ? str_cstr(text) : NULL;
	char		*v;

	(void)x;
	(void)depth;
	switch (e->role) {
	case PARSE_ROLE_ITEM:
		parse_item_end(p, e->lang);
		return;
	case PARSE_ROLE_FEED_TITLE:
		if (p->feed->title == NULL && t != NULL) {
			v = parse_title(t, text->len, e->type);
			if (*v != '\0')
				p->feed->title = v;
			else
				free(v);
		}
		return;
	case PARSE_ROLE_FEED_LINK:
		if (p->feed->link == NULL && t != NULL) {
			v = xstrdup(t);
			p->feed->link = parse_resolve(p, e->base, str_trim(v));
			free(v);
		}
		return;
	case PARSE_ROLE_FEED_DESCRIPTION:
		if (p->feed->description == NULL && t != NULL) {
			v = parse_title(t, text->len, e->type);
			if (*v != '\0')
				p->feed->description = v;
			else
				free(v);
		}
		return;
	case PARSE_ROLE_FEED_LANGUAGE:
		parse_rss_set_line(&p->feed->language, text);
		return;
	case PARSE_ROLE_FEED_TTL:
		if (t != NULL)
			p->feed->ttl = atoi(t) > 0 ? atoi(t) : 0;
		return;
	default:
		break;
	}
	if (it == NULL || t == NULL)
		return;
	switch (e->role) {
	case PARSE_ROLE_ITEM_TITLE:
		if (it->title == NULL) {
			v = parse_title(t, text->len, e->type);
			if (*v != '\0')
				it->title = v;
			else
				free(v);
		}
		break;
	case PARSE_ROLE_ITEM_LINK:
		if (it->link == NULL) {
			v = xstrdup(t);
			it->link = parse_resolve(p, e->base, str_trim(v));
			free(v);
		}
		break;
	case PARSE_ROLE_ITEM_GUID:
		if (it->guid == NULL || p->guid_weak) {
			v = sanitize_line(t, text->len);
			if (*v == '\0')
				free(v);
			else {
				free(it->guid);
				it->guid = v;
				p->guid_weak = false;
				p->guid_permalink = e->role == PARSE_ROLE_ITEM_GUID &&
				    !e->attr_flag && strcmp(e->name, "guid") == 0;
			}
		}
		break;
	case PARSE_ROLE_ITEM_SUMMARY:
		if (it->summary == NULL && (it->summary = parse_field(text))) {
			it->summary_type = e->type;
			parse_rss_links(p, e, &it->summary, e->type);
		}
		break;
	case PARSE_ROLE_ITEM_MEDIA_DESC:
		if (p->media_desc == NULL &&
		    (p->media_desc = parse_field(text)) != NULL) {
			p->media_desc_type = e->type;
			parse_rss_links(p, e, &p->media_desc, e->type);
		}
		break;
	case PARSE_ROLE_ITEM_CONTENT:
		if (it->content == NULL && (it->content = parse_field(text))) {
			it->content_type = e->type;
			parse_rss_links(p, e, &it->content, e->type);
		}
		break;
	case PARSE_ROLE_ITEM_PUBLISHED:
		parse_date_field(p, &it->published, t);
		break;
	case PARSE_ROLE_ITEM_UPDATED:
		parse_date_field(p, &it->updated, t);
		break;
	case PARSE_ROLE_ITEM_AUTHOR:
		parse_add_person(&it->authors, t);
		break;
	case PARSE_ROLE_ITEM_CATEGORY:
		parse_add_category(&it->categories, t);
		break;
	case PARSE_ROLE_ITEM_LANGUAGE:
		if (p->item_lang == NULL) {
			v = sanitize_line(t, text->len);
			if (*v == '\0')
				free(v);
			else
				p->item_lang = v;
		}
		break;
	default:
		break;
	}
}
