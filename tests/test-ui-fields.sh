#!/bin/sh
# Bidi controls stay inside their field in the interface (issue 21): a feed
# whose title and article titles hold an unterminated U+202E (RLO) or
# U+2067 (RLI), beside its twin without them. Each field is laid out on
# its own, so the override reverses its own field and nothing else: the
# marks, dates, counts, times, the other feed's name and the title bar's
# keys are where the twin's are, in the app's bidi and in the terminal's
# (which gets the text in logical order, the controls left out). Prints
# TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

"${PYTHON3:-python3}" - "$TMPD" <<'EOF'
import json, sys
def feed(title, items):
    return {"version": "https://jsonfeed.org/version/1.1", "title": title,
        "language": "en", "items": [{"id": i, "title": t,
        "url": "https://b.test/" + i, "content_text": "body " + i,
        "date_published": "2026-11-2%dT10:00:00Z" % n}
        for n, (i, t) in enumerate(items)]}
json.dump(feed("\u202eHostile Feed", [("h1", "\u202eABC DEF"),
    ("h2", "x \u2067GHI")]), open(sys.argv[1] + "/hostile.json", "w"))
json.dump(feed("Hostile Feed", [("t1", "ABC DEF"), ("t2", "x GHI")]),
    open(sys.argv[1] + "/twin.json", "w"))
EOF
cache=$TMPD/cache.db
urls=$TMPD/urls
printf 'file://%s/hostile.json\nfile://%s/twin.json\n' "$TMPD" "$TMPD" >"$urls"
"$AKHBAR" -u "$urls" -C "$cache" --reload >/dev/null 2>&1
tap_ok $? "a feed with bidi overrides in its titles and its twin reload"
printf 'bidi terminal\n' >"$TMPD/terminal.conf"

for mode in app terminal; do
	if [ $mode = app ]; then
		ui_start 80 12 -u "$urls" -C "$cache"
	else
		ui_start 80 12 -c "$TMPD/terminal.conf" -u "$urls" -C "$cache"
	fi
	ui_wait "Starred articles"
	ui_screen >"$TMPD/feeds"
	ui_keys Home Enter
	ui_wait "All unread articles  "
	ui_wait " 1/4 "
	ui_screen >"$TMPD/all"
	ui_keys q End k Enter
	ui_wait " 1/2 "
	ui_screen >"$TMPD/hostile"
	ui_keys q j Enter
	ui_wait " 1/2 "
	ui_screen >"$TMPD/twin"
	ui_keys Q
	ui_exited

	if [ $mode = app ]; then
		rev="deeF elitsoH"
		title="FED CBA"
		rows=2		# the twin's rows do not read reversed
	else
		rev="Hostile Feed"
		title="ABC DEF"
		rows=4		# logical order, no control sent: as the twin's
	fi
	# The feed list: the reversed name in its field, its counts and time
	# where the twin's are.
	h=$(grep -F "$rev" "$TMPD/feeds" | head -n 1)
	t=$(grep -F "Hostile Feed" "$TMPD/feeds" | tail -n 1)
	tap_is "$(printf '%s' "$h" | sed "s/$rev/NAME/")" \
	    "$(printf '%s' "$t" | sed 's/Hostile Feed/NAME/')" \
	    "$mode: a feed's override stays in its name in the feed list"
	# A gathered list: the feed's name, then the article's title.
	tap_is "$(grep -c "^ N  Nov 2[01]  $rev  *\(x GHI\|$title\) *$" "$TMPD/all")" $rows \
	    "$mode: ... and in its column of a gathered list, the titles after it as they are"
	# The article list: marks and dates as the twin's, the title alone turned.
	tap_is "$(sed -n 2,3p "$TMPD/hostile" | sed "s/$title/TITLE/")" \
	    "$(sed -n 2,3p "$TMPD/twin" | sed 's/ABC DEF/TITLE/')" \
	    "$mode: an article's override stays in its title"
	tap_is "$(sed -n 1p "$TMPD/hostile" | sed "s/$rev/NAME/")" \
	    "$(sed -n 1p "$TMPD/twin" | sed 's/Hostile Feed/NAME/')" \
	    "$mode: ... and a feed's in the title bar, its keys in place"
done
ui_done
