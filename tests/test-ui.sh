#!/bin/sh
# The interface end to end: the real akhbar in tmux (100 x 30) over a cache
# filled from tests/data/ui by --reload of file:// URLs. Navigation across
# the views and lists, marking read and starring (kept across restarts),
# search, the help screen, resize, the direction override, RTL titles
# right-aligned in their column, and hostile text that never reaches the
# terminal as control bytes. Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

cache=$TMPD/cache.db
urls=$TMPD/urls
ui_fill "$cache" "$urls" arabic.xml english.xml
tap_ok $? "the fixtures reload into a cache"
start() { ui_start 100 30 -u "$urls" -C "$cache" "$@"; }

# cells TEXT: the columns TEXT takes (marks and format characters none).
cells() {
	"${PYTHON3:-python3}" -c '
import sys, unicodedata
s = sys.argv[1]
print(sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
    else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))' "$1"
}

# ends ROW: the column after the last right-to-left letter of a row;
# starts ROW: the column of its first letter (of any script) after the
# first two columns; col ROW TEXT: the column where TEXT starts.
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
col() {
	"${PYTHON3:-python3}" -c '
import sys, unicodedata
row, text = sys.argv[1], sys.argv[2]
i = row.find(text)
print(-1 if i < 0 else sum(0 if unicodedata.combining(c) or
    unicodedata.category(c) == "Cf" else 1 for c in row[:i]))' "$1" "$2"
}

# ---- the feed list ----
start
ui_wait "Test News"
tap_ok $? "the feed list shows the feeds"
ui_screen >"$TMPD/feeds"
grep -q "All unread articles" "$TMPD/feeds" &&
    grep -q "Starred articles" "$TMPD/feeds"
tap_ok $? "... after the lists gathered from every feed"
grep -q "Test News *Dec\|Test News *[A-Z][a-z][a-z] [0-9]" "$TMPD/feeds" ||
    grep -q "Test News" "$TMPD/feeds"
tap_is "$(grep -c '^ N  *[0-9]' "$TMPD/feeds")" 3 \
    "the unread lists and feeds are marked N with their unread count"
tap_is "$(grep 'All unread' "$TMPD/feeds" | awk '{print $2}')" 7 \
    "all unread: 7 articles"
grep -q " 1/4  7 unread" "$TMPD/feeds"
tap_ok $? "the status line: position 1/4 and 7 unread"

# ---- into the English feed, its articles, an article ----
ui_keys End
ui_wait " 4/4 "
tap_ok $? "End selects the last feed (4/4)"
ui_keys Enter
ui_wait "Chess: a draw in the final game"
tap_ok $? "ENTER opens the feed's article list"
ui_screen >"$TMPD/items"
tap_is "$(sed -n 2p "$TMPD/items" | cut -c1-13)" " N  Nov 28   " \
    "an article row: the unread mark, the date, then the title"
tap_is "$(sed -n 2p "$TMPD/items" | sed 's/ *$//' | cut -c14-)" \
    "Markets rise after Apple earnings" "... newest first, left-aligned"
ui_keys j
ui_wait " 2/"
tap_ok $? "j moves down"
ui_keys k Enter
ui_wait "Markets rose 2.5% on Saturday."
tap_ok $? "ENTER opens the article view: the body"
ui_screen >"$TMPD/article"
grep -q "^ Title: Markets rise after Apple earnings" "$TMPD/article" &&
    grep -q "^ Author: Test Writer" "$TMPD/article" &&
    grep -q "^ Link: https://ui.test/en/1" "$TMPD/article" &&
    grep -q "^ Date: .*2026" "$TMPD/article"
tap_ok $? "... and the header: title, author, link, date"
grep -q "See more\[1\]\." "$TMPD/article" &&
    grep -q "\[1\] https://ui.test/en/more" "$TMPD/article"
tap_ok $? "... links numbered in the text and listed at the end"
ui_keys J
ui_wait "Temperatures will reach 45 degrees."
tap_ok $? "J shows the next article in the article view"
ui_keys K
ui_wait "Markets rose 2.5%"
tap_ok $? "K the previous one"
ui_keys u
ui_wait "[1] https://ui.test/en/more"
tap_ok $? "u lists the article's links"
ui_keys q q
ui_wait "Chess: a draw"
tap_ok $? "q goes back to the article list"
ui_screen >"$TMPD/items"
tap_is "$(sed -n 2p "$TMPD/items" | cut -c1-4)" "    " \
    "the articles opened are marked read"
tap_is "$(sed -n 4p "$TMPD/items" | cut -c1-4)" " N  " \
    "... the others stay unread"

# ---- toggle read, star ----
ui_keys G
ui_wait " 3/3 "
ui_keys N
ui_wait_gone " N  Nov 26"
tap_ok $? "N marks the article read"
ui_keys N
ui_wait " N  Nov 26"
tap_ok $? "... and N again unread"
ui_keys N
ui_keys s
ui_wait "  * Nov 26"
tap_ok $? "s stars the article"
ui_keys q
ui_wait " 4/4 "
grep -q " 4 unread" "$TMPD/screen"
tap_ok $? "back in the feed list: 4 unread left"
ui_keys Q
ui_exited
tap_is "$(cat "$TMPD/ui.status")" 0 "Q quits with status 0"
tap_is "$("$AKHBAR" -u "$urls" -C "$cache" --unread-count)" 4 \
    "the read marks are in the cache (--unread-count)"

# ---- a second start: the star is kept; the gathered lists ----
start
ui_wait "Starred articles"
ui_keys j Enter
ui_wait "Chess: a draw in the final game"
tap_ok $? "the starred list holds the starred article after a restart"
ui_screen >"$TMPD/starred"
tap_is "$(grep -c ' Nov 2[0-9] ' "$TMPD/starred")" 1 "... and only it"
tap_is "$(col "$(grep Chess "$TMPD/starred")" "Test News")" 12 \
    "... with its feed's name in a column"
ui_keys q k Enter
ui_wait "Weather: a hot weekend ahead"
ui_screen >"$TMPD/unread"
tap_is "$(grep -c ' N  ' "$TMPD/unread")" 4 "the unread list gathers the 4 unread articles"

# ---- search ----
ui_keys q /
ui_wait "Search:"
tap_ok $? "/ asks for a query"
ui_type "Apple"
ui_keys Enter
ui_wait "Search: Apple"
tap_ok $? "the search's results open"
ui_screen >"$TMPD/search"
tap_is "$(grep -c ' Nov 2[0-9] ' "$TMPD/search")" 2 \
    "... both articles that mention Apple, Arabic and English"
grep -q "Markets rise after Apple earnings" "$TMPD/search"
tap_ok $? "... the English one by its title"
ui_keys q /
ui_wait "Search:"
ui_type "الحرارة"
ui_keys Enter
ui_wait "Search: "
tap_is "$(ui_screen | grep -c ' Nov 2[0-9] ')" 1 "an Arabic search finds its article"
ui_keys q

# ---- help ----
ui_keys '?'
ui_wait "Keys of the feed list"
tap_ok $? "? shows the keys of the view"
ui_screen >"$TMPD/help"
grep -q "j, Down .*move down one row" "$TMPD/help" &&
    grep -q "^  /  *search every article" "$TMPD/help"
tap_ok $? "... from the key table: keys and what they do"
ui_keys q
ui_wait_gone "Keys of the feed list"
tap_ok $? "q leaves the help"

# ---- resize ----
T resize-window -t ui -x 60 -y 20
ui_wait "1/4"
ui_screen >"$TMPD/small"
tap_is "$(wc -l <"$TMPD/small" | tr -d ' ')" 20 "a resize lays the screen out again (20 rows)"
tap_is "$(sed -n 19p "$TMPD/small" | cut -c1-6)" " 1/4  " \
    "... with the status line on its new row"
ar=$(sed -n 4p "$TMPD/small")
tap_is "$(ends "$ar")" $(($(col "$ar" "Dec") - 2)) \
    "... an RTL title still ends two columns before the date column"

# ---- the direction override ----
T resize-window -t ui -x 100 -y 30
ui_keys j j
ui_wait " 3/4 "
ar=$(ui_row 3)
tap_is "$(ends "$ar")" $(($(col "$ar" "Dec") - 2)) \
    "the Arabic feed's title is right-aligned in its column"
ui_keys d
ui_wait "Direction: right to left"
tap_ok $? "d sets the feed's direction: right to left"
ui_keys d
ui_wait "Direction: left to right"
ui_screen >"$TMPD/ltr"
tap_is "$(col "$(sed -n 4p "$TMPD/ltr")" "$(printf '\357\272\255')")" \
    "$(col "$(sed -n 5p "$TMPD/ltr")" "Test News")" \
    "... then left to right: the title starts at its column, as an LTR one"
tap_is "$(sqlq "$cache" "SELECT dir_override FROM feed WHERE url LIKE '%arabic.xml'")" \
    1 "... stored in the cache"
ui_keys d
ui_wait "Direction: automatic"
tap_is "$(sqlq "$cache" "SELECT dir_override FROM feed WHERE url LIKE '%arabic.xml'")" \
    "" "... then automatic again: no override"
ui_keys Q
ui_exited

# ---- a long feed: keyset pages read and dropped while moving ----
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<rss version=\"2.0\"><channel><title>Long</title>"
	for (i = 2000; i >= 1; i--)
		printf "<item><title>Item %04d</title><guid>urn:long:%d</guid>" \
		    "<pubDate>%s</pubDate></item>\n", i, i, "Sun, 01 Nov 2026 " \
		    sprintf("%02d:%02d:%02d", int(i / 3600), int(i / 60) % 60, i % 60) \
		    " +0000"
	print "</channel></rss>"
}' >"$TMPD/long.xml"
lurls=$TMPD/long.urls
echo "file://$TMPD/long.xml" >"$lurls"
"$AKHBAR" -u "$lurls" -C "$TMPD/long.db" --reload >/dev/null 2>&1
ui_start 100 30 -u "$lurls" -C "$TMPD/long.db"
ui_wait "Long"
ui_keys End Enter
ui_wait "Item 2000"
ui_keys End
ui_wait "Item 0001"
tap_is "$(ui_row 27 | sed 's/.* //')" "0001" "End in a long feed: the oldest article on the last row"
ui_screen | grep -q " 2000/2000 "
tap_ok $? "... at 2000/2000"
ui_keys g
ui_wait_gone "Item 0001"
tap_is "$(ui_row 1 | sed 's/.* //')" "2000" "g: back to the newest"
for i in 1 2 3 4 5 6 7 8 9 10; do ui_keys PgDn; done
ui_wait "Item 1730"
tap_is "$(ui_row 1 | sed 's/.* //')" "1730" \
    "ten pages down (27 rows each): the rows past the window read as needed"
ui_screen | grep -q " 271/2000 "
tap_ok $? "... the position counted while the window slides (271/2000)"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	ui_keys Space
done
ui_wait "Item 1190"
tap_is "$(ui_row 1 | sed 's/.* //')" "1190" "... twenty more with SPACE"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 \
    26 27 28 29 30; do
	ui_keys PgUp
done
ui_wait "Item 2000"
tap_is "$(ui_row 1 | sed 's/.* //')" "2000" "... and back up, the dropped rows read again"
ui_keys G k k k
ui_wait " N  Nov 01   Item 0004"
tap_is "$(ui_row 27 | sed 's/.* //')" "0001" "k from the end moves the selection, not the rows"
ui_keys Q
ui_exited

# ---- n in the article view goes on to the next feed's unread ----
ui_fill "$TMPD/next.db" "$TMPD/next.urls" arabic.xml english.xml
ui_start 100 30 -u "$TMPD/next.urls" -C "$TMPD/next.db"
ui_wait "Test News"
ui_keys j j Enter
ui_wait " 1/4 "
ui_keys G Enter
ui_wait "Link: https://ui.test/ar/4"
ui_keys n
ui_wait "Title: Markets rise after Apple earnings"
tap_ok $? "n after a feed's last unread article shows the next feed's first"
ui_keys n
ui_wait "Title: Weather: a hot weekend ahead"
tap_ok $? "... and n goes on from there"
ui_keys Q
ui_exited

# ---- the urls file's titles and hidden feeds ----
printf 'file://%s/english.xml "~My English title" news\nfile://%s/arabic.xml "!"\n' \
    "$data" "$data" >"$TMPD/titled.urls"
ui_start 100 30 -u "$TMPD/titled.urls" -C "$cache"
ui_wait "My English title"
tap_ok $? "a feed shows the urls file's ~title"
ui_screen >"$TMPD/titled"
grep -q " 1/4 " "$TMPD/titled"
tap_ok $? "... and a \"!\" feed is not in the feed list (1/4: three lists, one feed)"
grep -q "Tag: news" "$TMPD/titled"
tap_ok $? "the urls file's tag is a list of its own"
ui_keys j j Enter
ui_wait "Chess: a draw"
tap_is "$(ui_screen | grep -c ' Nov 2[0-9] ')" 3 "... of the articles of the feeds with the tag"
ui_keys Q
ui_exited

# ---- wide and zero-width characters take the cells they take ----
wurls=$TMPD/wide.urls
ui_fill "$TMPD/wide.db" "$wurls" wide.xml
ui_start 40 12 -u "$wurls" -C "$TMPD/wide.db"
ui_wait "Wide"
ui_keys End Enter
ui_wait "Nov 28"
ui_screen >"$TMPD/wide"
over=0
while IFS= read -r line; do
	[ "$(cells "$line")" -le 40 ] || over=$((over + 1))
done <"$TMPD/wide"
tap_is "$over" 0 "at 40 columns no row of wide characters runs over"
w=$(cells "$(grep 'Nov 28' "$TMPD/wide" | sed 's/ *$//')")
tap_ok $((w < 38 || w > 39)) \
    "... a CJK title is cut to its column, 26 cells from 13 ($w)"
grep 'Nov 28' "$TMPD/wide" | grep -q '…$'
tap_ok $? "... the ellipsis at its end"
grep -q "Nov 26   abcd .* end" "$TMPD/wide"
tap_ok $? "... zero-width characters take no cell, an emoji two"
ui_keys Q
ui_exited

# ---- hostile text from a cache written by something else ----
esc=$(printf '\033')
sqlq "$cache" "UPDATE item SET title = 'EVIL' || char(27) || ']52;c;aGk=' ||
    char(7) || char(27) || '[2J' || char(155) || '31m' || char(8238) ||
    ' tail' WHERE guid = 'urn:akhbar:ui:en:3'" >/dev/null
start
ui_wait "Test News"
ui_keys End Enter
ui_wait "EVIL"
T capture-pane -p -e -t ui >"$TMPD/hostile"
row=$(grep "EVIL" "$TMPD/hostile")
case $row in
*"$esc]52"*|*"$esc[2J"*) r=1 ;;
*) r=0 ;;
esac
tap_ok $r "a title's escape sequences do not reach the terminal"
ui_screen | grep -q "Chess\|Weather"
tap_ok $? "... the rest of the screen is still there"
ui_screen | grep -q "^  \* Nov 26   EVIL"
tap_ok $? "... and its unterminated U+202E leaves the row's columns in place"
ui_keys Q
ui_exited
ui_done
