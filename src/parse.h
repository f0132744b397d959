/*
 * Feed parsing: bytes in, struct feed and struct item out. The caller pushes
 * the document chunk by chunk as it arrives (parse_push); the format is
 * sniffed from the content. Items are handed to the callback as soon as each
 * one is complete, so memory is bounded by the largest item, not by the
 * document. No cache, no network, no printing: problems are returned as
 * text.
 */
#ifndef AKHBAR_PARSE_H
#define AKHBAR_PARSE_H

#include <stddef.h>

#include "feed.h"
#include "str.h"

struct parse;

/* Set up the XML library; once, in the main thread, before any other. */
void		 parse_init(void);

/* Called with each complete item; the callee owns it (item_free). */
typedef void (*parse_item_cb)(struct item *, void *);

/*
 * Start parsing a document fetched from url (the base for relative links;
 * may be NULL) with the HTTP Content-Type content_type (may be NULL; its
 * charset is honoured below a BOM and above nothing else the spec ranks
 * lower). With cb NULL the items are collected into the feed instead.
 */
struct parse	*parse_new(const char *url, const char *content_type,
		     parse_item_cb cb, void *arg);

/* Feed the next chunk; returns 0 to go on, -1 when the input cannot be a feed. */
int		 parse_push(struct parse *, const char *, size_t);

/*
 * End of input. Returns the feed's metadata (and its items when no callback
 * was given), or NULL with *cause set when the input was not a feed.
 */
struct feed	*parse_finish(struct parse *, char **cause);

/* How many runs of text were handed to libxml2 as CDATA (for tests). */
size_t		 parse_cdata_runs(const struct parse *);

/*
 * When the document was an HTML page: the feeds its <link rel="alternate">
 * elements announce (absolute when the page's URL is known), for the
 * edge to offer (feed discovery); empty otherwise. The reason
 * parse_finish gives names them too.
 */
const struct strv *parse_feed_links(const struct parse *);

/* Recoverable problems met so far ("line 12: ..."), for stderr or the log. */
const struct strv *parse_warnings(const struct parse *);

/* Free a parser, finished or not. */
void		 parse_free(struct parse *);

/* Parse a whole file (a convenience over the push interface). */
struct feed	*parse_file(const char *path, struct strv *warnings,
		     char **cause);

/* parse_file, handing items to the callback (if not NULL) as they come. */
struct feed	*parse_file_cb(const char *, parse_item_cb, void *,
		     struct strv *, char **);

#endif
