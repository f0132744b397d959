/* The JSON that akhbar --parse prints for a feed and its items. */
#ifndef AKHBAR_CLI_JSON_H
#define AKHBAR_CLI_JSON_H

#include <stddef.h>

#include "feed.h"
#include "str.h"

/* Append a feed with its items: the object akhbar --parse prints. */
void	 cli_json_feed(const struct feed *, struct str *);

/* Append one item as cli_json_feed writes it, for callers that stream. */
void	 cli_json_item(const struct item *, struct str *);

/* cli_json_feed for a feed whose n items were serialised into items. */
void	 cli_json_feed_items(const struct feed *, const struct str *, size_t,
	     struct str *);

#endif
