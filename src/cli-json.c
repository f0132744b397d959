/*
 * The JSON that akhbar --parse prints: a feed's fields on the first line,
 * then one item per line, so that a script (or a test) can read a feed
 * the way the parser read it. Items may be serialised as the parser hands
 * them out (cli_json_item) and joined under their feed at the end
 * (cli_json_feed_items), so that a big feed is never held whole.
 */
#include "config.h"

#include "cli-json.h"

#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include "feed.h"
#include "parse-date.h"
#include "str.h"

/* A JSON string or null. */
static struct json_object *
cli_json_string(const char *s)
{
	return (s != NULL ? json_object_new_string(s) : NULL);
}

/* A JSON date (ISO 8601 UTC) or null. */
static struct json_object *
cli_json_date(int64_t t)
{
	char	buf[64];

	if (t == FEED_TIME_UNKNOWN)
		return (NULL);
	parse_date_format(t, buf, sizeof buf);
	return (json_object_new_string(buf));
}

/* A JSON array of strings. */
static struct json_object *
cli_json_strv(const struct strv *v)
{
	struct json_object	*a;
	size_t			 i;

	a = json_object_new_array();
	for (i = 0; i < v->n; i++)
		json_object_array_add(a, json_object_new_string(v->v[i]));
	return (a);
}

#define CLI_JSON_FLAGS \
	(JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Append one item as a JSON object on one line (no newline). */
void
cli_json_item(const struct item *it, struct str *out)
{
	struct json_object	*io, *encs, *eo;
	size_t			 j;

	io = json_object_new_object();
	json_object_object_add(io, "id", cli_json_string(it->guid));
	json_object_object_add(io, "title", cli_json_string(it->title));
	json_object_object_add(io, "link", cli_json_string(it->link));
	json_object_object_add(io, "authors", cli_json_strv(&it->authors));
	json_object_object_add(io, "categories",
	    cli_json_strv(&it->categories));
	json_object_object_add(io, "published",
	    cli_json_date(it->published));
	json_object_object_add(io, "updated", cli_json_date(it->updated));
	json_object_object_add(io, "summary", cli_json_string(it->summary));
	json_object_object_add(io, "summary_type",
	    json_object_new_string(it->summary_type == FEED_TEXT_HTML ?
	    "html" : "text"));
	json_object_object_add(io, "content", cli_json_string(it->content));
	json_object_object_add(io, "content_type",
	    json_object_new_string(it->content_type == FEED_TEXT_HTML ?
	    "html" : "text"));
	encs = json_object_new_array();
	for (j = 0; j < it->nenclosures; j++) {
		eo = json_object_new_object();
		json_object_object_add(eo, "url",
		    cli_json_string(it->enclosures[j].url));
		json_object_object_add(eo, "type",
		    cli_json_string(it->enclosures[j].type));
		json_object_object_add(eo, "length",
		    it->enclosures[j].length < 0 ? NULL :
		    json_object_new_int64(it->enclosures[j].length));
		json_object_array_add(encs, eo);
	}
	json_object_object_add(io, "enclosures", encs);
	json_object_object_add(io, "language", cli_json_string(it->language));
	json_object_object_add(io, "direction",
	    json_object_new_string(feed_dir_name(it->dir)));
	str_appends(out, json_object_to_json_string_ext(io, CLI_JSON_FLAGS));
	json_object_put(io);
}

/*
 * Append the JSON object of a feed whose items are already serialised in
 * items (cli_json_item output joined with ",\n"; n of them): the
 * feed's fields on the first line, then one item per line.
 */
void
cli_json_feed_items(const struct feed *f, const struct str *items, size_t n,
    struct str *out)
{
	struct json_object	*o;
	const char		*head;
	size_t			 len;

	o = json_object_new_object();
	json_object_object_add(o, "format", cli_json_string(f->format));
	json_object_object_add(o, "title", cli_json_string(f->title));
	json_object_object_add(o, "link", cli_json_string(f->link));
	json_object_object_add(o, "description",
	    cli_json_string(f->description));
	json_object_object_add(o, "language", cli_json_string(f->language));
	json_object_object_add(o, "direction",
	    json_object_new_string(feed_dir_name(f->dir)));
	head = json_object_to_json_string_ext(o, CLI_JSON_FLAGS);
	len = strlen(head);
	while (len > 0 && head[len - 1] != '}')	/* reopen the object */
		len--;
	if (len > 0)
		len--;
	while (len > 0 && head[len - 1] == ' ')
		len--;
	str_append(out, head, len);
	json_object_put(o);
	if (n == 0) {
		str_appends(out, ", \"items\": [ ] }\n");
		return;
	}
	str_appends(out, ", \"items\": [\n");
	str_append(out, str_cstr(items), items->len);
	str_appends(out, "\n] }\n");
}

/* Serialise a feed and its items as the JSON object akhbar --parse prints. */
void
cli_json_feed(const struct feed *f, struct str *out)
{
	struct str	items;
	size_t		i;

	str_init(&items);
	for (i = 0; i < f->nitems; i++) {
		if (i > 0)
			str_append(&items, ",\n", 2);
		cli_json_item(f->items[i], &items);
	}
	cli_json_feed_items(f, &items, f->nitems, out);
	str_free(&items);
}
