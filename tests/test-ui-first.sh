#!/bin/sh
# The first run, the demo, and links: with no urls file the interface says
# how to add feeds and imports the starter list on i (here a list of this
# test's own file:// feeds, so nothing reaches the network); --demo reads
# the offline demo feeds into a throwaway directory that is gone after;
# and o hands a link to $BROWSER as one argument, never through a shell.
# Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

# ---- first run ----
mkdir -p "$TMPD/share/feeds"
cat >"$TMPD/share/feeds/arabic-news.opml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>test</title></head><body>
<outline text="News">
<outline text="Test News" type="rss" xmlUrl="file://$data/english.xml"/>
<outline text="أخبار" type="rss" xmlUrl="file://$data/arabic.xml"/>
</outline>
</body></opml>
EOF
urls=$TMPD/config/akhbar/urls
UI_ENV="AKHBAR_DATADIR=$TMPD/share"
ui_start 100 30 -u "$urls" -C "$TMPD/cache.db"
ui_wait "Welcome to akhbar!"
tap_ok $? "no urls file: the first-run screen"
ui_screen >"$TMPD/first"
grep -q "$urls" "$TMPD/first"
tap_ok $? "... names the file to write"
grep -q "press i to import the bundled list of 2 Arabic" "$TMPD/first"
tap_ok $? "... and offers the starter list (2 feeds)"
ui_keys i
ui_wait "Test News"
tap_ok $? "i imports it: the feed list shows its feeds"
ui_wait "Reloaded" 100
tap_ok $? "... and reloads them"
grep -q "^file://$data/english.xml \"News\" \"~Test News\"$" "$urls"
tap_ok $? "the urls file has each feed with its folder as a tag and its title"
tap_is "$(grep -c '^file://' "$urls")" 2 "... both feeds"
ui_keys Q
ui_exited
tap_is "$("$AKHBAR" -u "$urls" -C "$TMPD/cache.db" --unread-count)" 7 \
    "... and their articles are in the cache"
UI_ENV=

# ---- --demo ----
mkdir -p "$TMPD/tmp"
UI_ENV="AKHBAR_DATADIR=$(cd "$top_srcdir" && pwd) TMPDIR=$TMPD/tmp"
ui_start 100 30 --demo
ui_wait "Meridian Dispatch"
tap_ok $? "--demo opens the interface on the demo feeds"
ls "$TMPD/tmp" | grep -q "akhbar-demo"
tap_ok $? "... in a directory of its own"
ui_keys Q
ui_exited
tap_is "$(ls "$TMPD/tmp")" "" "... removed on exit"
UI_ENV=

# ---- links: $BROWSER gets the URL as one argument ----
cat >"$TMPD/browser" <<EOF
#!/bin/sh
for a in "\$@"; do printf '[%s]\\n' "\$a"; done >"$TMPD/browser.out"
EOF
chmod +x "$TMPD/browser"
cache=$TMPD/links.db
lurls=$TMPD/links.urls
ui_fill "$cache" "$lurls" english.xml
sqlq "$cache" "UPDATE item SET link = 'https://ui.test/a b?x=\$(touch $TMPD/pwned)&y=;id' WHERE guid = 'urn:akhbar:ui:en:2'" >/dev/null
sqlq "$cache" "UPDATE item SET link = 'javascript:alert(1)' WHERE guid = 'urn:akhbar:ui:en:3'" >/dev/null
evil='https://ui.test/?q=$(touch${IFS}'"$TMPD"'/pwned2)&x=`id`;ls'
sqlq "$cache" "UPDATE item SET link = '$evil' WHERE guid = 'urn:akhbar:ui:en:1'" >/dev/null
UI_ENV="BROWSER=$TMPD/browser"
ui_start 100 30 -u "$lurls" -C "$cache"
ui_wait "Test News"
ui_keys End Enter
ui_wait "Markets rise"
ui_keys o
i=0
while [ ! -s "$TMPD/browser.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
tap_is "$(cat "$TMPD/browser.out" 2>/dev/null)" "[$evil]" \
    "o opens the article's link with \$BROWSER, as one argument, as it is"
[ ! -e "$TMPD/pwned2" ]
tap_ok $? "... and no shell ever read it"
ui_keys Enter
ui_wait "See more"
rm -f "$TMPD/browser.out"
ui_keys 1
i=0
while [ ! -s "$TMPD/browser.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
tap_is "$(cat "$TMPD/browser.out" 2>/dev/null)" "[https://ui.test/en/more]" \
    "1 in the article view opens link 1"
ui_keys q j
rm -f "$TMPD/browser.out"
ui_keys o
ui_wait "cannot open the link"
tap_ok $? "a link with a space is refused, with a message"
[ ! -e "$TMPD/pwned" ]
tap_ok $? "... and no shell ever saw it"
ui_keys Escape j o
ui_wait "not a link akhbar opens"
tap_ok $? "a javascript: link is refused"
[ ! -s "$TMPD/browser.out" ]
tap_ok $? "... the browser never ran"
ui_keys Q
ui_exited
ui_done
