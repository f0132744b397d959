/* gettext wrappers: _() for user-visible text, N_() for static tables. */
#ifndef AKHBAR_I18N_H
#define AKHBAR_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define P_(s, p, n)	ngettext(s, p, n)
#else
#define _(s)		(s)
#define P_(s, p, n)	((n) == 1 ? (s) : (p))
#endif
#define N_(s)		(s)

#endif
