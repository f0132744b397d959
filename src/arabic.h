/*
 * Search normalisation for Arabic (and Persian, Urdu, Latin) text, as
 * docs/arabic-search.md specifies: words are cut out of UTF-8 text,
 * normalised (marks and tatweel removed, letter variants folded, digits
 * made ASCII, Latin case-folded) and light10-stemmed. Pure functions: no
 * SQLite here; db-search.c wraps this in an FTS5 tokenizer.
 */
#ifndef AKHBAR_ARABIC_H
#define AKHBAR_ARABIC_H

#include <stddef.h>

#include "str.h"

#define ARABIC_MAXWORD	256	/* longer words are cut (code points) */
#define ARABIC_MAXBYTES	(ARABIC_MAXWORD * 4) /* a word's normalised UTF-8 */
#define ARABIC_MINSTEM	3	/* letters a suffix leaves at least */

/* One word of a text. */
struct arabic_token {
	const char	*norm;		/* normalised, NUL-terminated */
	size_t		 normlen;	/* at most ARABIC_MAXBYTES */
	const char	*stem;		/* normalised and stemmed, in norm */
	size_t		 stemlen;
	size_t		 start;		/* bytes [start, end) of the original */
	size_t		 end;
};

/* Called for each word; a non-zero return stops the walk and is returned. */
typedef int (*arabic_token_cb)(void *, const struct arabic_token *);

int	 arabic_tokenize(const char *, size_t, arabic_token_cb, void *);
void	 arabic_normalise(const char *, size_t, struct str *);
void	 arabic_stem(struct str *);
int	 arabic_fold_tab_check(void);

#endif
