#!/bin/sh
# The interface's chrome and its ways in and out, in tmux: the title bar's
# key reminders come from the live key table (a bind shows there, an
# unbound action is left out); confirm-quit asks before quitting (y
# quits, another key stays; the Arabic layout's letter on y too); the
# browser setting's %u is the URL as one argv element (a fake browser
# records its argv); and the first run offers newsboat's files when they
# are in ~/.newsboat, importing its feeds and its read and starred
# states. Prints TAP; skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"
PY=${PYTHON3:-python3}
cache=$TMPD/cache.db
urls=$TMPD/urls
ui_fill "$cache" "$urls" english.xml arabic.xml

# ---- the title bar's keys, from the key table ----
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Test News"
ui_row 0 | grep -q "q:quit  ENTER:open  r:reload  /:search  ?:help *$"
tap_ok $? "the feed list's title bar reminds of its main keys"
ui_keys End Enter
ui_wait "Markets rise"
ui_row 0 | grep -q "q:back  ENTER:open  r:reload  /:search  ?:help *$"
tap_ok $? "... the article list's: q goes back there"
ui_keys Enter
ui_wait "Link:"
ui_row 0 | grep -q "q:back  f:full article  u:links  ?:help *$"
tap_ok $? "... the article view's: f for the full article, u for links"
ui_keys Q
ui_exited
cat >"$TMPD/conf" <<'EOF2'
unbind r
bind x reload
bind F1 help
unbind ?
EOF2
ui_start 100 30 -c "$TMPD/conf" -u "$urls" -C "$cache"
ui_wait "Test News"
ui_row 0 | grep -q "q:quit  ENTER:open  x:reload  /:search  F1:help *$"
tap_ok $? "bind and unbind show in the title bar (x:reload, F1:help)" ||
    ui_row 0 | sed 's/^/# /'
ui_row 0 | grep -q "r:reload"
tap_ok $((! $?)) "... and the unbound key is gone from it"
ui_keys Q
ui_exited

# ---- confirm-quit ----
printf 'confirm-quit yes\n' >"$TMPD/confq"
ui_start 100 30 -c "$TMPD/confq" -u "$urls" -C "$cache"
ui_wait "Test News"
ui_keys Q
ui_wait "Quit akhbar? (y: yes, any other key: no)"
tap_ok $? "confirm-quit: Q asks first"
ui_keys n
ui_wait_gone "Quit akhbar?"
tap_ok $? "... n answers no: the question goes"
sleep 0.2
[ ! -s "$TMPD/ui.status" ]
tap_ok $? "... and akhbar still runs"
ui_keys q
ui_wait "Quit akhbar?"
tap_ok $? "q on the feed list asks too"
ui_keys y
ui_exited
tap_is "$(cat "$TMPD/ui.status" 2>/dev/null)" 0 "... y quits"
ui_start 100 30 -c "$TMPD/confq" -u "$urls" -C "$cache"
ui_wait "Test News"
ui_keys Q
ui_wait "Quit akhbar?"
ui_type "غ"
ui_exited
tap_is "$(cat "$TMPD/ui.status" 2>/dev/null)" 0 \
    "... and so does غ, on the y key of the Arabic layout"
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Test News"
ui_keys Q
ui_exited
tap_ok $? "without confirm-quit, Q quits at once"

# ---- browser "... %u": the URL is one argument ----
cat >"$TMPD/browser" <<EOF2
#!/bin/sh
for a in "\$@"; do printf '[%s]\\n' "\$a"; done >"$TMPD/browser.out"
EOF2
chmod +x "$TMPD/browser"
evil='https://ui.test/a?q=$(touch${IFS}'"$TMPD"'/pwned)&x=`id`;ls"quoted"%u'
sqlq "$cache" "UPDATE item SET link = '$evil' WHERE guid = 'urn:akhbar:ui:en:1'" >/dev/null
printf 'browser "%s --new-tab --url=%%u --end"\n' "$TMPD/browser" >"$TMPD/confb"
ui_start 100 30 -c "$TMPD/confb" -u "$urls" -C "$cache"
ui_wait "Test News"
ui_keys End k Enter
ui_wait "Markets rise"
ui_keys o
i=0
while [ ! -s "$TMPD/browser.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
tap_is "$(cat "$TMPD/browser.out" 2>/dev/null)" "[--new-tab]
[--url=$evil]
[--end]" "browser's %u is replaced by the URL, inside its word, as one argument"
[ ! -e "$TMPD/pwned" ]
tap_ok $? "... and no shell ever read it"
ui_keys Q
ui_exited

# ---- the first run offers newsboat's files ----
home=$TMPD/home
mkdir -p "$home/.newsboat"
cp "$top_srcdir/tests/data/rss2.xml" "$TMPD/feed.xml"
feed="file://$TMPD/feed.xml"
printf '%s "tag one" "~Morning news"\n' "$feed" >"$home/.newsboat/urls"
sed "s#@FEED@#$feed#g" "$top_srcdir/tests/data/newsboat/cache-2.11.sql" |
    $PY -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(sys.stdin.read())" \
    "$home/.newsboat/cache.db"
$PY - "$home/.newsboat/cache.db" <<'EOF2'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE rss_item SET unread = 0 WHERE guid = 'akhbar-news-1'")
c.execute("UPDATE rss_item SET flags = 's' WHERE guid LIKE '%news/3.html'")
c.commit()
EOF2
nurls=$TMPD/ak/urls
ncache=$TMPD/ak/cache.db
UI_ENV="HOME=$home XDG_CONFIG_HOME=$TMPD/none XDG_DATA_HOME=$TMPD/none AKHBAR_DATADIR=$TMPD/nodata"
ui_start 100 30 -u "$nurls" -C "$ncache"
ui_wait "Welcome to akhbar!"
ui_wait "newsboat's feeds are in $home/.newsboat/urls: press n to import them"
tap_ok $? "the first run offers newsboat's feeds, naming its urls file"
ui_row 0 | grep -q "n:newsboat's feeds"
tap_ok $? "... and the title bar reminds of n"
ui_keys n
ui_wait "Morning news" 100
tap_ok $? "n imports them: the feed list shows newsboat's feed by its title"
ui_wait "Reloaded" 100
tap_ok $? "... and reloads it"
grep -q "^ N *1  Starred articles" "$TMPD/screen"
tap_ok $? "... newsboat's flagged article starred"
ui_keys Q
ui_exited
UI_ENV=
grep -q "^$feed \"tag one\" \"~Morning news\"$" "$nurls"
tap_ok $? "the urls file has newsboat's line, its tag and title"
tap_is "$("$AKHBAR" -u "$nurls" -C "$ncache" --search 'خبر' --json | grep -c '"starred": true')" 1 \
    "... and the cache newsboat's flagged article, starred"

# ---- the README's capture of the article view is the interface's now ----
UI_ENV="TZ=UTC AKHBAR_DATADIR=$(cd "$top_srcdir" && pwd) TMPDIR=$TMPD"
ui_start 80 40 --demo
ui_wait "Meridian Dispatch"
ui_keys j j j j j j j Enter
sleep 0.3
ui_keys j Enter
ui_wait " 100%  "
UI_ENV=
ui_screen | sed 's/ *$//' >"$TMPD/capture"
$PY - "$top_srcdir/README.md" "$TMPD/capture" <<'EOF2'
import sys
readme = open(sys.argv[1], encoding="utf-8").read()
start = readme.index("```\n akhbar ") + 4
block = readme[start:readme.index("```", start)].rstrip("\n").split("\n")
screen = open(sys.argv[2], encoding="utf-8").read().split("\n")
status = [l for l in screen if l.startswith(" 100%")][0]
body = screen[:screen.index(status)]
while body and body[-1] == "":
    body.pop()
want = body + ["", status]
for i, (a, b) in enumerate(zip(block, want)):
    if a != b:
        print("# line %d: README %r, screen %r" % (i + 1, a, b))
        sys.exit(1)
sys.exit(0 if len(block) == len(want) else 1)
EOF2
tap_ok $? "the README's capture of the Arabic article view is what the demo shows"
ui_keys Q
ui_exited
ui_done
