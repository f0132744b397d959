#!/bin/sh
# The feed list's rows beyond plain feeds, and the mouse, in tmux: query:
# feeds of the urls file (newsboat's virtual feeds) listed with the counts
# of what their filter matches, opening to those articles, and never
# making a start reload; a count column that widens for large counts; a
# click selects a row, a double click opens it, the wheel scrolls (the
# mouse reports written into the pane as the terminal sends them, X10
# encoding as tmux's terminfo kmous says), and "mouse no" turns it off.
# Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

cache=$TMPD/cache.db
urls=$TMPD/urls
ui_fill "$cache" "$urls" english.xml arabic.xml
cat >>"$urls" <<'EOF2'
"query:Apple everywhere:title =~ \"Apple\""
query:Unread English:feedtitle = "Test News" and unread = "yes"
EOF2
"$AKHBAR" -u "$urls" -C "$cache" --reload >/dev/null 2>&1
fetched=$(sqlq "$cache" "SELECT group_concat(last_fetch) FROM feed WHERE url LIKE 'file:%'")

# ---- query: feeds ----
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Unread English"
tap_ok $? "query: feeds are listed in the feed list"
ui_screen >"$TMPD/s"
grep -q "^ N *2/2  Apple everywhere *$" "$TMPD/s"
tap_ok $? "... with the counts of what their filter matches (2/2)"
grep -q "^ N *3/3  Unread English *$" "$TMPD/s"
tap_ok $? "... each its own (3/3)"
sleep 1
tap_is "$(sqlq "$cache" "SELECT group_concat(last_fetch) FROM feed WHERE url LIKE 'file:%'")" \
    "$fetched" "a fresh cache with query: feeds is not reloaded on start"
ui_keys End k Enter
ui_wait "Markets rise after Apple earnings"
tap_ok $? "a query: feed opens to the articles its filter matches"
ui_screen >"$TMPD/s"
grep -q "Apple" "$TMPD/s" && [ "$(grep -c "^ N  Nov" "$TMPD/s")" = 2 ]
tap_ok $? "... both of them, from both feeds"
grep -q "Weather: a hot weekend" "$TMPD/s"
tap_ok $((! $?)) "... and no other"
head -1 "$TMPD/s" | grep -q "Apple everywhere"
tap_ok $? "... under its name in the title bar"
ui_keys q j Enter
ui_wait "Weather: a hot weekend ahead"
ui_keys N q
ui_wait "2/2  Unread English"
tap_ok $? "marking one of its articles read: it leaves the unread query (2/2)"
ui_screen | grep -q "^ N *2/3  Test News "
tap_ok $? "... and its feed's count follows (2/3)"
ui_keys Q
ui_exited

# ---- the count column widens ----
was=$(sqlq "$cache" "SELECT unread_count || ', total = ' || total FROM feed WHERE url LIKE '%english.xml'")
sqlq "$cache" "UPDATE feed SET unread_count = 1234567, total = 12345678 WHERE url LIKE '%english.xml'" >/dev/null
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Test News"
ui_screen >"$TMPD/s"
grep -q "^ N *1234567/12345678  Test News " "$TMPD/s"
tap_ok $? "a count of 16 characters is shown whole, the title after it"
grep -q "^ N *1/2  Apple everywhere *$" "$TMPD/s"
tap_ok $? "... the other rows' columns moved with it"
ui_keys Q
ui_exited
sqlq "$cache" "UPDATE feed SET unread_count = $was WHERE url LIKE '%english.xml'" >/dev/null

# ---- the mouse ----
# X10 mouse reports: ESC [ M, then 32 + the button (0 press, 3 release,
# 64/65 the wheel), 32 + the column and 32 + the row (1-based).
mouse() { ui_type "$(printf '\033[M%b%b%b' "\\0$(printf '%o' $((32 + $1)))" \
    "\\0$(printf '%o' $((32 + $2)))" "\\0$(printf '%o' $((32 + $3)))")"; }
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Test News"
tap_is "$(T display-message -p -t ui '#{mouse_any_flag}')" 1 \
    "the interface asks the terminal for mouse reports"
# Rows: title bar (1), All unread (2), Starred (3), Test News (4), the
# Arabic feed (5), Apple everywhere (6), Unread English (7).
click 20 6
ui_wait " 5/6  " 40
tap_ok $? "a click on a row selects it (5/6)"
sleep 0.3
click 20 4
sleep 0.05
click 20 4
ui_wait "Markets rise after Apple earnings"
tap_ok $? "a double click opens it"
head -1 "$TMPD/screen" | grep -q "Test News"
tap_ok $? "... the feed clicked"
sleep 0.3
mouse 65 20 5
ui_wait " 3/3  " 40
tap_ok $? "the wheel scrolls down (three rows at a time)"
mouse 64 20 5
ui_wait " 1/3  " 40
tap_ok $? "... and up"
ui_keys Q
ui_exited
printf 'mouse no\n' >"$TMPD/conf"
ui_start 100 30 -c "$TMPD/conf" -u "$urls" -C "$cache"
ui_wait "Test News"
tap_is "$(T display-message -p -t ui '#{mouse_any_flag}')" 0 \
    "mouse no: it does not"
ui_keys Q
ui_exited
ui_done
