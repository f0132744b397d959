/* OPML 1.0/2.0 subscription lists: read into a list of feeds, write back. */
#ifndef AKHBAR_OPML_H
#define AKHBAR_OPML_H

#include <stddef.h>

#include "str.h"

struct opml_entry {
	char		*url;		/* xmlUrl, as given */
	char		*title;		/* text or title, NULL if neither */
	char		*category;	/* folders above it, "News/World"; NULL if none */
	struct strv	 more;		/* the other folders it is in: the URL
					   listed again, OPML 2.0's other categories */
};

struct opml {
	char			*title;		/* head/title */
	struct opml_entry	*entries;
	size_t			 nentries;
};

struct opml	*opml_new(void);
void		 opml_free(struct opml *);
void		 opml_add(struct opml *, const char *, const char *,
		     const char *);
struct opml	*opml_read(const char *, size_t, struct strv *, char **);
struct opml	*opml_read_file(const char *, struct strv *, char **);
void		 opml_write(const struct opml *, struct str *);

#endif
