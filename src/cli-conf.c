/*
 * The configuration at the command line: the file is read before any
 * action (-c FILE, else $XDG_CONFIG_HOME/akhbar/config when it exists),
 * every problem is reported with its place, and akhbar does not go on
 * with a broken configuration. Then its values become the fetch
 * settings, the session's retention, the interface's options.
 */
#include "config.h"

#include "cli-conf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conf.h"
#include "fetch.h"
#include "i18n.h"
#include "path.h"
#include "report.h"
#include "session.h"
#include "session-conf.h"
#include "str.h"
#include "ui.h"
#include "ui-conf.h"

/*
 * Read the configuration: the file path names (it must exist), or the
 * default file (it need not). Each problem is reported; returns 0, or
 * CLI_EXIT_USAGE when there was any.
 */
int
cli_conf_load(const char *path, struct conf *cf)
{
	struct conf_problems	 probs = { NULL, 0 };
	char			*def = NULL, *text;
	size_t			 i;
	int			 rc;

	conf_init(cf);
	if (path == NULL)
		path = def = path_default_config();
	rc = conf_load(cf, path, def == NULL, &probs);
	/* The interface's names: actions, elements (before anything starts). */
	if (ui_conf_check(cf, &probs) > 0)
		rc = -1;
	for (i = 0; i < probs.n; i++) {
		text = conf_problem_text(&probs.v[i]);
		report(REPORT_ERROR, "%s", text);
		free(text);
	}
	if (rc != 0)
		report(REPORT_ERROR, P_("%zu problem in the configuration: "
		    "akhbar does not start until it is mended",
		    "%zu problems in the configuration: akhbar does not start "
		    "until they are mended", probs.n), probs.n);
	conf_problems_free(&probs);
	free(def);
	return (rc != 0 ? CLI_EXIT_USAGE : CLI_EXIT_OK);
}

/*
 * What the configuration sets of the interface's options (the strings
 * point into cf): mouse, colours, the browser, bidi, the reload interval
 * (auto-reload's reload-time, in seconds).
 */
void
cli_conf_ui(const struct conf *cf, struct ui_opts *uo)
{
	const char	*s;

	uo->conf = cf;
	uo->mouse = conf_bool(cf, CONF_MOUSE);
	uo->color = conf_bool(cf, CONF_COLORS);
	s = conf_string(cf, CONF_BROWSER);
	uo->browser = *s != '\0' ? s : NULL;
	uo->bidi = conf_choice_name(cf, CONF_BIDI);
	uo->reload_interval = conf_bool(cf, CONF_AUTO_RELOAD) ?
	    conf_int(cf, CONF_RELOAD_TIME) * 60 : 0;
}

/* The strftime format of dates in --search's lines. */
const char *
cli_conf_date_format(const struct conf *cf)
{
	const char	*s = conf_string(cf, CONF_DATETIME_FORMAT);

	return (*s != '\0' ? s : "%Y-%m-%d %H:%M");
}

/* akhbar --dump-config: the effective configuration, as a file. */
int
cli_conf_dump(const struct conf *cf)
{
	struct str	out;

	str_init(&out);
	conf_dump(cf, &out);
	fwrite(str_cstr(&out), 1, out.len, stdout);
	str_free(&out);
	return (fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL);
}
