/*
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) with json-c.
 * json_tokener_parse_ex is fed chunk by chunk; the document is capped at
 * PARSE_JSON_MAX bytes because json-c builds the whole tree. Items are
 * handed out when the document is complete.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "xmalloc.h"

struct parse_json {
	struct parse		*p;
	struct json_tokener	*tok;
	struct json_object	*root;
	size_t			 total;
	bool			 done;		/* root read or failed */
};

/* Start a JSON parser for p. */
struct parse_json *
parse_json_new(struct parse *p)
{
	struct parse_json	*j;

	j = xcalloc(1, sizeof *j);
	j->p = p;
	j->tok = json_tokener_new_ex(64);
	if (j->tok == NULL)
		xmalloc_fail("json-c");
	return (j);
}

/* Feed UTF-8 to the tokener. */
void
parse_json_push(struct parse_json *j, const char *buf, size_t len)
{
	enum json_tokener_error	 err;
	size_t			 i;

	if (j->done) {
		for (i = 0; i < len; i++) {
			if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' &&
			    buf[i] != '\r') {
				if (j->root != NULL) {
					parse_warn(j->p, "text after the JSON "
					    "object is ignored");
					j->root = j->root;
				}
				break;
			}
		}
		return;
	}
	j->total += len;
	if (j->total > PARSE_JSON_MAX) {
		parse_fail(j->p, "the JSON document is larger than %d bytes",
		    PARSE_JSON_MAX);
		j->done = true;
		return;
	}
	while (len > 0) {
		size_t n = len > (1 << 24) ? (1 << 24) : len;

		j->root = json_tokener_parse_ex(j->tok, buf, (int)n);
		err = json_tokener_get_error(j->tok);
		if (err == json_tokener_continue) {
			buf += n;
			len -= n;
			continue;
		}
		j->done = true;
		if (err != json_tokener_success) {
			parse_fail(j->p, "not valid JSON: %s (at byte %zu)",
			    json_tokener_error_desc(err),
			    j->total - len + (size_t)json_tokener_get_parse_end(j->tok));
			return;
		}
		n = json_tokener_get_parse_end(j->tok);
		parse_json_push(j, buf + n, len - n);
		return;
	}
}

/* A string member of o, or NULL. */
static const char *
parse_json_get(struct json_object *o, const char *key)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return (NULL);
	return (json_object_get_string(v));
}

/* A sanitised copy of a string member, or NULL when absent or blank. */
static char *
parse_json_line(struct json_object *o, const char *key)
{
	const char	*s;
	char		*v;

	if ((s = parse_json_get(o, key)) == NULL)
		return (NULL);
	v = sanitize_line(s, strlen(s));
	if (*v == '\0') {
		free(v);
		return (NULL);
	}
	return (v);
}

/* A sanitised multi-line copy of a string member, or NULL. */
static char *
parse_json_text(struct json_object *o, const char *key)
{
	const char	*s;
	struct str	 tmp;
	char		*v;

	if ((s = parse_json_get(o, key)) == NULL)
		return (NULL);
	str_init(&tmp);
	str_appends(&tmp, s);
	v = parse_field(&tmp);
	str_free(&tmp);
	return (v);
}

/* Authors: 1.1's "authors" array or 1.0's "author" object. */
static void
parse_json_authors(struct json_object *o, struct strv *out)
{
	struct json_object	*a, *one;
	const char		*name;
	size_t			 i;

	if (json_object_object_get_ex(o, "authors", &a) &&
	    json_object_is_type(a, json_type_array)) {
		for (i = 0; i < json_object_array_length(a); i++) {
			one = json_object_array_get_idx(a, i);
			if (json_object_is_type(one, json_type_object) &&
			    (name = parse_json_get(one, "name")) != NULL)
				parse_add_person(out, name);
		}
	}
	if (out->n == 0 && json_object_object_get_ex(o, "author", &a) &&
	    json_object_is_type(a, json_type_object) &&
	    (name = parse_json_get(a, "name")) != NULL)
		parse_add_person(out, name);
}

/* Build one item from a JSON Feed item object. */
static struct item *
parse_json_item(struct parse *p, struct json_object *o, const char *base)
{
	struct item		*it;
	struct json_object	*v, *a;
	const char		*s;
	char			*clean;
	size_t			 i;

	it = item_new();
	if (json_object_object_get_ex(o, "id", &v) &&
	    (json_object_is_type(v, json_type_string) ||
	    json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double))) {
		s = json_object_get_string(v);
		clean = sanitize_line(s, strlen(s));
		if (*clean != '\0')
			it->guid = clean;
		else
			free(clean);
	}
	it->title = parse_json_line(o, "title");
	if ((s = parse_json_get(o, "url")) != NULL ||
	    (s = parse_json_get(o, "external_url")) != NULL)
		it->link = parse_resolve(p, base, s);
	if ((it->content = parse_json_text(o, "content_html")) != NULL) {
		parse_resolve_html(p, it->link != NULL ? it->link : base,
		    &it->content);
		it->content_type = FEED_TEXT_HTML;
	}
	else if ((it->content = parse_json_text(o, "content_text")) != NULL)
		it->content_type = FEED_TEXT_PLAIN;
	it->summary = parse_json_text(o, "summary");
	it->summary_type = FEED_TEXT_PLAIN;
	parse_date_field(p, &it->published, parse_json_get(o,
	    "date_published"));
	parse_date_field(p, &it->updated, parse_json_get(o, "date_modified"));
	parse_json_authors(o, &it->authors);
	if (json_object_object_get_ex(o, "tags", &a) &&
	    json_object_is_type(a, json_type_array)) {
		for (i = 0; i < json_object_array_length(a); i++) {
			v = json_object_array_get_idx(a, i);
			if (json_object_is_type(v, json_type_string))
				parse_add_category(&it->categories,
				    json_object_get_string(v));
		}
	}
	if (json_object_object_get_ex(o, "attachments", &a) &&
	    json_object_is_type(a, json_type_array)) {
		for (i = 0; i < json_object_array_length(a) &&
		    it->nenclosures < PARSE_LIST_MAX; i++) {
			struct json_object *att = json_object_array_get_idx(a, i);
			char *url, *type;
			int64_t len = -1;

			if (!json_object_is_type(att, json_type_object) ||
			    (s = parse_json_get(att, "url")) == NULL)
				continue;
			if ((url = parse_resolve(p, base, s)) == NULL)
				continue;
			type = parse_json_line(att, "mime_type");
			if (json_object_object_get_ex(att, "size_in_bytes", &v) &&
			    (json_object_is_type(v, json_type_int) ||
			    json_object_is_type(v, json_type_double)) &&
			    json_object_get_int64(v) >= 0)
				len = json_object_get_int64(v);
			item_add_enclosure(it, url, type, len);
			free(url);
			free(type);
		}
	}
	it->language = parse_json_line(o, "language");
	return (it);
}

/*
 * Drop the NULs of every string in the tree (a "\u0000" of the JSON), as
 * the XML side does with control characters: json-c keeps them, and
 * every C string made of one would end there. Returns how many went.
 */
static size_t
parse_json_drop_nuls(struct json_object *o)
{
	struct json_object_iterator	 it, end;
	const char			*s;
	char				*clean;
	size_t				 n = 0, len, i, k;

	switch (json_object_get_type(o)) {
	case json_type_string:
		s = json_object_get_string(o);
		len = (size_t)json_object_get_string_len(o);
		if (memchr(s, '\0', len) == NULL)
			return (0);
		clean = xmalloc(len + 1);
		for (i = k = 0; i < len; i++) {
			if (s[i] != '\0')
				clean[k++] = s[i];
		}
		clean[k] = '\0';
		json_object_set_string_len(o, clean, (int)k);
		free(clean);
		return (len - k);
	case json_type_array:
		for (i = 0; i < json_object_array_length(o); i++)
			n += parse_json_drop_nuls(json_object_array_get_idx(o,
			    i));
		return (n);
	case json_type_object:
		it = json_object_iter_begin(o);
		end = json_object_iter_end(o);
		while (!json_object_iter_equal(&it, &end)) {
			n += parse_json_drop_nuls(json_object_iter_peek_value(
			    &it));
			json_object_iter_next(&it);
		}
		return (n);
	default:
		return (0);
	}
}

/* The document is complete: read the feed out of the tree. */
void
parse_json_finish(struct parse_json *j)
{
	struct parse		*p = j->p;
	struct json_object	*items, *o;
	struct item		*it;
	const char		*version, *base;
	size_t			 i;

	if (p->failed)
		return;
	if (j->root == NULL) {
		parse_fail(p, "not valid JSON: the document ends too early");
		return;
	}
	if (!json_object_is_type(j->root, json_type_object)) {
		parse_fail(p, "this JSON is not a JSON Feed (not an object)");
		return;
	}
	if ((i = parse_json_drop_nuls(j->root)) > 0)
		parse_warn(p, "%zu NUL character%s in strings dropped", i,
		    i == 1 ? "" : "s");
	version = parse_json_get(j->root, "version");
	if (!json_object_object_get_ex(j->root, "items", &items) ||
	    !json_object_is_type(items, json_type_array)) {
		parse_fail(p, "this JSON is not a JSON Feed (no \"items\" "
		    "array)");
		return;
	}
	/* A JSON Feed says it is one, as feedparser and gofeed want. */
	if (version == NULL || strstr(version, "jsonfeed.org/version/") == NULL) {
		parse_fail(p, "this JSON is not a JSON Feed (its \"version\" "
		    "is not https://jsonfeed.org/version/1 or 1.1)");
		return;
	}
	if (strstr(version, "jsonfeed.org/version/1.1"))
		parse_set_format(p, "json1.1");
	else if (strstr(version, "jsonfeed.org/version/1"))
		parse_set_format(p, "json1.0");
	else {
		parse_warn(p, "an unknown JSON Feed version; read as 1.1");
		parse_set_format(p, "json");
	}
	p->feed->title = parse_json_line(j->root, "title");
	if ((base = parse_json_get(j->root, "home_page_url")) != NULL)
		p->feed->link = parse_resolve(p, p->url, base);
	p->feed->description = parse_json_text(j->root, "description");
	p->feed->language = parse_json_line(j->root, "language");
	base = p->feed->link != NULL ? p->feed->link :
	    parse_json_get(j->root, "feed_url");
	if (base == NULL)
		base = p->url;
	for (i = 0; i < json_object_array_length(items); i++) {
		o = json_object_array_get_idx(items, i);
		if (!json_object_is_type(o, json_type_object)) {
			parse_warn(p, "item %zu is not an object", i + 1);
			continue;
		}
		it = parse_json_item(p, o, base);
		/* An item without authors has the feed's (JSON Feed 1.1). */
		if (it->authors.n == 0)
			parse_json_authors(j->root, &it->authors);
		parse_emit_item(p, it);
	}
}

/* Free a JSON parser. */
void
parse_json_free(struct parse_json *j)
{
	if (j == NULL)
		return;
	if (j->root != NULL)
		json_object_put(j->root);
	json_tokener_free(j->tok);
	free(j);
}
