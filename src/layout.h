/*
 * The layout layer: turn a paragraph of UTF-8 text with style runs into
 * visual lines of terminal cells for a given width, the way a good browser
 * would show it.  Bidi levels, Arabic joining and shaping are done once per
 * paragraph (FriBidi); wrapping happens on the logical, shaped text; each
 * wrapped line is then reordered on its own.  Pure functions over text: no
 * curses, no database.  Widths come from wcwidth(), so the caller must have
 * a UTF-8 LC_CTYPE (setlocale(LC_ALL, "") in a UTF-8 locale), the same
 * table ncursesw and the terminal use.
 *
 * Use: layout_para_new() once per headline or paragraph (headlines first
 * cut with layout_truncate()), layout_para_wrap() at the pane's width,
 * then paint lines[i].cells from column lines[i].indent.  On a resize,
 * keep the paragraphs and wrap again only those on screen: the analysis
 * is not redone.
 */
#ifndef AKHBAR_LAYOUT_H
#define AKHBAR_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "feed.h"

/* Who reorders and shapes: the config's "bidi = auto|app|terminal|off". */
enum layout_mode {
	LAYOUT_MODE_AUTO,	/* pick app or terminal from the environment */
	LAYOUT_MODE_APP,	/* akhbar reorders and shapes; CSI 8 l */
	LAYOUT_MODE_TERMINAL,	/* logical, unshaped: the terminal reorders */
	LAYOUT_MODE_OFF		/* logical, unshaped, for debugging */
};

/* The direction hint for a paragraph. */
enum layout_dir {
	LAYOUT_DIR_AUTO,	/* first strong character; LTR if none */
	LAYOUT_DIR_LTR,		/* forced left-to-right */
	LAYOUT_DIR_RTL,		/* forced right-to-left */
	LAYOUT_DIR_FEED_RTL	/* an RTL feed: RTL if any RTL letter or none */
};

/* Layout settings, from the config. */
struct layout_config {
	enum layout_mode mode;	/* AUTO is treated as APP here */
	bool		 shaping;	/* "arabic-shaping": presentation forms */
	bool		 ligatures;	/* "arabic-ligatures": lam-alef */
};

/* A style run over the input: bytes [off, off + len) get style. */
struct layout_run {
	size_t		 off;
	size_t		 len;
	int		 style;		/* opaque; the UI maps it to attributes */
};

#define LAYOUT_MARKS 4		/* combining marks kept per cell */

/* One terminal cell: a base character and its combining marks. */
struct layout_cell {
	wchar_t		 ch[LAYOUT_MARKS + 2];	/* base, marks, 0 */
	int		 log;		/* logical index of the base */
	int		 style;		/* style of the base */
	uint8_t		 width;		/* columns: 1, or 2 for wide */
};

/* One visual line: cells left to right, plus the slice it came from. */
struct layout_line {
	struct layout_cell *cells;	/* points into the paragraph's buffer */
	int		 ncells;
	int		 width;		/* columns used by the cells */
	int		 indent;	/* blank columns before the cells */
	bool		 rtl;		/* the paragraph is right-to-left */
	int		 start;		/* logical slice [start, start + len) */
	int		 len;
	const int	*map;		/* len logical indices, in visual order */
};

/*
 * A paragraph, analysed once (bidi types, levels, joining, shaped text).
 * Wrapping it at a width fills its lines, which stay valid until the next
 * wrap or free.  Its insides are the layout family's (layout-priv.h).
 */
struct layout_para;

/* layout.c */
void	 layout_config_default(struct layout_config *);
struct layout_para *layout_para_new(const char *, size_t,
	    const struct layout_run *, size_t, enum layout_dir,
	    const struct layout_config *);
void	 layout_para_free(struct layout_para *);
int	 layout_para_wrap(struct layout_para *, int);
const struct layout_line *layout_para_lines(const struct layout_para *, int *);
bool	 layout_para_rtl(const struct layout_para *);
int	 layout_para_length(const struct layout_para *);
int	 layout_para_width(const struct layout_para *);
char	*layout_truncate(const char *, int, enum layout_dir,
	    const struct layout_config *);
int	 layout_dir_parse(const char *, enum layout_dir *, char **);
const char *layout_dir_name(enum layout_dir);
enum layout_dir layout_dir_for_feed(enum feed_dir, enum feed_dir);

/* layout-term.c */
int	 layout_term_mode_parse(const char *, enum layout_mode *, char **);
const char *layout_term_mode_name(enum layout_mode);
enum layout_mode layout_term_resolve(enum layout_mode, char *const *,
	    char **);
bool	 layout_term_tmux(char *const *);
const char *layout_term_enter(enum layout_mode, bool);
const char *layout_term_leave(enum layout_mode, bool);
int	 layout_term_restore_fd(int, bool);

#endif
