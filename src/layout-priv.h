/*
 * The layout family's insides: the analysed paragraph and the steps
 * layout.c runs over it.  Only layout*.c and white-box tests include this;
 * the interface sees layout.h.
 */
#ifndef AKHBAR_LAYOUT_PRIV_H
#define AKHBAR_LAYOUT_PRIV_H

#include <fribidi.h>

#include "layout.h"

/* A paragraph, analysed once; see layout.h. */
struct layout_para {
	int		 len;		/* code points */
	uint32_t	*text;		/* logical code points */
	uint32_t	*shaped;	/* mirrored and shaped; same length */
	size_t		*byte;		/* byte offset of each code point */
	int		*style;		/* style of each code point */
	uint8_t		*width;		/* columns each code point adds */
	uint8_t		*kind;		/* LAYOUT_KIND_* of each code point */
	FriBidiCharType	*types;
	FriBidiBracketType *brackets;
	FriBidiLevel	*levels;	/* as resolved, before any L1 reset */
	FriBidiArabicProp *joining;
	FriBidiParType	 base;		/* resolved: FRIBIDI_PAR_LTR or _RTL */
	bool		 rtl;
	struct layout_config config;

	/* Level resolution's scratch: folded types, bracket pairs. */
	FriBidiCharType	*folded;
	int		*pairs;		/* 2 * len: openings, closings */

	/* Scratch and output of the last wrap. */
	FriBidiLevel	*line_levels;	/* levels after L1, per line */
	int		*map;		/* visual order, per line slice */
	struct layout_cell *cells;
	struct layout_line *lines;
	int		 nlines;
	int		 lines_size;

	/* One allocation holds every per-character array but text and byte. */
	void		*arena;
};

/* What a code point is to the wrapper and the cell builder. */
#define LAYOUT_KIND_BASE 0	/* starts a cell */
#define LAYOUT_KIND_MARK 1	/* combining mark: joins the base before it */
#define LAYOUT_KIND_STRIP 2	/* format character: never output */
#define LAYOUT_KIND_FILL 3	/* U+FEFF left by a lam-alef ligature */
#define LAYOUT_KIND_SPACE 4	/* a break opportunity after it */
#define LAYOUT_KIND_ORPHAN 5	/* a mark with no base: gets U+25CC */

/* layout.c */
struct layout_para *layout_para_new_ucs(const uint32_t *, int,
	    enum layout_dir, const struct layout_config *);

/* layout-bidi.c */
void	 layout_bidi_analyse(struct layout_para *, enum layout_dir);
void	 layout_bidi_shape(struct layout_para *);
int	 layout_bidi_reorder(struct layout_para *, int, int, bool, int *,
	    FriBidiLevel *);

/* layout-wrap.c */
void	 layout_wrap_classify(struct layout_para *);
int	 layout_wrap_break(const struct layout_para *, int, int, int *);
int	 layout_wrap_fit(const struct layout_para *, int, int, int *);
int	 layout_wrap_cells(const struct layout_para *, const int *, int,
	    int, struct layout_cell *, int *);

#endif
