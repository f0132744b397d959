/*
 * Sync with an aggregator server the user already runs (Tiny Tiny RSS
 * first): the server polls the feeds, akhbar reads them from it. A sync
 * (sync_run, on the poller's thread and its write connection) sends the
 * changes queued in the cache, lists the server's feeds and categories
 * into the cache, fetches the items newer than the source's mark, and
 * pulls the read and starred states the server has for cached items. The
 * cache stays the source of every screen: a sync only fills it.
 *
 * A backend (sync-ttrss.c; Miniflux, FreshRSS's Google Reader API,
 * Nextcloud News next) is a table of five calls over the HTTP and JSON
 * helpers of sync.c; the driver in sync.c does everything else (the
 * cache, the order of the steps, what to retry). Failures are data
 * (enum reason_kind, a number, the server's own words); nothing prints.
 */
#ifndef AKHBAR_SYNC_H
#define AKHBAR_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch.h"

struct db;
struct db_sub;
struct item;
struct str;
struct sync;

/* Where subscriptions come from (the urls-source setting). */
enum sync_kind {
	SYNC_LOCAL = 0,		/* the urls file */
	SYNC_TTRSS		/* a Tiny Tiny RSS server */
};

/* The settings of a sync source (urls-source, ttrss-*); borrowed strings. */
struct sync_conf {
	enum sync_kind	 kind;
	const char	*url;		/* the server's address */
	const char	*login;
	const char	*password;	/* or NULL */
	const char	*passwordfile;	/* its first line is the password */
	const char	*passwordeval;	/* a command (no shell) that prints it */
};

/* One feed as a server lists it. */
struct sync_feed {
	char		*id;		/* the server's id */
	char		*url;		/* the feed's own URL */
	char		*title;
	char		*category;	/* or NULL: none */
	int64_t		 unread;	/* its unread items on the server */
};

/* One item as a server sends it, with its states there. */
struct sync_item {
	int64_t		 id;		/* the server's id */
	char		*feed;		/* its feed's server id */
	bool		 unread;
	bool		 starred;
	struct item	*item;		/* guid, title, link, dates, content */
};

/* The lists of remote ids a backend can give, to pull states. */
enum sync_list {
	SYNC_LIST_UNREAD = 0,	/* the unread items of one feed */
	SYNC_LIST_STARRED,	/* every starred item */
	SYNC_LIST_READ_RECENTLY	/* items read lately, newest first */
};

/*
 * A backend. Each call makes requests through sync_request and returns 0,
 * or -1 after sync_fail said why. Pages: a call reads up to page rows of
 * a list, starting skip into it, and says how many it read (*rows; fewer
 * than page: the list ended) and returns those it could use.
 */
struct sync_backend {
	const char	*name;		/* the urls-source word: "ttrss" */
	int		 page;		/* items or ids a page holds at most */
	/* Log in (again): check the API is on and recent enough. */
	int		(*login)(struct sync *, const char *password);
	/* Every feed with its category and unread count. */
	int		(*feeds)(struct sync *, struct sync_feed **, size_t *);
	/* A page of the items newer than since, content included. */
	int		(*items)(struct sync *, int64_t since, int skip,
			    struct sync_item **, size_t *, int *rows);
	/* Set field (enum db_sync_field) to value for n items. */
	int		(*push)(struct sync *, int field, bool value,
			    const int64_t *, size_t);
	/* A page of one list's remote ids (feed: SYNC_LIST_UNREAD's). */
	int		(*ids)(struct sync *, enum sync_list, const char *feed,
			    int skip, int64_t **, size_t *, int *rows);
	/* Free the backend's state (sync_backend_data). */
	void		(*free)(void *);
};

/* What a sync did, for the poller's events and the benchmark. */
struct sync_report {
	int		 ok;		/* it worked */
	int		 reason;	/* else why: enum reason_kind */
	long		 code;		/* its number */
	char		*detail;	/* the server's words, or NULL */
	int		 new_items;	/* items stored for the first time */
	int		 pushed;	/* changes the server confirmed */
	int		 pulled;	/* states changed from the server's */
	int		 requests;	/* HTTP requests made */
	int64_t		 bytes;		/* bytes received */
	bool		 feeds_changed;	/* the source's feeds are not those of
					   the last sync: the interface reads
					   them again */
};

/* Whether to stop now (the poller's cancel and quit); NULL: never. */
typedef bool	(*sync_cancel_fn)(void *);

/* A source's connection: NULL with *cause when the settings cannot work. */
struct sync	*sync_new(const struct sync_conf *, const struct fetch_opts *,
		     char **);
void		 sync_free(struct sync *);
void		 sync_set_cancel(struct sync *, sync_cancel_fn, void *);
/* The source's name for messages: "ttrss https://host/"; never the password. */
const char	*sync_name(const struct sync *);
/* The source's row in the cache (made when new); 0 on failure. */
int64_t		 sync_source_id(struct sync *, struct db *, char **);
/* The source's feeds as the cache has them, as subscriptions for db_feed_sync (borrowed from the sync; valid until the next call). */
int		 sync_cached_subs(struct sync *, struct db *,
		     const struct db_sub **, size_t *, char **);
/*
 * Sync once: push the queue, list the feeds (db_feed_sync with the local
 * subscriptions, nlocal, beside them), fetch new items, pull states.
 * Fills *report (free with sync_report_clear); 0, or -1 when it failed.
 */
int		 sync_run(struct sync *, struct db *, const struct db_sub *,
		     size_t, struct sync_report *);
void		 sync_report_clear(struct sync_report *);

/* For backends (sync.c): requests, failures, their own state. */
/* POST body (JSON) to the server's API URL; the reply in *reply. 0, or -1 (sync_fail said why). */
int		 sync_request(struct sync *, const char *, struct str *);
/* Record why the sync fails: a reason kind, its number, the server's words. */
int		 sync_fail(struct sync *, int, long, const char *);
/* Log in again after the server forgot the session. */
int		 sync_relogin(struct sync *);
const char	*sync_api_url(const struct sync *);
const char	*sync_login_name(const struct sync *);
void		*sync_backend_data(struct sync *);
void		 sync_set_backend_data(struct sync *, void *);
void		 sync_feeds_free(struct sync_feed *, size_t);
void		 sync_items_free(struct sync_item *, size_t);

/* sync-ttrss.c */
extern const struct sync_backend sync_ttrss;

#endif
