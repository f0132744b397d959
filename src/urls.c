/*
 * Reading the urls file, newsboat's format with akhbar's options:
 *
 *	https://example.org/feed.xml "news" "world news" "~My title" "!"
 *	"exec:curl -s https://example.org/x" tech reload=30 dir=rtl
 *	exec:cat /var/feeds/local.xml
 *	"query:Sport today:tags # \"sport\" and age < 1" keep=200
 *	query:Unread:unread = "yes"
 *
 * The first word is the feed; a quoted one ("...", with \" and \\ inside)
 * may hold blanks, as an exec: command or a query: does; an unquoted
 * exec: or query: takes the rest of the line. The words after it are
 * tags, quoted or not, except "~Title", "!" (hidden) and unquoted
 * key=value options. Bad lines do not stop the reader: each is skipped
 * with a warning naming its line, and the good lines are kept in order
 * with duplicates dropped.
 */
#include "config.h"

#include "urls.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "filter.h"
#include "reason.h"
#include "str.h"
#include "xmalloc.h"

/* The longest reload= accepted, in minutes (a year). */
#define URLS_RELOAD_MAX	(366L * 24 * 60)
/* The most articles keep= keeps. */
#define URLS_KEEP_MAX	1000000L

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
	pr->code = 0;
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
	filter_free(sub->query);
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

/* A whole number from 1 to max, or -1. */
static long
urls_number(const char *v, long max)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 ||
	    n < 1 || n > max)
		return (-1);
	return (n);
}

/* Take one option word into sub; -1 when its value is no good. */
static int
urls_option(struct urls_sub *sub, const char *word)
{
	const char	*v;
	long		 n;

	v = strchr(word, '=') + 1;
	if (strncmp(word, "reload=", 7) == 0) {
		if ((n = urls_number(v, URLS_RELOAD_MAX)) == -1)
			return (-1);
		sub->reload = n * 60;
	} else if (strncmp(word, "keep=", 5) == 0) {
		if ((n = urls_number(v, URLS_KEEP_MAX)) == -1)
			return (-1);
		sub->keep = (int)n;
	} else if (strncmp(word, "dir=", 4) == 0) {
		if (strcasecmp(v, "rtl") == 0)
			sub->dir = FEED_DIR_RTL;
		else if (strcasecmp(v, "ltr") == 0)
			sub->dir = FEED_DIR_LTR;
		else if (strcasecmp(v, "auto") == 0)
			sub->dir = FEED_DIR_AUTO;
		else
			return (-1);
		sub->dir_set = true;
	} else if (strncmp(word, "full-article=", 13) == 0) {
		if (strcasecmp(v, "yes") == 0)
			sub->full_article = 1;
		else if (strcasecmp(v, "no") == 0)
			sub->full_article = 0;
		else
			return (-1);
	} else
		strv_add(&sub->options, word);
	return (0);
}

/* The urls file's kind for a filter's problem. */
static int
urls_query_kind(enum filter_error e)
{
	switch (e) {
	case FILTER_ERR_ATTRIBUTE:
		return (REASON_QUERY_ATTRIBUTE);
	case FILTER_ERR_OPERATOR:
		return (REASON_QUERY_OPERATOR);
	case FILTER_ERR_VALUE:
		return (REASON_QUERY_VALUE);
	case FILTER_ERR_REGEX:
		return (REASON_QUERY_REGEX);
	case FILTER_ERR_DEPTH:
		return (REASON_QUERY_DEPTH);
	case FILTER_ERR_EMPTY:
		return (REASON_QUERY);
	case FILTER_ERR_SYNTAX:
	default:
		return (REASON_QUERY_SYNTAX);
	}
}

/*
 * Read a query: feed's "query:NAME:EXPRESSION" into sub: its name is the
 * title, its expression the filter. -1 with *pr (the column counts from
 * the expression's start).
 */
static int
urls_query(struct urls_sub *sub, const char *word, struct urls_problem *pr)
{
	struct filter_problem	 fpr;
	const char		*name = word + 6, *colon;

	if ((colon = strchr(name, ':')) == NULL || colon == name ||
	    colon[1] == '\0') {
		urls_problem_set(pr, REASON_QUERY, NULL);
		return (-1);
	}
	if ((sub->query = filter_parse(colon + 1, &fpr)) == NULL) {
		urls_problem_set(pr, urls_query_kind(fpr.kind), fpr.near);
		pr->code = fpr.col;
		free(fpr.near);
		return (-1);
	}
	sub->title = xstrndup(name, (size_t)(colon - name));
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
	sub->full_article = -1;
	copy = xstrdup(line);
	s = str_trim(copy);
	if (*s == '\0' || *s == '#') {
		free(copy);
		return (0);
	}
	str_init(&w);

	/* The feed: a quoted word, an exec: or query: line, or a bare word. */
	if (strncmp(s, "exec:", 5) == 0 || strncasecmp(s, "query:", 6) == 0) {
		str_appends(&w, s);
		s += strlen(s);
	} else if ((q = urls_word(&s, &w)) == -1) {
		urls_problem_set(pr, REASON_NO_QUOTE, copy);
		goto out;
	}
	p = str_cstr(&w);
	if (strncasecmp(p, "query:", 6) == 0) {
		if (urls_query(sub, p, pr) != 0)
			goto out;
	} else if (strncmp(p, "exec:", 5) == 0) {
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
			if (p[1] != '\0') {
				free(sub->title);
				sub->title = xstrdup(p + 1);
			} else if (sub->query == NULL) {
				free(sub->title);
				sub->title = NULL;
			}
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
urls_warn(struct urls_problems *warnings, int line, int kind, long code,
    const char *detail)
{
	struct urls_problem	*pr;

	warnings->v = xreallocarray(warnings->v, warnings->n + 1,
	    sizeof *warnings->v);
	pr = &warnings->v[warnings->n++];
	pr->line = line;
	pr->kind = kind;
	pr->code = code;
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
			urls_warn(warnings, lineno, REASON_NUL_BYTE, 0, NULL);
			continue;
		}
		switch (urls_parse_line(line, &sub, &pr)) {
		case -1:
			urls_warn(warnings, lineno, pr.kind, pr.code, pr.detail);
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
			urls_warn(warnings, lineno, REASON_DUPLICATE, 0, sub.url);
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
		urls_warn(warnings, 0, REASON_NO_FEEDS, 0, NULL);
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

/* Append a word in double quotes, with \" and \\ escaped. */
static void
urls_quote(struct str *out, const char *prefix, const char *s)
{
	str_appendc(out, '"');
	str_appends(out, prefix);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			str_appendc(out, '\\');
		str_appendc(out, *s);
	}
	str_appendc(out, '"');
}

/*
 * Append a subscription as its line (with a newline): the URL (quoted
 * when it has blanks or quotes, and an exec: or query: always), then "tags", "~Title", "!" and options,
 * as urls_parse_line reads them back.
 */
void
urls_format(const struct urls_sub *sub, struct str *out)
{
	const char	*name_end;
	size_t		 i;

	/* An unquoted exec: or query: would take the words after it too. */
	if (strpbrk(sub->url, " \t\"\\") != NULL ||
	    strncmp(sub->url, "exec:", 5) == 0 ||
	    strncasecmp(sub->url, "query:", 6) == 0)
		urls_quote(out, "", sub->url);
	else
		str_appends(out, sub->url);
	for (i = 0; i < sub->tags.n; i++) {
		str_appendc(out, ' ');
		urls_quote(out, "", sub->tags.v[i]);
	}
	if (sub->title != NULL) {
		/* A query's name is its title already. */
		name_end = sub->query != NULL ? strchr(sub->url + 6, ':') : NULL;
		if (name_end == NULL || strlen(sub->title) !=
		    (size_t)(name_end - sub->url - 6) || strncmp(sub->title,
		    sub->url + 6, strlen(sub->title)) != 0) {
			str_appendc(out, ' ');
			urls_quote(out, "~", sub->title);
		}
	}
	if (sub->hidden)
		str_appends(out, " \"!\"");
	if (sub->reload > 0)
		str_printf(out, " reload=%ld", sub->reload / 60);
	if (sub->dir_set)
		str_printf(out, " dir=%s", sub->dir == FEED_DIR_RTL ? "rtl" :
		    sub->dir == FEED_DIR_LTR ? "ltr" : "auto");
	if (sub->keep > 0)
		str_printf(out, " keep=%d", sub->keep);
	if (sub->full_article >= 0)
		str_printf(out, " full-article=%s", sub->full_article ? "yes" :
		    "no");
	for (i = 0; i < sub->options.n; i++)
		str_printf(out, " %s", sub->options.v[i]);
	str_appendc(out, '\n');
}

/* Read a whole file into out; 0 when it does not exist (out empty). */
static int
urls_slurp(const char *path, struct str *out, char **cause)
{
	FILE	*f;
	char	 buf[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return (0);
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(out, buf, n);
	if (ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		fclose(f);
		return (-1);
	}
	fclose(f);
	return (0);
}

/*
 * Write text to path atomically: a new file beside it (beside the file a
 * symbolic link points to), synced, with the old one's permissions, then
 * renamed over it. Nothing of the old file changes on failure.
 */
static int
urls_write(const char *path, const struct str *text, char **cause)
{
	struct stat	 sb;
	char		*real, *tmp, *p;
	mode_t		 mode = 0644;
	ssize_t		 n;
	size_t		 done;
	int		 fd;

	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	if (stat(real, &sb) == 0)
		mode = sb.st_mode & 07777;
	else {
		/* A new file: its directories too. */
		for (p = real + 1; *p != '\0'; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(real, 0700) != 0 && errno != EEXIST) {
				xasprintf(cause, "%s: %s", real,
				    strerror(errno));
				free(real);
				return (-1);
			}
			*p = '/';
		}
	}
	xasprintf(&tmp, "%s.XXXXXX", real);
	if ((fd = mkstemp(tmp)) == -1) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	for (done = 0; done < text->len; done += (size_t)n) {
		n = write(fd, text->ptr + done, text->len - done);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0)
			break;
	}
	if (done < text->len || fchmod(fd, mode) != 0 || fsync(fd) != 0) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, real) != 0) {
		xasprintf(cause, "%s: %s", real, strerror(errno));
		unlink(tmp);
		goto fail;
	}
	free(tmp);
	free(real);
	return (0);

fail:
	free(tmp);
	free(real);
	return (-1);
}

/*
 * Add the n subscriptions to the urls file at path, after a "# comment"
 * line (comment may be NULL), skipping those it or the list itself has
 * already. The file is written again whole and atomically, each line it
 * had kept as it was; nothing is written when nothing is new. *added and
 * *skipped count the subscriptions. -1 with *cause when it cannot be read
 * or written (the file is as it was).
 */
int
urls_add(const char *path, const struct urls_sub *subs, size_t n,
    const char *comment, size_t *added, size_t *skipped, char **cause)
{
	struct urls_list	 have = { NULL, 0 };
	struct urls_problems	 warnings = { NULL, 0 };
	struct urls_problem	 error;
	struct strv		 seen = { NULL, 0 };
	struct str		 text;
	size_t			 i;
	int			 rc = -1;

	*added = *skipped = 0;
	str_init(&text);
	if (urls_slurp(path, &text, cause) != 0)
		goto out;
	if (urls_load(path, &have, &warnings, &error) != 0 &&
	    error.kind != REASON_NO_URLS_FILE) {
		xasprintf(cause, "%s: %s", path, error.detail != NULL ?
		    error.detail : "cannot read");
		urls_problem_clear(&error);
		goto out;
	}
	urls_problem_clear(&error);
	for (i = 0; i < have.n; i++)
		strv_add(&seen, have.v[i].url);
	if (text.len > 0 && text.ptr[text.len - 1] != '\n')
		str_appendc(&text, '\n');
	for (i = 0; i < n; i++) {
		if (subs[i].url == NULL)
			continue;
		if (strv_contains(&seen, subs[i].url)) {
			(*skipped)++;
			continue;
		}
		if (*added == 0 && comment != NULL)
			str_printf(&text, "# %s\n", comment);
		urls_format(&subs[i], &text);
		strv_add(&seen, subs[i].url);
		(*added)++;
	}
	rc = *added > 0 ? urls_write(path, &text, cause) : 0;
out:
	str_free(&text);
	strv_free(&seen);
	urls_list_free(&have);
	urls_problems_free(&warnings);
	return (rc);
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
