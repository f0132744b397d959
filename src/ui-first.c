/*
 * The first run: no urls file yet. The screen says where the file goes
 * and how to write it, and offers to import the bundled starter list of
 * Arabic news feeds (contrib/feeds/arabic-news.opml, installed with
 * akhbar): i writes the urls file from it (src/opml.c reads it) and the
 * interface starts reloading them. When newsboat's files are there
 * (~/.newsboat or its XDG places, conf_newsboat_offer), it offers them
 * first: n imports newsboat's urls file, and its cache's articles with
 * their read and starred states (session_import_newsboat).
 */
#include "config.h"

#include "ui-priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "i18n.h"
#include "opml.h"
#include "session-import.h"
#include "path.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

/* The first-run view. */
struct ui_first {
	struct ui_view	 v;
	char		*opml;		/* the starter list, or NULL */
	size_t		 nfeeds;	/* feeds in it */
	char		*newsboat;	/* newsboat's directory, or NULL */
	char		*nb_urls;	/* ... its urls file */
};

static struct ui_first *
ui_first_of(struct ui_view *v)
{
	return ((struct ui_first *)v);
}

/* Paint a paragraph wrapped at the screen's width; returns the next row. */
static int
ui_first_para(struct ui *ui, int y, const char *text, attr_t attr)
{
	struct layout_para		*p;
	const struct layout_line	*lines;
	int				 n, i, width = ui->cols - 4;

	if (width < 8)
		width = 8;
	p = layout_para_new(text, strlen(text), NULL, 0, ui->rtl ?
	    LAYOUT_DIR_RTL : LAYOUT_DIR_AUTO, &ui->lcfg);
	layout_para_wrap(p, width);
	lines = layout_para_lines(p, &n);
	for (i = 0; i < n && y < ui->body_rows; i++, y++)
		ui_paint_line(ui, ui->body, y, 2, width, &lines[i], attr,
		    false);
	layout_para_free(p);
	return (y + 1);
}

static void
ui_first_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_first	*f = ui_first_of(v);
	attr_t		 na = ui_attr(ui, UI_COLOR_NORMAL);
	char		*s;
	int		 y = 1;

	if (!(flags & (UI_REDRAW_BODY | UI_REDRAW_SEL)))
		return;
	werase(ui->body);
	y = ui_first_para(ui, y, _("Welcome to akhbar!"),
	    ui_attr(ui, UI_COLOR_HEADING));
	xasprintf(&s, _("There are no feeds yet: the urls file %s does not "
	    "exist. Write the addresses of feeds in it, one per line, for "
	    "example https://example.org/feed.xml, then start akhbar "
	    "again."), ui->opts.urls_path);
	y = ui_first_para(ui, y, s, na);
	free(s);
	if (f->newsboat != NULL) {
		xasprintf(&s, _("newsboat's feeds are in %s: press n to "
		    "import them, with the read and starred states of "
		    "newsboat's cache."), f->nb_urls);
		y = ui_first_para(ui, y, s, na | A_BOLD);
		free(s);
	}
	if (f->opml != NULL) {
		xasprintf(&s, P_("Or press i to import the bundled list of "
		    "%zu Arabic news feed into that file and start reading "
		    "now.", "Or press i to import the bundled list of %zu "
		    "Arabic news feeds into that file and start reading now.",
		    (unsigned long)f->nfeeds), f->nfeeds);
		y = ui_first_para(ui, y, s, na | A_BOLD);
		free(s);
	}
	y = ui_first_para(ui, y, _("To try akhbar on offline demo feeds "
	    "first, quit with q and run: akhbar --demo"), na);
	ui_first_para(ui, y, _("Press ? for the keys, q to quit."),
	    ui_attr(ui, UI_COLOR_META));
	wnoutrefresh(ui->body);
}

/* Write the urls file from the starter list; returns redraw flags. */
static int
ui_first_import(struct ui *ui, struct ui_first *f)
{
	struct strv	 warnings = { NULL, 0 };
	struct opml	*o;
	FILE		*fp;
	struct urls_sub	 sub;
	struct urls_problem problem;
	char		*cause = NULL, *c;
	const char	*path = ui->opts.urls_path;
	size_t		 i, n = 0;

	if (f->opml == NULL)
		return (0);
	if ((o = opml_read_file(f->opml, &warnings, &cause)) == NULL) {
		strv_free(&warnings);
		ui_error_cause(ui, f->opml, cause);
		return (UI_REDRAW_MSG);
	}
	strv_free(&warnings);
	if (path_mkdir_parents(path, &cause) != 0 ||
	    (fp = fopen(path, "wx")) == NULL) {
		if (cause == NULL)
			xasprintf(&cause, "%s: %s", path, strerror(errno));
		opml_free(o);
		ui_error_cause(ui, _("cannot write the urls file"), cause);
		return (UI_REDRAW_MSG);
	}
	fprintf(fp, "# akhbar's feeds, one per line: URL \"tag\" "
	    "\"~Title\"\n# Imported from %s\n", f->opml);
	for (i = 0; i < o->nentries; i++) {
		/*
		 * Only web (and file) feeds, as one word the urls file's
		 * reader takes: never an exec: command from a list.
		 */
		if (strpbrk(o->entries[i].url, " \t\"") != NULL ||
		    (!str_has_prefix_ci(o->entries[i].url, "http://") &&
		    !str_has_prefix_ci(o->entries[i].url, "https://") &&
		    !str_has_prefix_ci(o->entries[i].url, "file://")))
			continue;
		switch (urls_parse_line(o->entries[i].url, &sub, &problem)) {
		case 1:
			urls_sub_clear(&sub);
			break;
		case -1:
			urls_problem_clear(&problem);
			continue;
		default:
			continue;
		}
		fputs(o->entries[i].url, fp);
		if (o->entries[i].category != NULL) {
			fputs(" \"", fp);
			for (c = o->entries[i].category; *c != '\0'; c++) {
				if (*c != '"' && *c != '\\' &&
				    (unsigned char)*c >= ' ')
					fputc(*c, fp);
			}
			fputc('"', fp);
		}
		if (o->entries[i].title != NULL) {
			fputs(" \"~", fp);
			for (c = o->entries[i].title; *c != '\0'; c++) {
				if (*c != '"' && *c != '\\' &&
				    (unsigned char)*c >= ' ')
					fputc(*c, fp);
			}
			fputc('"', fp);
		}
		fputc('\n', fp);
		n++;
	}
	opml_free(o);
	if (fclose(fp) != 0) {
		ui_message(ui, UI_MSG_ERROR, "%s: %s", path, strerror(errno));
		return (UI_REDRAW_MSG);
	}
	ui_restart(ui);
	ui_message(ui, UI_MSG_INFO, P_("Imported %zu feed into %s; reloading",
	    "Imported %zu feeds into %s; reloading", (unsigned long)n), n,
	    path);
	return (UI_REDRAW_ALL);
}

/* Import newsboat's files into akhbar's, then start; returns redraw flags. */
static int
ui_first_newsboat(struct ui *ui, struct ui_first *f)
{
	struct session_import	 im;
	char			*cause = NULL, *dir;

	if (f->newsboat == NULL)
		return (0);
	if (session_import_newsboat(f->newsboat, ui->opts.urls_path,
	    ui->opts.cache_path, &im, &cause) != 0) {
		session_import_clear(&im);
		ui_error_cause(ui, _("cannot import newsboat's files"), cause);
		return (UI_REDRAW_MSG);
	}
	dir = xstrdup(f->newsboat);
	/* The session's first screen takes this view's place. */
	ui_restart(ui);
	ui_message(ui, UI_MSG_INFO, P_("Imported %zu feed from newsboat (%s), "
	    "%zu articles read, %zu starred; reloading", "Imported %zu feeds "
	    "from newsboat (%s), %zu articles read, %zu starred; reloading",
	    (unsigned long)im.added), im.added, dir, im.read, im.starred);
	free(dir);
	session_import_clear(&im);
	return (UI_REDRAW_ALL);
}

static int
ui_first_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	(void)arg;
	switch (a) {
	case UI_ACT_IMPORT_NEWSBOAT:
		return (ui_first_newsboat(ui, ui_first_of(v)));
	case UI_ACT_IMPORT:
	case UI_ACT_OPEN:
		return (ui_first_import(ui, ui_first_of(v)));
	case UI_ACT_BACK:
		return (ui_quit(ui));
	default:
		return (UI_UNHANDLED);
	}
}

static void
ui_first_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	(void)ui;
	(void)v;
	(void)pos;
	str_appends(name, _("First run"));
}

static void
ui_first_free(struct ui_view *v)
{
	struct ui_first	*f = ui_first_of(v);

	free(f->opml);
	free(f->newsboat);
	free(f->nb_urls);
	free(f);
}

static const struct ui_view_ops ui_first_ops = {
	UI_VIEW_FIRST,
	ui_first_draw,
	ui_first_act,
	NULL,
	NULL,
	ui_first_status,
	NULL,
	NULL,
	ui_first_free
};

/* Make the first-run screen, finding the starter list if it is installed. */
struct ui_view *
ui_first_new(struct ui *ui)
{
	struct ui_first	*f;
	struct strv	 warnings = { NULL, 0 };
	struct opml	*o;
	struct conf_newsboat nb;
	char		*dir, *cause = NULL;

	f = xcalloc(1, sizeof *f);
	f->v.ops = &ui_first_ops;
	if (conf_newsboat_offer(ui->opts.urls_path, &nb)) {
		f->newsboat = xstrdup(nb.dir);
		f->nb_urls = xstrdup(nb.urls);
	}
	conf_newsboat_free(&nb);
	if ((dir = ui_demo_datadir("feeds")) != NULL) {
		xasprintf(&f->opml, "%s/arabic-news.opml", dir);
		free(dir);
		if ((o = opml_read_file(f->opml, &warnings, &cause)) == NULL) {
			free(cause);
			free(f->opml);
			f->opml = NULL;
		} else {
			f->nfeeds = o->nentries;
			opml_free(o);
		}
		strv_free(&warnings);
	}
	return (&f->v);
}
