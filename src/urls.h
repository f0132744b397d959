/*
 * The urls file: where feeds come from, in newsboat's format. One feed a
 * line: an http:, https: or file: URL, or exec:COMMAND (a command whose
 * standard output is the feed), then words: "tags" (quoted or not), a
 * "~Title", "!" (hidden from the feed list) and akhbar's key=value options
 * (reload=MINUTES; others are kept as written). Blank lines and lines
 * starting with '#' are ignored. Nothing here prints or translates: a
 * problem is a kind (enum reason_kind), a line and the words concerned,
 * and the edge says it in the user's language (reason_text).
 */
#ifndef AKHBAR_URLS_H
#define AKHBAR_URLS_H

#include <stdbool.h>
#include <stddef.h>

#include "str.h"

/* One subscription: a line of the urls file. */
struct urls_sub {
	char		*url;		/* http(s):, file: or exec:COMMAND, as written */
	char		*title;		/* "~Title", or NULL */
	struct strv	 tags;		/* "tag" words, in order */
	bool		 hidden;	/* "!" */
	long		 reload;	/* reload=MINUTES as seconds; 0: the global interval */
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

/* Split an exec: command into words without a shell (caller frees with urls_free_argv). */
int	urls_split_command(const char *, char ***, char **);
void	urls_free_argv(char **);

#endif
