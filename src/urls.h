/*
 * The urls file: where feeds come from, in newsboat's format. One feed a
 * line: an http:, https: or file: URL, exec:COMMAND (a command whose
 * standard output is the feed) or query:NAME:EXPRESSION (a virtual feed:
 * the cached articles that match a filter, filter.h), then words: "tags"
 * (quoted or not), a "~Title", "!" (hidden from the feed list) and
 * akhbar's key=value options (reload=MINUTES, dir=rtl|ltr|auto,
 * keep=ARTICLES, full-article=yes|no; others are kept as written). Blank
 * lines and lines starting with '#' are ignored. Nothing here prints or
 * translates: a problem is a kind (enum reason_kind), a line and the
 * words concerned, and the edge says it in the user's language
 * (reason_text). The file is rewritten whole and atomically
 * (urls_add), keeping every line it had.
 */
#ifndef AKHBAR_URLS_H
#define AKHBAR_URLS_H

#include <stdbool.h>
#include <stddef.h>

#include "feed.h"
#include "str.h"

struct filter;

/* One subscription: a line of the urls file. */
struct urls_sub {
	char		*url;		/* http(s):, file:, exec:COMMAND or
					   query:NAME:EXPRESSION, as written */
	char		*title;		/* "~Title" (a query's NAME), or NULL */
	struct strv	 tags;		/* "tag" words, in order */
	bool		 hidden;	/* "!" */
	long		 reload;	/* reload=MINUTES as seconds; 0: the global interval */
	struct filter	*query;		/* a query: feed's expression, else NULL
					   (never fetched) */
	enum feed_dir	 dir;		/* dir=: FEED_DIR_AUTO unless set */
	bool		 dir_set;	/* dir= was given */
	int		 keep;		/* keep=ARTICLES; 0: the global max-items */
	int		 full_article;	/* full-article=: 1 yes, 0 no, -1 not given */
	struct strv	 options;	/* other key=value words, as written */
	int		 line;		/* its line in the file */
};

/* The subscriptions of a urls file, in its order, without duplicates. */
struct urls_list {
	struct urls_sub	*v;
	size_t		 n;
};

/* A problem of the urls file: a line skipped, or the file's own (line 0). */
struct urls_problem {
	int		 line;		/* 1-based; 0: the file as a whole */
	int		 kind;		/* enum reason_kind */
	long		 code;		/* its number: a query's column, else 0 */
	char		*detail;	/* the words concerned as written (or the
					   system's), or NULL */
};

struct urls_problems {
	struct urls_problem *v;
	size_t		 n;
};

/* Read the urls file at path; skipped lines become warnings. -1 with *error when it cannot be read. */
int	urls_load(const char *, struct urls_list *, struct urls_problems *,
	    struct urls_problem *);
void	urls_list_free(struct urls_list *);
void	urls_problems_free(struct urls_problems *);
void	urls_problem_clear(struct urls_problem *);
/* Read one line: 1 and *sub (free with urls_sub_clear), 0 for a blank or comment line, -1 and *problem. */
int	urls_parse_line(const char *, struct urls_sub *, struct urls_problem *);
void	urls_sub_clear(struct urls_sub *);
/* The subscription with this URL, or NULL. */
const struct urls_sub *urls_find(const struct urls_list *, const char *);

/* Append a subscription as a line of the urls file writes it (with a newline). */
void	urls_format(const struct urls_sub *, struct str *);
/*
 * Add subscriptions to the urls file at path (made when missing), after a
 * "# comment" line, skipping those it lists already: the file is written
 * again whole, every line it had kept, and renamed over the old one.
 * *added and *skipped count them. -1 with *cause (the system's words).
 */
int	urls_add(const char *, const struct urls_sub *, size_t, const char *,
	    size_t *, size_t *, char **);

/* Split an exec: command into words without a shell (caller frees with urls_free_argv). */
int	urls_split_command(const char *, char ***, char **);
void	urls_free_argv(char **);

#endif
