/*
 * Reading the urls file, newsboat's format with akhbar's options:
 *
 *	https://example.org/feed.xml "news" "world news" "~My title" "!"
 *	"exec:curl -s https://example.org/x" tech reload=30
 *	exec:cat /var/feeds/local.xml
 *
 * The first word is the feed; a quoted one ("...", with \" and \\ inside)
 * may hold blanks, as an exec: command does; an unquoted exec: takes the
 * rest of the line. The words after it are tags, quoted or not, except
 * "~Title", "!" (hidden) and unquoted key=value options. Bad lines do not
 * stop the reader: each is skipped with a warning naming its line, and the
 * good lines are kept in order with duplicates dropped.
 */
#include "config.h"

#include "urls.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reason.h"
#include "str.h"
#include "xmalloc.h"

/* The longest reload= accepted, in minutes (a year). */
#define URLS_RELOAD_MAX	(366L * 24 * 60)

static int
urls_is_url(const char *s)
{
	const char	*p;
	size_t		 n;

	if (strncasecmp(s, "http://", 7) == 0)
		n = 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		n = 8;
	else if (strncasecmp(s, "file://", 7) == 0)
		return (s[7] == '/');
	else
		return (0);
	if (s[n] == '\0' || s[n] == '/' || s[n] == '?' || s[n] == '#')
		return (0);
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return (0);
	}
	return (1);
}

static void
urls_problem_set(struct urls_problem *pr, int kind, const char *detail)
{
	pr->kind = kind;
	free(pr->detail);
	pr->detail = detail != NULL ? xstrdup(detail) : NULL;
}

/* Forget a problem's detail. */
void
urls_problem_clear(struct urls_problem *pr)
{
	free(pr->detail);
	memset(pr, 0, sizeof *pr);
}

/* Free what a subscription holds and zero it. */
void
urls_sub_clear(struct urls_sub *sub)
{
	free(sub->url);
	free(sub->title);
	strv_free(&sub->tags);
	strv_free(&sub->options);
	memset(sub, 0, sizeof *sub);
}

/*
 * Read one word at *sp into w: a quoted one (its quotes dropped, \" and
 * \\ inside unescaped) or one up to the next blank. Returns 1 for a
 * quoted word, 0 for a bare one, -1 when the closing quote is missing.
 */
static int
urls_word(const char **sp, struct str *w)
{
	const char	*s = *sp, *run;

	str_clear(w);
	if (*s != '"') {
		for (run = s; *s != '\0' && !isspace((unsigned char)*s); s++)
			/* nothing */;
		str_append(w, run, (size_t)(s - run));
		*sp = s;
		return (0);
	}
	for (run = ++s; *s != '"'; s++) {
		if (*s == '\0')
			return (-1);
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\')) {
			/* What came before the backslash, then its char. */
			str_append(w, run, (size_t)(s - run));
			run = ++s;
		}
	}
	str_append(w, run, (size_t)(s - run));
	*sp = s + 1;
	return (1);
}

/* Whether a bare word is a key=value option: a letter, [a-z0-9_-]*, '='. */
static int
urls_is_option(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return (0);
	while (isalnum((unsigned char)*s) || *s == '_' || *s == '-')
		s++;
	return (*s == '=');
}

/* Take one option word into sub; -1 when its value is no good. */
static int
urls_option(struct urls_sub *sub, const char *word)
{
	const char	*v;
	char		*end;
	long		 n;

	v = strchr(word, '=') + 1;
	if (strncmp(word, "reload=", 7) != 0) {
		strv_add(&sub->options, word);
		return (0);
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 ||
	    n < 1 || n > URLS_RELOAD_MAX)
		return (-1);
	sub->reload = n * 60;
	return (0);
}

/* Check an exec: feed's command as fetch will split it at every reload. */
static int
urls_check_command(const char *url, struct urls_problem *pr)
{
	char	**argv, *why = NULL, *copy;

	copy = xstrdup(url + 5);
	if (*str_trim(copy) == '\0') {
		free(copy);
		urls_problem_set(pr, REASON_NO_COMMAND, NULL);
		return (-1);
	}
	free(copy);
	if (urls_split_command(url + 5, &argv, &why) != 0) {
		urls_problem_set(pr, REASON_BAD_COMMAND, why);
		free(why);
		return (-1);
	}
	urls_free_argv(argv);
	return (0);
}

/*
 * Read one line of the urls file: 1 with *sub filled (free with
 * urls_sub_clear), 0 for a blank or comment line, -1 with *problem (its
 * kind and the words concerned) for a line to skip.
 */
int
urls_parse_line(const char *line, struct urls_sub *sub,
    struct urls_problem *pr)
{
	const char	*s, *p;
	struct str	 w;
	char		*copy;
	int		 q, rc = -1;

	memset(sub, 0, sizeof *sub);
	copy = xstrdup(line);
	s = str_trim(copy);
	if (*s == '\0' || *s == '#') {
		free(copy);
		return (0);
	}
	str_init(&w);

	/* The feed: a quoted word, an exec: line, or a bare word. */
	if (strncmp(s, "exec:", 5) == 0) {
		str_appends(&w, s);
		s += strlen(s);
	} else if ((q = urls_word(&s, &w)) == -1) {
		urls_problem_set(pr, REASON_NO_QUOTE, copy);
		goto out;
	}
	p = str_cstr(&w);
	if (strncasecmp(p, "query:", 6) == 0) {
		urls_problem_set(pr, REASON_QUERY, NULL);
		goto out;
	}
	if (strncmp(p, "exec:", 5) == 0) {
		if (urls_check_command(p, pr) != 0)
			goto out;
	} else if (!urls_is_url(p)) {
		urls_problem_set(pr, REASON_NOT_URL, p);
		goto out;
	}
	sub->url = str_steal(&w);

	/* Then tags, "~Title", "!" and key=value options. */
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		if ((q = urls_word(&s, &w)) == -1) {
			urls_problem_set(pr, REASON_NO_QUOTE, s);
			goto out;
		}
		p = str_cstr(&w);
		if (strcmp(p, "!") == 0)
			sub->hidden = true;
		else if (*p == '~') {
			free(sub->title);
			sub->title = p[1] != '\0' ? xstrdup(p + 1) : NULL;
		} else if (!q && urls_is_option(p)) {
			if (urls_option(sub, p) != 0) {
				urls_problem_set(pr, REASON_BAD_OPTION, p);
				goto out;
			}
		} else if (*p != '\0' && !strv_contains(&sub->tags, p))
			strv_add(&sub->tags, p);
	}
	rc = 1;
out:
	if (rc != 1)
		urls_sub_clear(sub);
	str_free(&w);
	free(copy);
	return (rc);
}

static void
urls_warn(struct urls_problems *warnings, int line, int kind,
    const char *detail)
{
	struct urls_problem	*pr;

	warnings->v = xreallocarray(warnings->v, warnings->n + 1,
	    sizeof *warnings->v);
	pr = &warnings->v[warnings->n++];
	pr->line = line;
	pr->kind = kind;
	pr->detail = detail != NULL ? xstrdup(detail) : NULL;
}

/*
 * The URLs seen so far while reading, for duplicates: an open-addressing
 * table of indices into the list (a urls file of 1 000 feeds would make
 * half a million comparisons with a linear look-up).
 */
struct urls_seen_slot {
	size_t	 index;		/* index + 1 into the list, 0: empty */
	size_t	 hash;
};

struct urls_seen {
	struct urls_seen_slot *slot;
	size_t		 size;	/* a power of two */
};

static size_t
urls_hash(const char *s)
{
	size_t	h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return (h);
}

/* Whether url is in the list already; if not, note it (its index i). */
static int
urls_seen_add(struct urls_seen *seen, const struct urls_list *list,
    const char *url, size_t i)
{
	struct urls_seen_slot	*old, *sl;
	size_t			 h, j, k, mask, oldsize;

	if (2 * (i + 1) > seen->size) {
		old = seen->slot;
		oldsize = seen->size;
		seen->size = seen->size > 0 ? seen->size * 2 : 64;
		seen->slot = xcalloc(seen->size, sizeof *seen->slot);
		mask = seen->size - 1;
		for (k = 0; k < oldsize; k++) {
			if (old[k].index == 0)
				continue;
			for (j = old[k].hash & mask; seen->slot[j].index != 0;
			    j = (j + 1) & mask)
				/* nothing */;
			seen->slot[j] = old[k];
		}
		free(old);
	}
	h = urls_hash(url);
	mask = seen->size - 1;
	for (j = h & mask; (sl = &seen->slot[j])->index != 0;
	    j = (j + 1) & mask) {
		if (sl->hash == h &&
		    strcmp(list->v[sl->index - 1].url, url) == 0)
			return (1);
	}
	sl->index = i + 1;
	sl->hash = h;
	return (0);
}

/* The subscription with this URL, or NULL. */
const struct urls_sub *
urls_find(const struct urls_list *list, const char *url)
{
	size_t	i;

	for (i = 0; i < list->n; i++) {
		if (strcmp(list->v[i].url, url) == 0)
			return (&list->v[i]);
	}
	return (NULL);
}

/*
 * Read the urls file at path into list (empty it first); skipped lines
 * become warnings with their line and kind. Returns -1 with *error (line
 * 0, its kind and detail; clear it with urls_problem_clear) when the file
 * cannot be read.
 */
int
urls_load(const char *path, struct urls_list *list,
    struct urls_problems *warnings, struct urls_problem *error)
{
	struct urls_problem	 pr;
	struct urls_sub		 sub;
	struct urls_seen	 seen = { NULL, 0 };
	FILE			*f;
	char			*line = NULL;
	size_t			 cap = 0, size = 0;
	ssize_t			 n;
	int			 lineno = 0;

	memset(error, 0, sizeof *error);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			urls_problem_set(error, REASON_NO_URLS_FILE, NULL);
		else
			urls_problem_set(error, REASON_FILE, strerror(errno));
		return (-1);
	}
	memset(&pr, 0, sizeof pr);
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		/* Editors on Windows start the file with a byte order mark. */
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, (size_t)n - 2);
			n -= 3;
		}
		if (strlen(line) != (size_t)n) {
			urls_warn(warnings, lineno, REASON_NUL_BYTE, NULL);
			continue;
		}
		switch (urls_parse_line(line, &sub, &pr)) {
		case -1:
			urls_warn(warnings, lineno, pr.kind, pr.detail);
			urls_problem_clear(&pr);
			continue;
		case 0:
			continue;
		}
		if (list->n == size) {
			size = size > 0 ? size * 2 : 16;
			list->v = xreallocarray(list->v, size, sizeof *list->v);
		}
		list->v[list->n] = sub;	/* for the look-up; kept if new */
		if (urls_seen_add(&seen, list, sub.url, list->n)) {
			urls_warn(warnings, lineno, REASON_DUPLICATE, sub.url);
			urls_sub_clear(&sub);
			continue;
		}
		list->v[list->n].line = lineno;
		list->n++;
	}
	free(seen.slot);
	free(line);
	if (ferror(f)) {
		urls_problem_set(error, REASON_FILE, strerror(errno));
		fclose(f);
		return (-1);
	}
	fclose(f);
	if (list->n == 0)
		urls_warn(warnings, 0, REASON_NO_FEEDS, NULL);
	return (0);
}

/* Free the subscriptions of a list and empty it. */
void
urls_list_free(struct urls_list *list)
{
	size_t	i;

	for (i = 0; i < list->n; i++)
		urls_sub_clear(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

/* Free the problems of a list and empty it. */
void
urls_problems_free(struct urls_problems *probs)
{
	size_t	i;

	for (i = 0; i < probs->n; i++)
		free(probs->v[i].detail);
	free(probs->v);
	probs->v = NULL;
	probs->n = 0;
}

/*
 * Split a command line into words without a shell: blanks separate words,
 * 'single quotes' keep everything, "double quotes" keep everything but
 * backslash escapes, and a backslash outside quotes keeps the next byte.
 * The vector ends with NULL; *cause (untranslated) says what is wrong.
 */
int
urls_split_command(const char *s, char ***argvp, char **cause)
{
	struct strv	 v = { NULL, 0 };
	struct str	 w;
	int		 inword = 0;
	char		 q;

	str_init(&w);
	for (;;) {
		if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '\n') {
			if (inword) {
				strv_add(&v, str_cstr(&w));
				str_clear(&w);
				inword = 0;
			}
			if (*s == '\0')
				break;
			s++;
			continue;
		}
		inword = 1;
		if (*s == '\'' || *s == '"') {
			q = *s++;
			while (*s != q) {
				if (*s == '\0') {
					xasprintf(cause, "unterminated %c quote",
					    q);
					goto fail;
				}
				if (q == '"' && *s == '\\' && s[1] != '\0')
					s++;
				str_appendc(&w, *s++);
			}
			s++;
			continue;
		}
		if (*s == '\\' && s[1] != '\0')
			s++;
		str_appendc(&w, *s++);
	}
	str_free(&w);
	if (v.n == 0) {
		xasprintf(cause, "empty command");
		strv_free(&v);
		return (-1);
	}
	v.v = xreallocarray(v.v, v.n + 1, sizeof *v.v);
	v.v[v.n] = NULL;
	*argvp = v.v;
	return (0);

fail:
	str_free(&w);
	strv_free(&v);
	return (-1);
}

/* Free an argument vector from urls_split_command. */
void
urls_free_argv(char **argv)
{
	char	**p;

	if (argv == NULL)
		return;
	for (p = argv; *p != NULL; p++)
		free(*p);
	free(argv);
}
