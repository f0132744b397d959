/*
 * The configuration's lines the interface owns the names of: "bind KEY
 * ACTION", "unbind KEY" and "color ELEMENT FG BG ATTR...". The command
 * line checks them with ui_conf_check before anything starts (akhbar
 * does not start on a broken configuration); the interface turns them
 * into its bindings and attributes with the rest.
 */
#ifndef AKHBAR_UI_CONF_H
#define AKHBAR_UI_CONF_H

#include <stddef.h>

#include "conf.h"

/* Check every bind's action and every color's element against the interface's names; returns how many were unknown (each a problem with its place and the nearest name). */
size_t	 ui_conf_check(const struct conf *, struct conf_problems *);
/* The theme's element names, in enum ui_color's order. */
const char *const *ui_conf_elements(size_t *);
/* The interface's key code of a normalised key name (conf_key_name), or -1. */
int	 ui_conf_key(const char *);

struct ui;
struct ui_binding;
/* The configuration's bindings as key-table rows to look in before the defaults (caller frees). */
struct ui_binding *ui_conf_bindings(const struct conf *, size_t *);
/* Paint the configuration's colours over the theme's, after ui_paint_init. */
void	 ui_conf_colors(struct ui *, const struct conf *);

#endif
