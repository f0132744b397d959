/* akhbar's entry point: locale and message catalogue, then the command line. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "parse.h"

int
main(int argc, char **argv)
{
#ifdef ENABLE_NLS
	const char	*dir;
#endif

	/* Inherited "ignore" would make exec: feeds' exit statuses vanish. */
	signal(SIGCHLD, SIG_DFL);
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	/* AKHBAR_LOCALEDIR: catalogues of an uninstalled build (tests). */
	dir = getenv("AKHBAR_LOCALEDIR");
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	parse_init();
	return (cli_main(argc, argv));
}
