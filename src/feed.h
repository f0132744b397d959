/*
 * The model shared by the parsers (which produce it), the cache (which
 * stores it) and the interface (which reads it). Every string is UTF-8,
 * already sanitised (sanitize.c), owned by the struct, and NULL when absent.
 */
#ifndef AKHBAR_FEED_H
#define AKHBAR_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "str.h"

#define FEED_TIME_UNKNOWN	INT64_MIN	/* a date the feed did not give */

enum feed_dir {
	FEED_DIR_AUTO = 0,	/* first strong character decides */
	FEED_DIR_LTR,
	FEED_DIR_RTL
};

enum feed_text {
	FEED_TEXT_PLAIN = 0,	/* plain text */
	FEED_TEXT_HTML		/* HTML markup (xhtml is serialised to this) */
};

struct enclosure {
	char		*url;
	char		*type;		/* MIME type */
	int64_t		 length;	/* bytes, -1 unknown */
};

struct item {
	char		*guid;		/* stable id: guid/id, else link, else hash */
	char		*title;		/* plain text, white space normalised */
	char		*link;		/* absolute URL */
	struct strv	 authors;
	struct strv	 categories;
	int64_t		 published;	/* UTC epoch seconds or FEED_TIME_UNKNOWN */
	int64_t		 updated;	/* UTC epoch seconds or FEED_TIME_UNKNOWN */
	char		*summary;
	enum feed_text	 summary_type;
	char		*content;
	enum feed_text	 content_type;
	struct enclosure *enclosures;
	size_t		 nenclosures;
	char		*language;	/* xml:lang / dc:language of the item */
	enum feed_dir	 dir;		/* hint from the language */
};

struct feed {
	char		*format;	/* "rss2.0", "rss1.0", "atom1.0", "json1.1", ... */
	char		*title;
	char		*link;		/* the site, absolute */
	char		*description;
	char		*language;
	enum feed_dir	 dir;		/* hint from the language */
	int		 ttl;		/* RSS <ttl> in minutes, 0 if none */
	struct item	**items;	/* when the parser collects items */
	size_t		 nitems;
};

struct feed	*feed_new(void);
void		 feed_free(struct feed *);
void		 feed_add_item(struct feed *, struct item *);
struct item	*item_new(void);
void		 item_free(struct item *);
void		 item_add_enclosure(struct item *, const char *, const char *,
		     int64_t);
enum feed_dir	 feed_dir_from_language(const char *);
const char	*feed_dir_name(enum feed_dir);

#endif
