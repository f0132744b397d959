/* akhbar's entry point: locale and message catalogue, then the command line. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "parse.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	parse_init();
	return (cli_main(argc, argv));
}
