/*
 * Reading the urls file. Bad lines do not stop the reader: each becomes a
 * warning naming its line, and the good lines are kept in order with
 * duplicates dropped.
 */
#include "config.h"

#include "urls.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch.h"
#include "i18n.h"
#include "str.h"
#include "xmalloc.h"

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

/*
 * Read one line of the urls file: 0 with *feed NULL for a blank or comment
 * line, 0 with *feed set (caller frees) for a feed, -1 with a reason.
 */
int
urls_parse_line(const char *line, char **feed, char **cause)
{
	char	*copy, *s, *end, *why, **argv;

	*feed = NULL;
	copy = xstrdup(line);
	s = str_trim(copy);
	if (*s == '\0' || *s == '#') {
		free(copy);
		return (0);
	}
	/*
	 * newsboat writes commands as "exec:...", in double quotes (\" and
	 * \\ inside), maybe followed by a "~title" and tags, ignored here.
	 */
	if (strncmp(s, "\"exec:", 6) == 0) {
		for (end = ++s, why = s; *end != '\0' && *end != '"'; end++) {
			if (*end == '\\' && (end[1] == '"' || end[1] == '\\'))
				end++;
			*why++ = *end;
		}
		if (*end != '"') {
			xasprintf(cause, _("no closing quote: %s"), line);
			free(copy);
			return (-1);
		}
		*why = '\0';
	}
	if (strncmp(s, "exec:", 5) == 0) {
		if (*str_trim(s + 5) == '\0') {
			xasprintf(cause, _("exec: without a command"));
			free(copy);
			return (-1);
		}
		/*
		 * Split it now as fetch will at every reload, so that an
		 * unbalanced quote is reported with its line, and why.
		 */
		if (fetch_split_command(s + 5, &argv, &why) != 0) {
			xasprintf(cause, "%s: %s", s, why);
			free(why);
			free(copy);
			return (-1);
		}
		fetch_free_argv(argv);
		*feed = xstrdup(s);
		free(copy);
		return (0);
	}
	end = s + strcspn(s, " \t");
	*end = '\0';
	if (!urls_is_url(s)) {
		xasprintf(cause, _("not a feed URL: %s"), s);
		free(copy);
		return (-1);
	}
	*feed = xstrdup(s);
	free(copy);
	return (0);
}

/*
 * Read the urls file at path into urls; bad lines become "path:N: reason"
 * in warnings. Returns -1 with a reason when the file cannot be read.
 */
int
urls_load(const char *path, struct strv *urls, struct strv *warnings,
    char **cause)
{
	FILE	*f;
	char	*line = NULL, *feed, *why, *w;
	size_t	 cap = 0;
	ssize_t	 n;
	int	 lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			xasprintf(cause, _("%s: no such file; create it with "
			    "one feed URL per line (for example "
			    "https://example.org/feed.xml) or name another "
			    "with --urls"), path);
		else
			xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		/* Editors on Windows start the file with a byte order mark. */
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, (size_t)n - 2);
			n -= 3;
		}
		if (strlen(line) != (size_t)n) {
			xasprintf(&w, _("%s:%d: a NUL byte in the line"), path,
			    lineno);
			strv_add_owned(warnings, w);
			continue;
		}
		why = NULL;
		if (urls_parse_line(line, &feed, &why) != 0) {
			xasprintf(&w, "%s:%d: %s", path, lineno, why);
			strv_add_owned(warnings, w);
			free(why);
			continue;
		}
		if (feed == NULL)
			continue;
		if (strv_contains(urls, feed)) {
			xasprintf(&w, _("%s:%d: duplicate: %s"), path, lineno,
			    feed);
			strv_add_owned(warnings, w);
			free(feed);
			continue;
		}
		strv_add_owned(urls, feed);
	}
	free(line);
	if (ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		fclose(f);
		return (-1);
	}
	fclose(f);
	if (urls->n == 0) {
		xasprintf(&w, _("%s: no feeds to read; add one URL per line "
		    "(for example https://example.org/feed.xml)"), path);
		strv_add_owned(warnings, w);
	}
	return (0);
}
