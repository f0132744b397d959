/*
 * The configuration: akhbar's options as data. One table (conf-table.c)
 * defines every option, its name, type, default and help; the file
 * parser (conf-parse.c), --dump-config, the man page akhbar.conf(5)
 * (written from the table by tests/conf-man.c) and a test all read it.
 * Values are read with typed getters (conf_int(cf, CONF_RELOAD_TIME)).
 * The file's "bind", "unbind" and "color" lines are kept as parsed
 * lists, each entry with its file, line and column, for the interface to
 * check against its own key and theme tables (conf_check_names) and then
 * apply.
 *
 * Nothing here prints. A problem is data (a kind, where it is, the words
 * concerned, the nearest valid name); conf_problem_text makes the words
 * for the user: "FILE:LINE:COL: unknown option 'relaod-time' (did you
 * mean 'reload-time'?)".
 */
#ifndef AKHBAR_CONF_H
#define AKHBAR_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "str.h"

enum conf_type {
	CONF_BOOL,		/* yes or no (true/false, on/off, 1/0) */
	CONF_INT,		/* a whole number from min to max */
	CONF_STRING,		/* any text without control characters */
	CONF_CHOICE		/* one word of a list */
};

/* Every option, in the table's order (conf-table.c). */
enum conf_option {
	CONF_BIDI = 0,
	CONF_ARABIC_SHAPING,
	CONF_ARABIC_LIGATURES,
	CONF_COLORS,
	CONF_MOUSE,
	CONF_CONFIRM_QUIT,
	CONF_DATETIME_FORMAT,
	CONF_BROWSER,
	CONF_AUTO_RELOAD,
	CONF_RELOAD_TIME,
	CONF_REFRESH_ON_STARTUP,
	CONF_RELOAD_THREADS,
	CONF_HOST_CONNECTIONS,
	CONF_CONNECT_TIMEOUT,
	CONF_STALL_TIMEOUT,
	CONF_DOWNLOAD_TIMEOUT,
	CONF_EXEC_TIMEOUT,
	CONF_MAX_FEED_SIZE,
	CONF_MAX_REDIRECTS,
	CONF_USER_AGENT,
	CONF_PROXY,
	CONF_KEEP_ARTICLES_DAYS,
	CONF_MAX_ITEMS,
	CONF_FULL_ARTICLE,
	CONF_URLS_SOURCE,
	CONF_TTRSS_URL,
	CONF_TTRSS_LOGIN,
	CONF_TTRSS_PASSWORD,
	CONF_TTRSS_PASSWORDFILE,
	CONF_TTRSS_PASSWORDEVAL,
	CONF_COUNT
};

/* One option's definition: a row of the table. */
struct conf_def {
	const char		*name;
	enum conf_type		 type;
	const char		*value;		/* the default, as a file writes it */
	long			 min;		/* CONF_INT: the range */
	long			 max;
	const char *const	*choices;	/* CONF_CHOICE: NULL-terminated */
	const char		*unit;		/* what a number counts (N_()), or NULL */
	const char		*help;		/* what it does (N_()) */
	const char		*empty;		/* what "" means (N_()), or NULL */
	const char		*section;	/* the man page's group */
};

/* Where an entry of the configuration was written. */
struct conf_where {
	const char	*file;		/* one of conf.files; NULL: the default */
	int		 line;
	int		 col;		/* 1-based, in bytes */
};

/* One option's current value. */
struct conf_value {
	long			 n;	/* BOOL (0, 1), INT, CHOICE (its index) */
	char			*s;	/* STRING (never NULL); else NULL */
	struct conf_where	 where;
};

/* A "bind KEY ACTION" line, or an "unbind KEY" line (action NULL). */
struct conf_bind {
	char			*key;		/* normalised (conf_key_name) */
	char			*action;	/* as written, or NULL */
	struct conf_where	 where;		/* of the key */
	struct conf_where	 action_where;
};

/* Attributes of a "color" line, in conf_attr_names' order. */
#define CONF_ATTR_BOLD		0x01
#define CONF_ATTR_DIM		0x02
#define CONF_ATTR_UNDERLINE	0x04
#define CONF_ATTR_REVERSE	0x08
#define CONF_ATTR_STANDOUT	0x10
#define CONF_ATTR_BLINK		0x20
#define CONF_ATTR_ITALIC	0x40
#define CONF_ATTR_INVIS		0x80

/* The colour "default": the terminal's own. */
#define CONF_COLOR_DEFAULT	(-1)

/* A "color ELEMENT FG BG [ATTR...]" line. */
struct conf_color {
	char			*element;	/* as written */
	int			 fg;		/* 0-255, or CONF_COLOR_DEFAULT */
	int			 bg;
	unsigned		 attrs;		/* CONF_ATTR_* */
	struct conf_where	 where;		/* of the element */
};

/* The effective configuration. */
struct conf {
	struct conf_value	 v[CONF_COUNT];
	struct conf_bind	*binds;		/* in the files' order */
	size_t			 nbinds;
	struct conf_color	*colors;
	size_t			 ncolors;
	struct strv		 files;		/* every file read, in order */
};

/* How deep include lines may nest. */
#define CONF_INCLUDE_DEPTH	16

/* What is wrong with a line. */
enum conf_error {
	CONF_ERR_FILE = 0,	/* cannot read the file: detail says why */
	CONF_ERR_NUL,		/* a NUL byte in the line */
	CONF_ERR_QUOTE,		/* no closing quote */
	CONF_ERR_UNKNOWN,	/* unknown option or command: detail */
	CONF_ERR_NO_VALUE,	/* an option without its value */
	CONF_ERR_EXTRA,		/* words after the value: detail, the first */
	CONF_ERR_BOOL,		/* not yes or no: detail */
	CONF_ERR_NUMBER,	/* not a whole number: detail */
	CONF_ERR_RANGE,		/* out of the option's range: detail */
	CONF_ERR_CHOICE,	/* not one of the option's words: detail */
	CONF_ERR_CONTROL,	/* a control character in a value */
	CONF_ERR_BIND_ARGS,	/* bind without a key and an action */
	CONF_ERR_UNBIND_ARGS,	/* unbind without exactly one key */
	CONF_ERR_KEY,		/* not a key's name: detail */
	CONF_ERR_BOUND_TWICE,	/* detail: the key; other: where first */
	CONF_ERR_ACTION,	/* unknown action (the interface checks) */
	CONF_ERR_COLOR_ARGS,	/* color without element, fg and bg */
	CONF_ERR_ELEMENT,	/* unknown element (the interface checks) */
	CONF_ERR_COLOR,		/* not a colour: detail */
	CONF_ERR_ATTR,		/* not an attribute: detail */
	CONF_ERR_INCLUDE_ARGS,	/* include without exactly one file */
	CONF_ERR_INCLUDE_LOOP,	/* detail: the file already being read */
	CONF_ERR_INCLUDE_DEPTH,	/* includes nested too deep */
	CONF_ERR_COUNT
};

/* One problem, where it is. */
struct conf_problem {
	char		*file;		/* NULL: not from a file */
	int		 line;		/* 0: the file as a whole */
	int		 col;		/* 0: the line as a whole */
	enum conf_error	 kind;
	int		 option;	/* the enum conf_option concerned, or -1 */
	char		*detail;	/* the words concerned as written, or NULL */
	char		*hint;		/* the nearest valid name, or NULL */
	char		*other;		/* BOUND_TWICE: "FILE:LINE" of the first */
};

struct conf_problems {
	struct conf_problem *v;
	size_t		 n;
};

/* conf-table.c */
const struct conf_def *conf_table(size_t *);
const struct conf_def *conf_def(enum conf_option);
/* The option of this name (or newsboat's name for it), or -1. */
int	 conf_find(const char *);
/* The named keys bind takes besides one character and ^X, normalised. */
const char *const *conf_key_names(size_t *);
/* The eight colour names, in curses' order (color0 ... color255 too). */
const char *const *conf_color_names(size_t *);
/* The attribute names, in CONF_ATTR_* bit order. */
const char *const *conf_attr_names(size_t *);

/* conf.c */
void	 conf_init(struct conf *);
void	 conf_free(struct conf *);
/* Set an option from its text as a file line would; -1 and *problem. */
int	 conf_set(struct conf *, const char *, const char *,
	     const struct conf_where *, struct conf_problem *);
bool	 conf_bool(const struct conf *, enum conf_option);
long	 conf_int(const struct conf *, enum conf_option);
const char *conf_string(const struct conf *, enum conf_option);
int	 conf_choice(const struct conf *, enum conf_option);
const char *conf_choice_name(const struct conf *, enum conf_option);
/* Whether the option has its default value still. */
bool	 conf_is_default(const struct conf *, enum conf_option);
/* The option's value as a file writes it, quoted when needed (caller frees). */
char	*conf_value_text(const struct conf *, enum conf_option);
/* A word as the parser reads it back: quoted when needed (caller frees). */
char	*conf_quote(const char *);
/* A colour as a file writes it: "default", "red", "color208". */
void	 conf_color_text(int, struct str *);
/* The effective configuration as a file that sets it, with comments. */
void	 conf_dump(const struct conf *, struct str *);

/* The edit distance of two words (transpositions count one). */
size_t	 conf_distance(const char *, const char *);
/* The nearest of n names to word, or NULL when none is near enough. */
const char *conf_suggest(const char *, const char *const *, size_t);
/*
 * Check the bind lines' actions (kind CONF_ERR_ACTION) or the color
 * lines' elements (CONF_ERR_ELEMENT) against the interface's n names;
 * each unknown one is added to problems, with the nearest name. Returns
 * how many were unknown.
 */
size_t	 conf_check_names(const struct conf *, enum conf_error,
	     const char *const *, size_t, struct conf_problems *);

/* The words for the user: "FILE:LINE:COL: what (did you mean 'x'?)". */
char	*conf_problem_text(const struct conf_problem *);
void	 conf_problem_clear(struct conf_problem *);
/* Move a problem into the list (*pr is left cleared). */
void	 conf_problems_add(struct conf_problems *, struct conf_problem *);
void	 conf_problems_free(struct conf_problems *);

/* conf-newsboat.c: newsboat's files, to import. */
struct conf_newsboat {
	char		*dir;		/* where they are */
	char		*urls;		/* its urls file */
	char		*cache;		/* its cache.db, or NULL */
	char		*config;	/* its config, or NULL */
};
/* Find newsboat's files (in dir; NULL: ~/.newsboat, then its XDG places). 0, or -1 when there are none. */
int	 conf_newsboat_find(const char *, struct conf_newsboat *);
/* The first run's offer: whether akhbar has no urls file (at path) and newsboat's files are there. */
bool	 conf_newsboat_offer(const char *, struct conf_newsboat *);
void	 conf_newsboat_free(struct conf_newsboat *);

/* conf-parse.c */
/*
 * Read a configuration file into cf, over what it holds. Every problem
 * of every line goes to problems; returns -1 when there was one (akhbar
 * does not start on a broken configuration), else 0. A file that does
 * not exist is a problem only when must_exist.
 */
int	 conf_load(struct conf *, const char *, bool, struct conf_problems *);
/* The same for lines in a string, named name in problems. */
int	 conf_load_string(struct conf *, const char *, const char *,
	     struct conf_problems *);
/* A key's name normalised ("^R", "PGDN", "j"), or NULL when it is none (caller frees). */
char	*conf_key_name(const char *);
/* A colour's number (CONF_COLOR_DEFAULT for "default"), or -2 for none. */
int	 conf_color_parse(const char *);

#endif
