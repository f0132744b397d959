#!/bin/sh
# Imports and exports from the command line: OPML in and out (a round
# trip keeps feeds, titles and folders; the urls file keeps its comments;
# a file that is not OPML, or is 50 MB, changes nothing) and newsboat's
# files (a cache written by the newsboat program when it is installed,
# else one it wrote for this fixture; a cache of an unknown version
# changes nothing).
. "${top_srcdir:-.}/tests/lib.sh"
PY=${PYTHON3:-python3}
urls=$TMPD/urls

# ---- OPML ----
cat >"$urls" <<'EOF'
# my feeds, by hand

https://kept.example/rss "old tag"
# the end
EOF
cp "$urls" "$TMPD/urls.before"
out=$("$AKHBAR" -u "$urls" --import-opml "$top_srcdir/tests/data/opml2.opml"); rc=$?
tap_is "$rc" 0 "--import-opml exits 0"
case $out in *"5 feeds added to $urls, 0 already there"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... and says what it added ($out)"
head -4 "$urls" >"$TMPD/head"
cmp -s "$TMPD/head" "$TMPD/urls.before"
tap_ok $? "the urls file keeps its lines, comments and all"
grep -q '^https://a.example/rss?x=1&y=2 "أخبار" "~الجزيرة التجريبية"$' "$urls"
tap_ok $? "a folder becomes a tag, a title ~title"
grep -q '^https://w.example/atom "أخبار/World" "~Only a title"$' "$urls"
tap_ok $? "nested folders are one tag"
grep -q '^https://top.example/rss "Tech" "~Top level"$' "$urls"
tap_ok $? "a feed listed twice is one line with both places"
grep -q '^https://space.example/rss "Science/Space" "Other" "~By attribute"$' "$urls"
tap_ok $? "OPML 2.0's category attribute: every path a tag"
out=$("$AKHBAR" -u "$urls" --import-opml "$top_srcdir/tests/data/opml2.opml")
case $out in *"0 feeds added to $urls, 5 already there"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "importing again adds nothing ($out)"

# Round trip: export, import into an empty urls file, export again.
"$AKHBAR" -u "$urls" --export-opml >"$TMPD/out.opml"; rc=$?
tap_is "$rc" 0 "--export-opml exits 0"
"$AKHBAR" -u "$TMPD/urls2" --import-opml "$TMPD/out.opml" >/dev/null
tap_ok $? "its output imports"
grep -v '^#' "$urls" | grep . | sort >"$TMPD/a"
grep -v '^#' "$TMPD/urls2" | sort >"$TMPD/b"
cmp -s "$TMPD/a" "$TMPD/b"; r=$?
tap_ok $r "import then export then import: the same feeds, titles and tags"
[ $r -eq 0 ] || diff "$TMPD/a" "$TMPD/b" | sed 's/^/# /'
"$AKHBAR" -u "$TMPD/urls2" --export-opml >"$TMPD/out2.opml"
cmp -s "$TMPD/out.opml" "$TMPD/out2.opml"
tap_ok $? "... and the same OPML"

# Bad OPML changes nothing.
cp "$urls" "$TMPD/urls.kept"
err=$("$AKHBAR" -u "$urls" --import-opml "$top_srcdir/tests/data/rss2.xml" 2>&1); rc=$?
tap_is "$rc" 1 "a file that is not OPML exits 1"
case $err in *"rss2.xml: not an OPML document (line "*": the root element is <rss>, not <opml>)"*"nothing was changed"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... naming the file ($err)"
$PY -c "import sys; f=open(sys.argv[1],'w'); f.write('<opml version=\"2.0\"><body>'); [f.write('<outline xmlUrl=\"https://x.example/%d\"/>\n' % i) for i in range(1300000)]; f.write('</body></opml>')" "$TMPD/big.opml"
err=$("$AKHBAR" -u "$urls" --import-opml "$TMPD/big.opml" 2>&1); rc=$?
tap_is "$rc" 1 "a 50 MB OPML file exits 1"
case $err in *"big.opml: "*"more than"*"nothing was changed"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... saying it is too large ($err)"
err=$("$AKHBAR" -u "$urls" --import-opml "$TMPD/none.opml" 2>&1); rc=$?
tap_is "$rc" 1 "a missing OPML file exits 1"
cmp -s "$urls" "$TMPD/urls.kept"
tap_ok $? "none of them changed the urls file"
printf '<opml><body><outline xmlUrl="exec:rm -rf ~"/><outline xmlUrl="ftp://f.example/"/><outline xmlUrl="https://ok.example/"/></body></opml>\n' >"$TMPD/odd.opml"
err=$("$AKHBAR" -u "$TMPD/urls3" --import-opml "$TMPD/odd.opml" 2>&1 >/dev/null)
tap_is "$(cat "$TMPD/urls3" | grep -v '^#')" "https://ok.example/" \
    "an exec: or ftp: outline is not added"
case $err in *"skipped: not a feed URL: exec:rm -rf ~"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... and each is named ($err)"

# ---- newsboat ----
nb=$TMPD/nb
mkdir -p "$nb" "$TMPD/nbhome"
cp "$top_srcdir/tests/data/rss2.xml" "$TMPD/feed.xml"
feed="file://$TMPD/feed.xml"
cat >"$nb/urls" <<EOF
# newsboat's own
$feed "tag one" "~Morning news"
"query:Unread:unread = \"yes\"" "!"
EOF
made=
if command -v newsboat >/dev/null 2>&1 &&
    HOME=$TMPD/nbhome newsboat -u "$nb/urls" -c "$nb/cache.db" -C /dev/null \
    -x reload </dev/null >/dev/null 2>&1 && [ -s "$nb/cache.db" ]; then
	made="by the newsboat program"
else
	rm -f "$nb/cache.db"
	sed "s#@FEED@#$feed#g" "$top_srcdir/tests/data/newsboat/cache-2.11.sql" |
	    $PY -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(sys.stdin.read())" \
	    "$nb/cache.db" && made="from the fixture newsboat wrote"
fi
tap_ok $? "a newsboat cache made $made"
# Read one article in newsboat, flag another.
$PY - "$nb/cache.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE rss_item SET unread = 0 WHERE guid = 'akhbar-news-1'")
c.execute("UPDATE rss_item SET flags = 's' WHERE guid LIKE '%news/3.html'")
c.commit()
EOF
export XDG_CONFIG_HOME="$TMPD/ak/config" XDG_DATA_HOME="$TMPD/ak/data"
out=$("$AKHBAR" --import-newsboat "$nb" 2>"$TMPD/err"); rc=$?
tap_is "$rc" 0 "--import-newsboat DIR exits 0"
case $out in *"2 feeds added"*"3 articles imported, 1 marked read, 1 starred"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... saying what it did ($out)"
grep -q "^$feed \"tag one\" \"~Morning news\"$" "$XDG_CONFIG_HOME/akhbar/urls"
tap_ok $? "newsboat's feed with its tag and title"
grep -q '^"query:Unread:unread = \\"yes\\"" "!"$' "$XDG_CONFIG_HOME/akhbar/urls"
tap_ok $? "... and its query: feed, hidden"
out=$("$AKHBAR" --unread-count); tap_is "$out" 2 "read states came over"
out=$("$AKHBAR" --search 'خبر' --json)
case $out in *'"title": "خبر بلا تاريخ"'*'"unread": true, "starred": true'*) r=0 ;; *) r=1 ;; esac
tap_ok $r "a flagged article is starred"
"$AKHBAR" --reload >/dev/null 2>&1
tap_is "$("$AKHBAR" --unread-count)" 3 \
    "after a reload, the articles matched by guid keep their states"
out=$("$AKHBAR" --import-newsboat "$nb" 2>&1)
case $out in *"0 feeds added"*"2 already there"*"0 articles imported, 0 marked read, 0 starred"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "importing again changes nothing ($out)"

# newsboat found in ~/.newsboat.
export XDG_CONFIG_HOME="$TMPD/ak2/config" XDG_DATA_HOME="$TMPD/ak2/data"
mkdir -p "$HOME/.newsboat"
cp "$nb/urls" "$nb/cache.db" "$HOME/.newsboat/"
"$AKHBAR" --import-newsboat >/dev/null 2>&1
tap_ok $? "--import-newsboat finds ~/.newsboat"

# An unknown version changes nothing.
export XDG_CONFIG_HOME="$TMPD/ak3/config" XDG_DATA_HOME="$TMPD/ak3/data"
$PY -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('UPDATE metadata SET db_schema_version_major = 3, db_schema_version_minor = 0'); c.commit()" \
    "$HOME/.newsboat/cache.db"
err=$("$AKHBAR" --import-newsboat 2>&1); rc=$?
tap_is "$rc" 1 "a newsboat cache of an unknown version exits 1"
case $err in *".newsboat/cache.db: newsboat cache version 3.0 is one akhbar does not know"*"nothing was changed"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... naming the file and its version ($err)"
[ ! -e "$XDG_CONFIG_HOME/akhbar/urls" ] && [ ! -e "$XDG_DATA_HOME/akhbar/cache.db" ]
tap_ok $? "... and akhbar's files are not made"
printf 'not a database\n' >"$HOME/.newsboat/cache.db"
"$AKHBAR" --import-newsboat >/dev/null 2>&1
tap_is "$?" 1 "a newsboat cache that is no database exits 1"
printf 'https://ok.example/ "unclosed\n' >"$HOME/.newsboat/urls"
rm "$HOME/.newsboat/cache.db"
err=$("$AKHBAR" --import-newsboat 2>&1 >/dev/null)
case $err in *".newsboat/urls:1: skipped: no closing quote"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "a bad line of newsboat's urls file is named with its line ($err)"
"$AKHBAR" --import-newsboat "$TMPD/nowhere" >/dev/null 2>&1
tap_is "$?" 1 "no newsboat files there exits 1"
tap_done
