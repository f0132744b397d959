#!/bin/sh
# The article view's full articles (issue 17), end to end in tmux: a
# summary-only feed from tests/feedserver.py shows its summary; f fetches
# the item's web page through the poller while the view stays live, and
# shows the article once it is stored, saying which text it shows; f
# again switches back to the summary; a page that fails says why and
# keeps the summary; and with the server gone, the article reads in full
# from the cache on the next start. Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

root=$(cd "$top_srcdir/tests/data" && pwd)
mkfifo "$TMPD/srv.in"
"${PYTHON3:-python3}" "$top_srcdir/tests/feedserver.py" --port 0 \
    --root "$root" --log "$TMPD/srv.log" <"$TMPD/srv.in" \
    >"$TMPD/srv.port" 2>"$TMPD/srv.err" &
srv=$!
exec 9>"$TMPD/srv.in"
trap 'ui_gone; exec 9>&- 2>/dev/null; kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$TMPD"' EXIT INT TERM
i=0
while [ ! -s "$TMPD/srv.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n 1 "$TMPD/srv.port")
B=http://127.0.0.1:$port
cache=$TMPD/cache.db
urls=$TMPD/urls
printf '%s/article/summary-en.xml\n' "$B" >"$urls"
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null >/dev/null 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "0:" "a summary-only feed reloads"

pages() { grep -c "\"path\": \"/article/english.html\"" "$TMPD/srv.log"; }

ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Harbour Brief"
tap_ok $? "the feed list shows the feed"
ui_keys End Enter
ui_wait "Ferry back after two years"
ui_keys Enter
ui_wait "Link: $B/article/english.html"
tap_ok $? "the article view opens the first item"
ui_screen >"$TMPD/s"
grep -q "The ferry runs again." "$TMPD/s"
tap_ok $? "... showing the feed's summary"
grep -q "Text:" "$TMPD/s"
tap_ok $((! $?)) "... with no Text: line while there is no choice"
tap_is "$(pages)" 0 "... and nothing fetched yet"

ui_keys f
ui_wait "The full article is stored" 200
tap_ok $? "f fetches the full article through the poller"
ui_screen >"$TMPD/s"
grep -q "Text: full article (f: the feed's summary)" "$TMPD/s"
tap_ok $? "... the header says the full article is shown"
grep -q "The river ferry between the old town and the university quarter" "$TMPD/s"
tap_ok $? "... and the article's first paragraph is on screen"
grep -q "The ferry runs again." "$TMPD/s"
tap_ok $((! $?)) "... instead of the summary"
tap_is "$(pages)" 1 "... one request for its page"

ui_keys f
ui_wait "Text: the feed's summary (f: full article)"
tap_ok $? "f again: the feed's summary, and the header says so"
ui_screen >"$TMPD/s"
grep -q "The ferry runs again." "$TMPD/s" &&
    ! grep -q "The river ferry between" "$TMPD/s"
tap_ok $? "... the summary instead of the article"
ui_keys f
ui_wait "The river ferry between the old town"
tap_ok $? "f once more: the stored article, without fetching"
tap_is "$(pages)" 1 "... still one request"

ui_keys J
ui_wait "A page that is gone"
ui_keys f
ui_wait "no full article:" 200
tap_ok $? "a page that fails: the message says why"
ui_wait "Text: the feed's summary (no full article: HTTP 404"
tap_ok $? "... and the header, beside the summary it keeps"
grep -q "Only this line." "$TMPD/screen"
tap_ok $? "... which is still shown"
ui_keys Q
ui_exited
tap_is "$(cat "$TMPD/ui.status")" 0 "Q quits"

# The server goes away: the article reads in full from the cache.
exec 9>&-
wait "$srv" 2>/dev/null
"$AKHBAR" --parse "$B/article/summary-en.xml" >/dev/null 2>&1
tap_is $? 1 "the server is gone"
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Harbour Brief"
ui_keys End Enter
ui_wait "Ferry back after two years"
ui_keys Enter
ui_wait "The river ferry between the old town" 
tap_ok $? "offline, the item of a summary-only feed reads in full"
grep -q "Text: full article" "$TMPD/screen"
tap_ok $? "... the stored article is shown by default"
ui_keys F
ui_wait "no full article: " 200
tap_ok $? "F fetches again: offline it fails with the reason"
ui_wait "The river ferry between the old town"
tap_ok $? "... and the stored article stays"
ui_keys Q
ui_exited
ui_done
