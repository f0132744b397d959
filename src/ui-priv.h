/*
 * The interface family's insides, shared by ui*.c only.
 *
 * The screen is four windows: a title bar (row 0), the view's body, the
 * status line and the message line (the last two rows). Views sit on a
 * stack (feed list, article list, article view, link list, help); the top
 * one gets the keys. A key goes through the key table (ui-keys.c) to an
 * action, which the top view handles or passes to the global handler; each
 * returns redraw flags, and the loop (ui.c) redraws once what they name.
 * Lists are keyset-paged windows over the cache (ui-list.c): a few pages
 * of rows around what is on screen, never a whole feed.
 */
#ifndef AKHBAR_UI_PRIV_H
#define AKHBAR_UI_PRIV_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui-curses.h"

#include "db.h"
#include "doc.h"
#include "layout.h"
#include "poller.h"
#include "session.h"
#include "str.h"
#include "ui.h"
#include "urls.h"

/* What an action or an event asks to be redrawn. */
#define UI_REDRAW_SEL		0x01	/* the rows the selection left and entered */
#define UI_REDRAW_BODY		0x02	/* the whole body of the view */
#define UI_REDRAW_STATUS	0x04
#define UI_REDRAW_TITLE		0x08
#define UI_REDRAW_MSG		0x10
#define UI_REDRAW_ALL		0x1f
#define UI_REDRAW_CLEAR		0x20	/* repaint the terminal from scratch */
#define UI_REDRAW_RELAYOUT	0x40	/* sizes changed: lay out again */
#define UI_UNHANDLED		0x100	/* the view does not do this action */

/* The kinds of view; a key binding names the views it works in. */
enum ui_view_kind {
	UI_VIEW_FEEDS = 0,
	UI_VIEW_ITEMS,
	UI_VIEW_PAGER,
	UI_VIEW_LINKS,
	UI_VIEW_HELP,
	UI_VIEW_FIRST,		/* the first-run screen */
	UI_VIEW_COUNT
};
#define UI_IN(k)	(1u << (k))
#define UI_IN_ANY	((1u << UI_VIEW_COUNT) - 1)
#define UI_IN_LISTS	(UI_IN(UI_VIEW_FEEDS) | UI_IN(UI_VIEW_ITEMS) | \
			 UI_IN(UI_VIEW_LINKS))

/* What a key does. The names are what "bind KEY ACTION" takes. */
enum ui_action {
	UI_ACT_NONE = 0,
	UI_ACT_UP,
	UI_ACT_DOWN,
	UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN,
	UI_ACT_HALF_UP,
	UI_ACT_HALF_DOWN,
	UI_ACT_HOME,
	UI_ACT_END,
	UI_ACT_OPEN,
	UI_ACT_BACK,
	UI_ACT_QUIT,
	UI_ACT_RELOAD,
	UI_ACT_RELOAD_ALL,
	UI_ACT_NEXT_UNREAD,
	UI_ACT_PREV_UNREAD,
	UI_ACT_NEXT,
	UI_ACT_PREV,
	UI_ACT_NEXT_FEED_UNREAD,
	UI_ACT_PREV_FEED_UNREAD,
	UI_ACT_TOGGLE_READ,
	UI_ACT_MARK_FEED_READ,
	UI_ACT_MARK_ALL_READ,
	UI_ACT_STAR,
	UI_ACT_OPEN_BROWSER,
	UI_ACT_LINKS,
	UI_ACT_LINK,		/* arg: the link's number */
	UI_ACT_SEARCH,
	UI_ACT_DIRECTION,
	UI_ACT_HELP,
	UI_ACT_REDRAW,
	UI_ACT_DISMISS,
	UI_ACT_IMPORT,
	UI_ACT_SCROLL_LEFT,	/* verbatim lines; back when not scrolled */
	UI_ACT_SCROLL_RIGHT,
	UI_ACT_FULL_ARTICLE,	/* the full article or the feed's summary */
	UI_ACT_FETCH_ARTICLE,	/* fetch the full article again */
	UI_ACT_IMPORT_NEWSBOAT,	/* the first run: newsboat's files */
	UI_ACT_COUNT
};

/* A style of the article view's header labels (beside doc.h's). */
#define UI_STYLE_LABEL		0x80

/* Keys: a code point, or a curses function key moved above Unicode. */
#define UI_KEY_FN(k)		(0x110000 + (k))
#define UI_KEY_IS_FN(k)		((k) >= 0x110000)
#define UI_KEY_CTRL(c)		((c) & 0x1f)

/* One binding of the key table. */
struct ui_binding {
	int		 key;
	enum ui_action	 action;
	int		 arg;
	unsigned	 views;		/* UI_IN() of the views it works in */
};

/* The theme's elements (the configuration's "color ELEMENT FG BG ATTR"). */
enum ui_color {
	UI_COLOR_NORMAL = 0,
	UI_COLOR_TITLE,		/* the title bar */
	UI_COLOR_STATUS,	/* the status line */
	UI_COLOR_SELECTED,	/* the selected row */
	UI_COLOR_UNREAD,	/* an unread row */
	UI_COLOR_ERROR,		/* error markers and messages */
	UI_COLOR_INFO,		/* other messages */
	UI_COLOR_META,		/* dates, counts, the feed column */
	UI_COLOR_HEADER,	/* the article view's header labels */
	UI_COLOR_LINK,		/* links in the article */
	UI_COLOR_QUOTE,		/* quoted text, preformatted text */
	UI_COLOR_HEADING,
	UI_COLOR_BAR,		/* the reload progress bar */
	UI_COLOR_PLACEHOLDER,	/* "[image: ...]" in an article: dimmed */
	UI_COLOR_COUNT
};

struct ui;
struct ui_view;

/* What every view can be asked. */
struct ui_view_ops {
	enum ui_view_kind kind;
	/* Paint what flags name into ui->body (or the whole screen). */
	void	(*draw)(struct ui *, struct ui_view *, int flags);
	/* Do an action; UI_UNHANDLED passes it to the global handler. */
	int	(*act)(struct ui *, struct ui_view *, enum ui_action, int arg);
	/* A poller event: update what it concerns. */
	int	(*event)(struct ui *, struct ui_view *,
		    const struct poller_event *);
	/* The body's size changed. */
	void	(*resize)(struct ui *, struct ui_view *);
	/* The status line's view name and position ("12/340"). */
	void	(*status)(struct ui *, struct ui_view *, struct str *name,
		    struct str *pos);
	/* The cache changed under the view: read its rows again. */
	int	(*reread)(struct ui *, struct ui_view *);
	/* A mouse click on a body row (double: open it). */
	int	(*click)(struct ui *, struct ui_view *, int row, bool twice);
	void	(*free)(struct ui_view *);
};

/* The part every view starts with. */
struct ui_view {
	const struct ui_view_ops *ops;
	struct ui_view	*below;		/* the view under it on the stack */
};

/* What a paged list reads its rows with. */
struct ui_list;
struct ui_list_ops {
	size_t	 size;			/* bytes of one row */
	/* Read a page; rows come in list order; cursor is a row or NULL. */
	int	(*page)(struct ui *, struct ui_list *, enum db_page,
		    const void *cursor, int limit, void **rows, size_t *n,
		    char **cause);
	void	(*free)(void *rows, size_t n);
	int64_t	(*id)(const void *row);
	/* The rows of the whole list, -1 unknown (may be NULL). */
	int64_t	(*count)(struct ui *, struct ui_list *);
	/* The rank (0-based position) of a row, -1 unknown (may be NULL). */
	int64_t	(*rank)(struct ui *, struct ui_list *, const void *row);
};

/*
 * A keyset-paged window over a list: rows[0..n) are consecutive rows of
 * the list, starting at rank base; at_start and at_end say whether they
 * reach its ends. top is the first row on screen, sel the selected one.
 */
struct ui_list {
	const struct ui_list_ops *ops;
	void		*arg;		/* the view's */
	char		*rows;
	size_t		 n;
	bool		 at_start;
	bool		 at_end;
	int64_t		 base;		/* rank of rows[0], -1 unknown */
	int64_t		 total;		/* rows in the list, -1 unknown */
	size_t		 sel;
	size_t		 top;
	int		 height;	/* rows on screen */
	size_t		 old_sel;	/* the row painted selected last */
};

/* A message on the message line. */
enum ui_msg_level {
	UI_MSG_INFO = 0,	/* gone at the next key */
	UI_MSG_ERROR		/* stays until dismissed (ESC) */
};

/* The reload in progress, as the poller's events tell it. */
struct ui_reload {
	bool		 running;
	int		 done;
	int		 total;
	int		 failed;
	int		 new_items;
	int		 skipped;
};

/* A line being typed at the bottom (search). */
struct ui_prompt {
	bool		 active;
	char		*label;		/* shown before the text */
	uint32_t	*text;		/* code points */
	int		 len;
	int		 cap;
	int		 cursor;	/* in code points */
	void		(*done)(struct ui *, const char *);	/* NULL: cancelled */
};

/* What the article view knows of its item's full article (ui-full.c). */
struct ui_full {
	bool		 have;		/* the cache holds the article */
	bool		 show;		/* show it (else the feed's summary) */
	bool		 fetching;	/* asked of the poller, not ended yet */
	int64_t		 bytes;		/* of the page so far */
	int64_t		 fetched;	/* when it was last fetched, 0: never */
	char		*why;		/* the last fetch's failure, or NULL */
};

/* The interface. */
struct ui {
	struct ui_opts	 opts;
	struct fetch_opts fetch;	/* the configuration's, for the session */
	struct session	 session;	/* urls file, poller's cache, poller */
	bool		 in_session;	/* session_start worked */
	bool		 reload_now;	/* reload when the session starts */
	bool		 db_before;	/* ui->db opened before the session */
	bool		 term_before;	/* curses started before the session */
	struct strv	 urls;		/* the urls file's feeds, in order */
	const struct urls_sub **subs;	/* the session's, sorted by URL */
	size_t		 nsubs;
	struct db	*db;		/* the interface's own connection */
	struct poller	*poller;	/* the session's */
	struct layout_config lcfg;
	enum layout_mode mode;		/* resolved */
	bool		 tmux;
	bool		 rtl;		/* mirrored chrome (the catalogue says) */

	/* Terminal. */
	bool		 curses;	/* curses is active */
	WINDOW		*title;
	WINDOW		*body;
	WINDOW		*status;
	WINDOW		*msgwin;
	int		 rows;
	int		 cols;
	int		 body_rows;
	attr_t		 attrs[UI_COLOR_COUNT];

	struct ui_view	*view;		/* the top of the stack */
	char		*msg;
	enum ui_msg_level msg_level;
	struct ui_reload reload;
	int64_t		 unread;	/* of the subscribed feeds */
	struct ui_prompt prompt;
	bool		 quit;
	bool		 confirm_quit;	/* confirm-quit asked: y quits */
	char		*first_error;	/* why the interface ended */
	char		*tmpdir;	/* --demo's throwaway directory */
	char		*demo_urls;
	char		*demo_cache;

	/* Mouse: the last click, for double clicks. */
	int		 click_row;
	long long	 click_ms;
};

/* ui.c */
void	 ui_push(struct ui *, struct ui_view *);
void	 ui_pop(struct ui *);
void	 ui_message(struct ui *, enum ui_msg_level, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 ui_error_cause(struct ui *, const char *, char *);
bool	 ui_subscribed(const struct ui *, const char *);
const struct urls_sub *ui_sub(const struct ui *, const char *);
int	 ui_global_act(struct ui *, enum ui_action, int);
int	 ui_quit(struct ui *);
int	 ui_refresh_unread(struct ui *);
long long ui_now_ms(void);
int	 ui_restart(struct ui *);

/* ui-term.c */
int	 ui_term_start(struct ui *, char **);
void	 ui_term_stop(struct ui *);
void	 ui_term_suspend(struct ui *);
void	 ui_term_resume(struct ui *);
void	 ui_term_resize(struct ui *);
int	 ui_term_signal_fd(void);
int	 ui_term_next_signal(void);
void	 ui_term_windows(struct ui *);
void	 ui_term_job_stop(struct ui *);
bool	 ui_term_is_suspended(void);

/* ui-paint.c */
void	 ui_paint_init(struct ui *);
attr_t	 ui_attr(const struct ui *, enum ui_color);
attr_t	 ui_attr_selected(const struct ui *, attr_t);
void	 ui_paint_blank(WINDOW *, int, int, int, attr_t);
int	 ui_paint_line(const struct ui *, WINDOW *, int, int, int,
	    const struct layout_line *, attr_t, bool);
int	 ui_paint_field(const struct ui *, WINDOW *, int, int, int,
	    const char *, enum layout_dir, int, attr_t);
int	 ui_text_width(const struct ui *, const char *);
char	*ui_date(int64_t, const char *)
	    __attribute__((format(strftime, 2, 0)));

/* ui-list.c */
void	 ui_list_init(struct ui_list *, const struct ui_list_ops *, void *);
void	 ui_list_clear(struct ui_list *);
void	*ui_list_row(const struct ui_list *, size_t);
void	*ui_list_sel(const struct ui_list *);
int	 ui_list_first(struct ui *, struct ui_list *);
int	 ui_list_last(struct ui *, struct ui_list *);
int	 ui_list_move(struct ui *, struct ui_list *, int64_t);
int	 ui_list_page(struct ui *, struct ui_list *, int, bool);
int	 ui_list_reload(struct ui *, struct ui_list *);
int	 ui_list_find(struct ui *, struct ui_list *,
	    bool (*)(struct ui *, const void *, void *), void *, bool);
void	 ui_list_set_height(struct ui_list *, int);
int	 ui_list_act(struct ui *, struct ui_list *, enum ui_action);
void	 ui_list_position(const struct ui_list *, struct str *);
int	 ui_list_screen_row(const struct ui_list *, size_t);
int	 ui_list_select_row(struct ui_list *, int);

/* ui-feeds.c */
struct ui_view *ui_feeds_new(struct ui *);
int64_t	 ui_feeds_selected_id(struct ui_view *);
int	 ui_feeds_step_unread(struct ui *, struct ui_view *, int, int64_t *,
	    char **);

/* ui-items.c */
struct ui_view *ui_items_new(struct ui *, enum db_list, int64_t,
	    const char *, const char *, enum feed_dir, bool);
struct ui_view *ui_items_new_query(struct ui *, const char *, const char *);
int	 ui_items_step(struct ui *, struct ui_view *, int, bool);
struct db_item_row *ui_items_selected(struct ui_view *);
void	 ui_items_changed(struct ui *, struct ui_view *, int64_t, int, int);
int	 ui_items_cycle_dir(struct ui *, struct ui_view *);
enum layout_dir ui_items_row_dir(struct ui_view *, const struct db_item_row *);

/* ui-pager.c */
struct ui_view *ui_pager_new(struct ui *, struct ui_view *,
	    const struct db_item_row *, enum layout_dir);

/* ui-full.c */
void	 ui_full_clear(struct ui_full *);
void	 ui_full_read(struct ui *, struct ui_full *, int64_t, struct item *);
bool	 ui_full_shown(const struct ui_full *);
char	*ui_full_label(const struct ui_full *);
int	 ui_full_act(struct ui *, struct ui_full *, int64_t, bool, bool *);
int	 ui_full_event(struct ui *, struct ui_full *, int64_t,
	    const struct poller_event *, bool *);
void	 ui_full_status(const struct ui_full *, struct str *);

/* ui-links.c */
struct ui_view *ui_links_new(struct ui *, const struct doc *);

/* ui-help.c */
struct ui_view *ui_help_new(struct ui *, enum ui_view_kind);

/* ui-first.c */
struct ui_view *ui_first_new(struct ui *);

/* ui-status.c */
void	 ui_status_draw_title(struct ui *);
void	 ui_status_draw(struct ui *);
void	 ui_status_draw_msg(struct ui *);

/* ui-prompt.c */
void	 ui_prompt_start(struct ui *, const char *,
	    void (*)(struct ui *, const char *));
int	 ui_prompt_key(struct ui *, int);
void	 ui_prompt_draw(struct ui *);

/* ui-keys.c */
int	 ui_keys_read(struct ui *, int *);
void	 ui_keys_configure(const struct conf *);
const struct ui_binding *ui_keys_lookup(int, enum ui_view_kind);
const struct ui_binding *ui_keys_table(size_t *);
int	 ui_keys_for(enum ui_action, enum ui_view_kind);
const char *ui_keys_action_name(enum ui_action);
const char *ui_keys_action_help(enum ui_action);
char	*ui_keys_name(int);
int	 ui_keys_latin(int);

/* ui-open.c */
int	 ui_open_url(struct ui *, const char *, char **);
bool	 ui_open_scheme_ok(const char *);
void	 ui_open_reap(void);
bool	 ui_open_pending(void);

/* ui-demo.c */
int	 ui_demo_prepare(struct ui *, char **);
void	 ui_demo_cleanup(struct ui *);
char	*ui_demo_datadir(const char *);

#endif
