/*
 * akhbar --render ITEM-ID|FILE [--width N]: the article as the article
 * view lays it out, printed as text. An item of the cache (its title as a
 * heading, its body, its enclosures and its links), or a file of HTML (or
 * of text: paragraphs on blank lines; "-" is standard input). Lines are
 * wrapped where the view wraps them at that width, and printed in logical
 * order, each with its indent, quote bars and list marker before it, the
 * way every command-line tool prints: a terminal with bidi support shows
 * the right-to-left ones right.
 */
#include "config.h"

#include "cli-render.h"

#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "doc.h"
#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "layout.h"
#include "report.h"
#include "sanitize.h"
#include "str.h"
#include "url.h"
#include "utf8.h"
#include "xmalloc.h"

#define CLI_RENDER_MAX_FILE	(64 * 1024 * 1024)	/* bytes read */
#define CLI_RENDER_MAX_WIDTH	1000
#define CLI_RENDER_WIDTH	80

/* Print the lines of --help for --render. */
void
cli_render_usage(FILE *f)
{
	fputs(_("      --render ID|FILE  print an article of the cache (by its id) or\n"
		"                        an HTML file (- for standard input) as the\n"
		"                        article view lays it out: lines in logical\n"
		"                        order, links listed at the end\n"), f);
	fputs(_("      --width N         with --render: lay out N columns (default:\n"
		"                        the terminal's width, else 80)\n"), f);
}

/* The width --width gives, or -1. */
int
cli_render_width(const char *s)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 1 ||
	    n > CLI_RENDER_MAX_WIDTH)
		return (-1);
	return ((int)n);
}

/* The columns to lay out when no width is given: the terminal's, $COLUMNS, else 80. */
int
cli_render_columns(void)
{
	struct winsize	 ws;
	const char	*c;
	int		 n;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		return (ws.ws_col < CLI_RENDER_MAX_WIDTH ? ws.ws_col :
		    CLI_RENDER_MAX_WIDTH);
	if ((c = getenv("COLUMNS")) != NULL &&
	    (n = cli_render_width(c)) > 0)
		return (n);
	return (CLI_RENDER_WIDTH);
}

/* Read a whole file (or standard input); NULL with errno set. */
static char *
cli_render_read(const char *path, size_t *n)
{
	struct stat	 sb;
	struct str	 s;
	FILE		*f;
	char		 buf[65536];
	size_t		 k;
	int		 err;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (f != stdin)
			fclose(f);
		errno = EISDIR;
		return (NULL);
	}
	str_init(&s);
	while (s.len < CLI_RENDER_MAX_FILE &&
	    (k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	err = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (err != 0) {
		str_free(&s);
		errno = err;
		return (NULL);
	}
	*n = s.len;
	return (str_steal(&s));
}

/* Whether an argument names an item: only digits. */
static bool
cli_render_is_id(const char *s)
{
	if (*s == '\0')
		return (false);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return (false);
	}
	return (true);
}

/* Render an item of the cache into d; the exit code. */
static int
cli_render_item(const char *cache, const char *arg, struct doc *d,
    struct html_render_opts *o)
{
	struct doc_block	*b;
	struct item		*it = NULL;
	struct db		*db;
	char			*cause = NULL;
	long long		 id;

	id = strtoll(arg, NULL, 10);
	if (access(cache, F_OK) != 0 && errno == ENOENT) {
		report(REPORT_ERROR, _("no cache yet at %s"), cache);
		return (CLI_EXIT_FAIL);
	}
	if ((db = db_open(cache, DB_READONLY, &cause)) == NULL ||
	    db_item_get(db, id, &it, &cause) != 0) {
		report(REPORT_ERROR, _("cannot read the cache: %s"),
		    cause != NULL ? cause : "");
		free(cause);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	db_close(db);
	if (it == NULL) {
		report(REPORT_ERROR, _("no item %s in the cache"), arg);
		return (CLI_EXIT_FAIL);
	}
	o->dir = layout_dir_for_feed(it->dir, FEED_DIR_AUTO);
	if (it->link != NULL && url_is_absolute(it->link, strlen(it->link)))
		o->resolve_arg = it->link;
	if (it->title != NULL) {
		b = doc_add(d, DOC_HEADING, it->title, strlen(it->title),
		    o->dir);
		b->level = 1;
		doc_add_run(b, 0, b->len, DOC_BOLD);
	}
	html_item_render(d, it, o);
	item_free(it);
	return (CLI_EXIT_OK);
}

/* akhbar --render: print an article laid out at width columns. */
int
cli_render(const char *cache, const char *arg, int width)
{
	struct html_render_opts	 o;
	struct layout_config	 cfg;
	struct item		*it;
	struct doc		*d;
	const char		*words[HTML_WORDS];
	char			*text, *out;
	size_t			 n, i;
	int			 rc = CLI_EXIT_OK;

	if (width <= 0)
		width = cli_render_columns();
	for (i = 0; i < HTML_WORDS; i++)
		words[i] = _(html_words[i]);
	layout_config_default(&cfg);
	html_render_opts_default(&o);
	o.width = width;
	o.layout = &cfg;
	o.words = words;
	o.link_list = true;
	o.resolve = url_resolve_ref;
	d = doc_new();
	if (cli_render_is_id(arg))
		rc = cli_render_item(cache, arg, d, &o);
	else if ((text = cli_render_read(arg, &n)) == NULL) {
		report(REPORT_ERROR, _("cannot read %s: %s"), arg,
		    strerror(errno));
		rc = CLI_EXIT_FAIL;
	} else {
		/* A file is a body: HTML, or text when it has no markup. */
		it = item_new();
		it->content = sanitize_text(text, n);
		free(text);
		it->content_type = FEED_TEXT_HTML;
		html_item_render(d, it, &o);
		item_free(it);
	}
	if (rc == CLI_EXIT_OK) {
		text = doc_text(d, width, &cfg, false);
		/*
		 * What reaches the terminal has no control character, and
		 * each line keeps its bidi embeddings and isolates to itself.
		 */
		out = sanitize_text(text, strlen(text));
		free(text);
		text = utf8_bidi_closed(out);
		fputs(text, stdout);
		free(out);
		free(text);
	}
	doc_free(d);
	return (rc);
}
