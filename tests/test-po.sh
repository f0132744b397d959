#!/bin/sh
# Every catalogue of po/LINGUAS is up to date: the strings the sources
# mark today (xgettext over po/POTFILES.in with po/Makevars' options)
# each have a translation that is neither missing nor fuzzy. After adding
# strings: make -C po update-po, then translate.
. "${top_srcdir:-.}/tests/lib.sh"

for t in xgettext msgcmp; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "1..0 # SKIP $t not found"
		exit 0
	fi
done
po=$top_srcdir/po
# po/Makevars' XGETTEXT_OPTIONS (continued lines joined).
opts=$(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' "$po/Makevars" |
    sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ')
(cd "$top_srcdir" && eval "xgettext $opts --language=C -o '$TMPD/now.pot' \
    --files-from=po/POTFILES.in") 2>"$TMPD/err"
tap_ok $? "xgettext reads po/POTFILES.in"
n=$(grep -c '^msgid ' "$TMPD/now.pot")
[ "$n" -gt 100 ]; tap_ok $? "the sources mark $n strings"
for lang in $(sed 's/#.*//' "$po/LINGUAS"); do
	msgcmp "$po/$lang.po" "$TMPD/now.pot" >"$TMPD/cmp" 2>&1; r=$?
	tap_ok $r "po/$lang.po translates every string the sources mark"
	[ $r -eq 0 ] || grep -A2 'this message' "$TMPD/cmp" | head -20 |
	    sed 's/^/# /'
done

# The check can fail: a string marked today but in no catalogue.
printf '#include "i18n.h"\nconst char *x = N_("a string no catalogue has");\n' \
    >"$TMPD/new.c"
(cd "$top_srcdir" && eval "xgettext $opts --language=C -o '$TMPD/more.pot' \
    --files-from=po/POTFILES.in '$TMPD/new.c'") 2>/dev/null
lang=$(sed 's/#.*//' "$po/LINGUAS" | tr ' ' '\n' | grep . | head -1)
msgcmp "$po/$lang.po" "$TMPD/more.pot" >/dev/null 2>&1
[ $? -ne 0 ]; tap_ok $? "a string no catalogue translates fails the check"
tap_done
