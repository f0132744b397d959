/*
 * The Tiny Tiny RSS backend: its JSON API (api/, API level 8 or later),
 * every request a POST of one JSON object (the API reads no form
 * fields). login gives a session id that every later request carries;
 * a session the server forgot (NOT_LOGGED_IN) is logged in again once.
 * Feeds come from getFeeds (cat_id -3: every feed) with their categories
 * from getCategories; items from getHeadlines on feed -4 ("all articles")
 * after since_id, newest entered first, 200 a page (the server's limit),
 * content and attachments included; states go back with updateArticle,
 * many ids in one request; state lists are getHeadlines without content:
 * a feed's unread, -1 (starred), -6 (read in the last day, latest
 * first). The server's error words (LOGIN_ERROR, API_DISABLED, ...) are
 * kept as the failure's detail.
 */
#include "config.h"

#include "sync.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "reason.h"
#include "sanitize.h"
#include "str.h"
#include "xmalloc.h"

#define TTRSS_PAGE	200	/* getHeadlines' most per request */

struct ttrss {
	char		*sid;		/* the session id, or NULL */
	int		 level;		/* the API's level */
	int		 relogging;	/* a login again is in progress */
};

static void
ttrss_free(void *arg)
{
	struct ttrss	*t = arg;

	if (t == NULL)
		return;
	free(t->sid);
	free(t);
}

static struct ttrss *
ttrss_of(struct sync *s)
{
	struct ttrss	*t;

	if ((t = sync_backend_data(s)) == NULL) {
		t = xcalloc(1, sizeof *t);
		sync_set_backend_data(s, t);
	}
	return (t);
}

/* A member of o, or NULL. */
static json_object *
ttrss_get(json_object *o, const char *key)
{
	json_object	*v;

	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return (NULL);
	return (v);
}

static const char *
ttrss_str(json_object *o, const char *key)
{
	json_object	*v = ttrss_get(o, key);

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return (NULL);
	return (json_object_get_string(v));
}

static int64_t
ttrss_int(json_object *o, const char *key, int64_t def)
{
	json_object	*v = ttrss_get(o, key);

	if (v == NULL || json_object_is_type(v, json_type_null))
		return (def);
	if (json_object_is_type(v, json_type_string))
		return (strtoll(json_object_get_string(v), NULL, 10));
	return (json_object_get_int64(v));
}

static bool
ttrss_bool(json_object *o, const char *key)
{
	json_object	*v = ttrss_get(o, key);

	return (v != NULL && json_object_get_boolean(v));
}

/* The server's error words as a failure. */
static int
ttrss_error(struct sync *s, const char *error)
{
	if (error == NULL)
		return (sync_fail(s, REASON_API, 0, NULL));
	if (strcmp(error, "LOGIN_ERROR") == 0)
		return (sync_fail(s, REASON_LOGIN, 0, error));
	if (strcmp(error, "API_DISABLED") == 0)
		return (sync_fail(s, REASON_API_DISABLED, 0, error));
	return (sync_fail(s, REASON_API, 0, error));
}

/*
 * One call: req (op and its arguments; the session id is added) to the
 * API; *root is the whole reply (caller puts it), its content in
 * *content. A forgotten session is logged in again, once.
 */
static int
ttrss_call(struct sync *s, json_object *req, json_object **root,
    json_object **content)
{
	struct ttrss	*t = ttrss_of(s);
	struct str	 reply;
	json_object	*r, *c;
	const char	*error;
	int		 tries;

	*root = *content = NULL;
	str_init(&reply);
	for (tries = 0; tries < 2; tries++) {
		if (t->sid != NULL)
			json_object_object_add(req, "sid",
			    json_object_new_string(t->sid));
		if (sync_request(s, json_object_to_json_string_ext(req,
		    JSON_C_TO_STRING_PLAIN), &reply) != 0) {
			str_free(&reply);
			return (-1);
		}
		r = reply.len > 0 ? json_tokener_parse(str_cstr(&reply)) : NULL;
		if (r == NULL || !json_object_is_type(r, json_type_object)) {
			json_object_put(r);
			str_free(&reply);
			return (sync_fail(s, REASON_BAD_REPLY, 0,
			    "not the JSON of Tiny Tiny RSS's API"));
		}
		c = ttrss_get(r, "content");
		if (ttrss_int(r, "status", 1) == 0 && c != NULL) {
			str_free(&reply);
			*root = r;
			*content = c;
			return (0);
		}
		error = ttrss_str(c, "error");
		if (error != NULL && strcmp(error, "NOT_LOGGED_IN") == 0 &&
		    tries == 0 && !t->relogging && t->sid != NULL) {
			json_object_put(r);
			t->relogging = 1;
			if (sync_relogin(s) != 0) {
				t->relogging = 0;
				str_free(&reply);
				return (-1);
			}
			t->relogging = 0;
			continue;
		}
		ttrss_error(s, error);
		json_object_put(r);
		str_free(&reply);
		return (-1);
	}
	str_free(&reply);
	return (sync_fail(s, REASON_API, 0, "NOT_LOGGED_IN"));
}

static json_object *
ttrss_op(const char *op)
{
	json_object	*req = json_object_new_object();

	json_object_object_add(req, "op", json_object_new_string(op));
	return (req);
}

/* Log in: a session id, and an API level akhbar can use. */
static int
ttrss_login(struct sync *s, const char *password)
{
	struct ttrss	*t = ttrss_of(s);
	json_object	*req, *root, *c;
	const char	*sid;
	int		 rc = -1;

	free(t->sid);
	t->sid = NULL;
	req = ttrss_op("login");
	json_object_object_add(req, "user",
	    json_object_new_string(sync_login_name(s)));
	json_object_object_add(req, "password",
	    json_object_new_string(password));
	if (ttrss_call(s, req, &root, &c) == 0) {
		if ((sid = ttrss_str(c, "session_id")) == NULL)
			sync_fail(s, REASON_BAD_REPLY, 0, "no session_id");
		else {
			t->sid = xstrdup(sid);
			t->level = (int)ttrss_int(c, "api_level", 0);
			if (t->level < REASON_API_LEVEL_MIN)
				sync_fail(s, REASON_API_LEVEL, t->level, NULL);
			else
				rc = 0;
		}
		json_object_put(root);
	}
	/* The request held the password: its bytes go. */
	json_object_put(req);
	return (rc);
}

/* The categories' titles by id (Uncategorized, 0, has none). */
struct ttrss_cat {
	int64_t		 id;
	const char	*title;
};

static int
ttrss_feeds(struct sync *s, struct sync_feed **out, size_t *nout)
{
	json_object		*req, *croot, *cats, *froot, *feeds, *o;
	struct ttrss_cat	*cv = NULL;
	struct sync_feed	*v = NULL, *f;
	size_t			 nc = 0, n = 0, i, k, len;
	const char		*title;
	int64_t			 cat;
	int			 rc;

	*out = NULL;
	*nout = 0;
	req = ttrss_op("getCategories");
	json_object_object_add(req, "include_empty",
	    json_object_new_boolean(1));
	rc = ttrss_call(s, req, &croot, &cats);
	json_object_put(req);
	if (rc != 0)
		return (-1);
	req = ttrss_op("getFeeds");
	json_object_object_add(req, "cat_id", json_object_new_int(-3));
	rc = ttrss_call(s, req, &froot, &feeds);
	json_object_put(req);
	if (rc != 0) {
		json_object_put(croot);
		return (-1);
	}
	if (!json_object_is_type(cats, json_type_array) ||
	    !json_object_is_type(feeds, json_type_array)) {
		json_object_put(croot);
		json_object_put(froot);
		return (sync_fail(s, REASON_BAD_REPLY, 0, "getFeeds"));
	}
	len = json_object_array_length(cats);
	cv = xcalloc(len + 1, sizeof *cv);
	for (i = 0; i < len; i++) {
		o = json_object_array_get_idx(cats, i);
		cat = ttrss_int(o, "id", 0);
		if (cat <= 0 || (title = ttrss_str(o, "title")) == NULL)
			continue;	/* Uncategorized, Special, Labels */
		cv[nc].id = cat;
		cv[nc++].title = title;
	}
	len = json_object_array_length(feeds);
	v = xcalloc(len + 1, sizeof *v);
	for (i = 0; i < len; i++) {
		o = json_object_array_get_idx(feeds, i);
		if (ttrss_int(o, "id", 0) <= 0)
			continue;	/* a virtual feed */
		f = &v[n++];
		xasprintf(&f->id, "%lld", (long long)ttrss_int(o, "id", 0));
		if ((title = ttrss_str(o, "feed_url")) != NULL)
			f->url = sanitize_line(title, strlen(title));
		if ((title = ttrss_str(o, "title")) != NULL && *title != '\0')
			f->title = sanitize_line(title, strlen(title));
		cat = ttrss_int(o, "cat_id", 0);
		for (k = 0; k < nc; k++) {
			if (cv[k].id == cat) {
				f->category = sanitize_line(cv[k].title,
				    strlen(cv[k].title));
				break;
			}
		}
		f->unread = ttrss_int(o, "unread", 0);
	}
	free(cv);
	json_object_put(croot);
	json_object_put(froot);
	*out = v;
	*nout = n;
	return (0);
}

/* An attachment of a headline as an enclosure. */
static void
ttrss_attachments(struct item *it, json_object *a)
{
	json_object	*o;
	const char	*url, *type;
	size_t		 i, n;

	if (a == NULL || !json_object_is_type(a, json_type_array))
		return;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		o = json_object_array_get_idx(a, i);
		if ((url = ttrss_str(o, "content_url")) == NULL || *url == '\0')
			continue;
		type = ttrss_str(o, "content_type");
		item_add_enclosure(it, url, type != NULL && *type != '\0' ?
		    type : NULL, -1);
	}
}

/* A headline (with content) as an item of the cache. */
static struct item *
ttrss_item(json_object *h, int64_t id)
{
	struct item	*it;
	const char	*v;

	it = item_new();
	xasprintf(&it->guid, "ttrss:%lld", (long long)id);
	if ((v = ttrss_str(h, "title")) != NULL && *v != '\0')
		it->title = sanitize_line(v, strlen(v));
	if ((v = ttrss_str(h, "link")) != NULL && *v != '\0')
		it->link = sanitize_line(v, strlen(v));
	if ((v = ttrss_str(h, "author")) != NULL && *v != '\0')
		strv_add_owned(&it->authors, sanitize_line(v, strlen(v)));
	if ((v = ttrss_str(h, "content")) != NULL && *v != '\0') {
		it->content = sanitize_text(v, strlen(v));
		it->content_type = FEED_TEXT_HTML;
	}
	if ((v = ttrss_str(h, "lang")) != NULL && *v != '\0') {
		it->language = sanitize_line(v, strlen(v));
		it->dir = feed_dir_from_language(it->language);
	}
	it->published = ttrss_int(h, "updated", 0) > 0 ?
	    ttrss_int(h, "updated", 0) : FEED_TIME_UNKNOWN;
	ttrss_attachments(it, ttrss_get(h, "attachments"));
	return (it);
}

/* getHeadlines: one page of a list as an array (caller puts *root). */
static int
ttrss_headlines(struct sync *s, int64_t feed, const char *view, int64_t since,
    int skip, bool content, json_object **root, json_object **list)
{
	json_object	*req;
	int		 rc;

	req = ttrss_op("getHeadlines");
	json_object_object_add(req, "feed_id", json_object_new_int64(feed));
	json_object_object_add(req, "view_mode", json_object_new_string(view));
	json_object_object_add(req, "limit", json_object_new_int(TTRSS_PAGE));
	json_object_object_add(req, "skip", json_object_new_int(skip));
	if (since > 0)
		json_object_object_add(req, "since_id",
		    json_object_new_int64(since));
	json_object_object_add(req, "show_content",
	    json_object_new_boolean(content));
	json_object_object_add(req, "include_attachments",
	    json_object_new_boolean(content));
	rc = ttrss_call(s, req, root, list);
	json_object_put(req);
	if (rc != 0)
		return (-1);
	if (!json_object_is_type(*list, json_type_array)) {
		json_object_put(*root);
		*root = NULL;
		return (sync_fail(s, REASON_BAD_REPLY, 0, "getHeadlines"));
	}
	return (0);
}

/* A page of the items after since, with content and states. */
static int
ttrss_items(struct sync *s, int64_t since, int skip, struct sync_item **out,
    size_t *nout, int *rows)
{
	json_object		*root, *list, *h;
	struct sync_item	*v;
	size_t			 i, len, n = 0;
	int64_t			 id;

	*out = NULL;
	*nout = 0;
	*rows = 0;
	if (ttrss_headlines(s, -4, "all_articles", since, skip, true, &root,
	    &list) != 0)
		return (-1);
	len = json_object_array_length(list);
	v = xcalloc(len + 1, sizeof *v);
	for (i = 0; i < len; i++) {
		h = json_object_array_get_idx(list, i);
		if ((id = ttrss_int(h, "id", 0)) <= 0)
			continue;
		v[n].id = id;
		xasprintf(&v[n].feed, "%lld",
		    (long long)ttrss_int(h, "feed_id", 0));
		v[n].unread = ttrss_bool(h, "unread");
		v[n].starred = ttrss_bool(h, "marked");
		v[n].item = ttrss_item(h, id);
		n++;
	}
	json_object_put(root);
	*out = v;
	*nout = n;
	*rows = (int)len;
	return (0);
}

/* updateArticle: field (0 unread, 1 starred) set to value for n items. */
static int
ttrss_push(struct sync *s, int field, bool value, const int64_t *ids,
    size_t n)
{
	json_object	*req, *root, *c;
	struct str	 list;
	size_t		 i;
	int		 rc;

	str_init(&list);
	for (i = 0; i < n; i++)
		str_printf(&list, "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
	req = ttrss_op("updateArticle");
	json_object_object_add(req, "article_ids",
	    json_object_new_string(str_cstr(&list)));
	json_object_object_add(req, "mode", json_object_new_int(value ? 1 : 0));
	/* Its fields: 0 starred ("marked"), 2 unread. */
	json_object_object_add(req, "field", json_object_new_int(field == 0 ?
	    2 : 0));
	str_free(&list);
	rc = ttrss_call(s, req, &root, &c);
	json_object_put(req);
	if (rc != 0)
		return (-1);
	if (ttrss_str(c, "status") == NULL ||
	    strcmp(ttrss_str(c, "status"), "OK") != 0) {
		json_object_put(root);
		return (sync_fail(s, REASON_BAD_REPLY, 0, "updateArticle"));
	}
	json_object_put(root);
	return (0);
}

/* A page of a state list's ids. */
static int
ttrss_ids(struct sync *s, enum sync_list list, const char *feed, int skip,
    int64_t **out, size_t *nout, int *rows)
{
	json_object	*root, *arr;
	int64_t		*v, id, f;
	size_t		 i, len, n = 0;
	int		 rc;

	*out = NULL;
	*nout = 0;
	*rows = 0;
	switch (list) {
	case SYNC_LIST_UNREAD:
		f = feed != NULL ? strtoll(feed, NULL, 10) : 0;
		if (f <= 0)
			return (sync_fail(s, REASON_API, 0, "feed id"));
		rc = ttrss_headlines(s, f, "unread", 0, skip, false, &root,
		    &arr);
		break;
	case SYNC_LIST_STARRED:
		rc = ttrss_headlines(s, -1, "all_articles", 0, skip, false,
		    &root, &arr);
		break;
	default:
		rc = ttrss_headlines(s, -6, "all_articles", 0, skip, false,
		    &root, &arr);
		break;
	}
	if (rc != 0)
		return (-1);
	len = json_object_array_length(arr);
	v = xcalloc(len + 1, sizeof *v);
	for (i = 0; i < len; i++) {
		id = ttrss_int(json_object_array_get_idx(arr, i), "id", 0);
		if (id > 0)
			v[n++] = id;
	}
	json_object_put(root);
	*out = v;
	*nout = n;
	*rows = (int)len;
	return (0);
}

const struct sync_backend sync_ttrss = {
	"ttrss",
	TTRSS_PAGE,
	ttrss_login,
	ttrss_feeds,
	ttrss_items,
	ttrss_push,
	ttrss_ids,
	ttrss_free,
};
