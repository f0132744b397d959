#!/bin/sh
# Arabic in the interface, cell for cell: the article view of the worked
# example of docs/bidi.md ("ارتفعت الأسواق بنسبة 2.5% بعد إعلان Apple
# نتائجها.") in a pane 18 columns wide, so that its text wraps at 16: the
# rows must be the ones bidi.md gives code point by code point (shaped,
# in visual order, right-aligned, the wrap spaces and the lam-alef's fill
# dropped), written out here from that page, not from akhbar's code. Then
# the chrome in Arabic: with an Arabic locale the strings come from
# po/ar.po and the lists are mirrored. Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

cache=$TMPD/cache.db
urls=$TMPD/urls
ui_fill "$cache" "$urls" arabic.xml
tap_ok $? "the Arabic fixture reloads into a cache"

# u HEX...: the UTF-8 of code points.
u() {
	"${PYTHON3:-python3}" -c '
import sys
sys.stdout.write("".join(chr(int(c, 16)) for c in sys.argv[1:]))' "$@"
}
# ends ROW: the column after the last right-to-left letter of a row.
ends() {
	"${PYTHON3:-python3}" -c '
import sys, unicodedata
col, end = 0, 0
for c in sys.argv[1]:
    w = 0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf" else 1
    if unicodedata.bidirectional(c) in ("R", "AL"):
        end = col + w
    col += w
print(end)' "$1"
}
# bidi.md 4.5, shaping on: rows of 13, 14, 10 and 8 cells, each padded to
# 16 on the left, after the view's one-column margin.
row1="    $(u FED5 FE8D FEEE FEB3 FEF7 FE8D 0020 FE96 FECC FED4 FE97 FEAD FE8D)"
row2="   $(u FEAA FECC FE91 0020 0025 0032 002E 0035 0020 FE94 FE92 FEB4 FEE8 FE91)"
row3="       $(u 0041 0070 0070 006C 0065 0020 FEE5 FEFC FECB FE87)"
row4="         $(u 002E FE8E FEEC FEA0 FE8B FE8E FE98 FEE7)"
printf '%s\n%s\n%s\n%s\n' "$row1" "$row2" "$row3" "$row4" >"$TMPD/want"

ui_start 18 24 -u "$urls" -C "$cache"
ui_wait "1/3"
ui_keys End Enter
ui_wait "1/4"
ui_keys Enter
ui_wait "Link:"
ui_screen >"$TMPD/article"
n=$(grep -nxF "$row1" "$TMPD/article" | head -1 | cut -d: -f1)
if [ -n "$n" ]; then
	sed -n "$n,$((n + 3))p" "$TMPD/article" >"$TMPD/got"
else
	: >"$TMPD/got"
fi
cmp -s "$TMPD/got" "$TMPD/want"
r=$?
tap_ok $r "the worked example's paragraph: bidi.md's four rows, cell for cell"
if [ $r -ne 0 ]; then
	echo "# want:"
	od -An -tx1 "$TMPD/want" | sed 's/^/#   /'
	echo "# screen:"
	sed 's/^/# | /' "$TMPD/article"
fi
ui_keys Q
ui_exited

# The same article in a wide pane: one row, right-aligned at the margin.
ui_start 60 24 -u "$urls" -C "$cache"
ui_wait "1/3"
ui_keys End Enter
ui_wait "1/4"
ui_keys Enter
ui_wait "Link:"
line="$(u 002E FE8E FEEC FEA0 FE8B FE8E FE98 FEE7 0020 0041 0070 0070 006C 0065 0020 FEE5 FEFC FECB FE87 0020 FEAA FECC FE91 0020 0025 0032 002E 0035 0020 FE94 FE92 FEB4 FEE8 FE91 0020 FED5 FE8D FEEE FEB3 FEF7 FE8D 0020 FE96 FECC FED4 FE97 FEAD FE8D)"
# 48 cells: 58 - 48 = 10 columns of pad after the margin.
ui_screen | grep -qxF "           $line"
tap_ok $? "... at 58 columns: one row, right-aligned"
ui_screen | grep -q "^ The visit\|^ Feed: "
tap_ok $? "... while the header's labels start at the left margin"
ui_keys q q q
ui_exited

# ---- the chrome in Arabic, mirrored (an Arabic locale built here) ----
if ! grep -q '^#define ENABLE_NLS' "${top_builddir:-.}/config.h" 2>/dev/null; then
	tap_skip "no NLS: the Arabic chrome is not checked"
	ui_done
	exit
fi
if ! mkdir -p "$TMPD/locale/ar/LC_MESSAGES" "$TMPD/loc" ||
    ! msgfmt -o "$TMPD/locale/ar/LC_MESSAGES/akhbar.mo" "$top_srcdir/po/ar.po" ||
    ! localedef -i ar_EG -f UTF-8 "$TMPD/loc/ar_EG.UTF-8" >/dev/null 2>&1; then
	tap_skip "cannot build an Arabic locale here: the Arabic chrome is not checked"
	ui_done
	exit
fi
ui_fill "$cache" "$urls" arabic.xml english.xml
UI_ENV="LOCPATH=$TMPD/loc LC_ALL=ar_EG.UTF-8 LANGUAGE= AKHBAR_LOCALEDIR=$TMPD/locale"
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Test News"
ui_screen >"$TMPD/ar"
sed -n 1p "$TMPD/ar" | grep -q "^ .*:ENTER.*akhbar 0.1.0$"
tap_ok $? "in Arabic: the title bar is mirrored (the name on the right, the keys on the left)"
grep -q "Feeds\|unread\|back" "$TMPD/ar"
tap_ok $((! $?)) "... its words come from po/ar.po"
tap_is "$(sed -n 29p "$TMPD/ar" | sed 's/.*  //')" "1/4" \
    "... the status line is mirrored: the position at the right end"
feed=$(grep "Test News" "$TMPD/ar")
tap_is "$(ends "$(sed -n 4p "$TMPD/ar")")" 99 \
    "... an Arabic title ends at the right margin: the list reads from the right"
case $feed in
*[0-9]" N  Test News"*) r=0 ;;
*) r=1 ;;
esac
tap_ok $r "... its count and mark on the title's left, an LTR title beside them"
ui_keys Q
ui_exited
ui_done
