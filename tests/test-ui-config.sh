#!/bin/sh
# The configuration reaches the interface: a bind line adds a key, an
# unbind line takes one away, a color line paints its element, and
# datetime-format sets the article list's dates. The real akhbar in tmux
# over the UI fixtures. Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

cache=$TMPD/cache.db
urls=$TMPD/urls
conf=$TMPD/config
ui_fill "$cache" "$urls" arabic.xml english.xml
tap_ok $? "the fixtures reload into a cache"

cat >"$conf" <<'EOF'
# the tests' configuration
bind x quit
unbind q
color selected black yellow bold
datetime-format "%Y"
EOF

ui_start 100 30 -c "$conf" -u "$urls" -C "$cache"
ui_wait "Test News"
tap_ok $? "akhbar starts with the configuration"

# The selected row is painted on yellow (SGR 43, or 48;5;3), which the
# default theme never uses.
T capture-pane -e -p -t ui >"$TMPD/esc" 2>/dev/null
grep -q "$(printf '\033')\[[0-9;]*\(43\|48;5;3\)[;m]" "$TMPD/esc"
tap_ok $? "color selected black yellow: the selected row is on yellow"

# q is unbound in the feed list: akhbar keeps running.
ui_keys q
sleep 0.3
[ ! -s "$TMPD/ui.status" ]
tap_ok $? "unbind q: q no longer quits"

# datetime-format "%Y": the article list shows the year.
ui_keys G Enter
ui_wait "Markets rise" 40
ui_screen | grep -q '^ [N ] *2026 '
tap_ok $? "datetime-format: the article list's dates follow it"
ui_keys h

# x quits.
ui_keys x
ui_exited 40
tap_ok $? "bind x quit: x quits"
tap_is "$(cat "$TMPD/ui.status" 2>/dev/null)" 0 "... with status 0"

# A configuration naming an action that does not exist stops akhbar
# before the screen, naming the file, line and column.
printf 'bind z opne\n' >"$TMPD/bad"
"$AKHBAR" -c "$TMPD/bad" -u "$urls" -C "$cache" </dev/null \
    >/dev/null 2>"$TMPD/bad.err"
tap_is "$?" 2 "an unknown action stops akhbar (exit 2)"
grep -q "bad:1:[0-9]*: .*opne.*open" "$TMPD/bad.err"
tap_ok $? "... saying FILE:LINE:COL and the nearest action"

ui_done
