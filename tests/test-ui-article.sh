#!/bin/sh
# The article view over the renderer, end to end in tmux: the renderer's
# fixtures (tests/data/html: a news article with a figure and caption,
# tables, nested lists, Arabic and mixed paragraphs, dir=rtl/ltr blocks)
# as the items of a feed, the CDATA and double-escaped feeds beside them.
# Each article's rows are held to doc_text()'s, the reference doc.h names
# (tests/doc-show: the same item rendered at the view's width, set in
# visual order), and some rows are written out here: a table, a nested
# RTL list with its markers on the right in Arabic-Indic digits, the bar
# of an RTL quote at the right, a rule. Link numbers open their URL;
# a resize sets the tables again; a long article is laid out lazily but
# every screen of it, paged or jumped to, is the reference's. Prints TAP;
# skips without tmux.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

show=${top_builddir:-.}/tests/doc-show
html=$(cd "$top_srcdir/tests/data/html" && pwd)
cache=$TMPD/cache.db
urls=$TMPD/urls

# The checks' helpers, in python: rows as cells, a row written out.
cat >"$TMPD/rows.py" <<'EOF'
import sys, unicodedata

def cells(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)

def unshape(row):
    # Presentation forms back to their letters; a lam-alef ligature
    # stays one cell (its isolated form), as the screen shows it.
    out = []
    for c in row:
        o = ord(c)
        if 0xFEF5 <= o <= 0xFEFC:
            out.append(chr(o - (o - 0xFEF5) % 2))
        elif 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFC:
            out.append(unicodedata.normalize("NFKC", c))
        else:
            out.append(c)
    return "".join(out)

def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").rstrip(" ") for l in f]

cmd = sys.argv[1]
if cmd == "unshape":
    for l in lines(sys.argv[2]):
        print(unshape(l))
elif cmd == "right":
    # TEXT ending at column END (exclusive), as a right-aligned row.
    t = sys.argv[2]
    print(" " * (int(sys.argv[3]) - cells(t)) + t)
elif cmd == "find":
    # The first row holding TEXT.
    for i, l in enumerate(lines(sys.argv[2])):
        if sys.argv[3] in l:
            print(i)
            break
    else:
        print(-1)
elif cmd == "cmp":
    # Screen rows FROM..FROM+N against reference lines START..: each
    # row is the line after the view's one-column margin.
    scr, ref = lines(sys.argv[2]), lines(sys.argv[3])
    row, start, n = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    bad = 0
    for k in range(n):
        i = start + k
        want = ("" if i < 0 or i >= len(ref) else (" " + ref[i]).rstrip())
        got = scr[row + k] if row + k < len(scr) else ""
        if got != want and bad < 3:
            sys.stderr.write("# row %d (line %d)\n#  got: %r\n# want: %r\n"
                             % (row + k, i, got, want))
        bad += got != want
    sys.exit(1 if bad else 0)
elif cmd == "dim":
    # The text of the dimmed cells (SGR 2) of the first row holding TEXT,
    # in a capture with its escape sequences (capture-pane -e).
    import re
    for l in lines(sys.argv[2]):
        if sys.argv[3] not in re.sub("\x1b\\[[0-9;]*m", "", l):
            continue
        dim, out = False, []
        for m in re.finditer("\x1b\\[([0-9;]*)m|(.)", l):
            if m.group(2) is not None:
                if dim:
                    out.append(m.group(2))
                continue
            codes = (m.group(1) or "0").split(";")
            for c in codes:
                if c in ("0", "22"):
                    dim = False
                elif c == "2":
                    dim = True
        print("".join(out))
        break
elif cmd == "count":
    print(len(lines(sys.argv[2])))
EOF
rows() { "${PYTHON3:-python3}" "$TMPD/rows.py" "$@"; }

# ---- the feed: each fixture an item, newest first in this order ----
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
	echo '<channel><title>Fixtures</title><link>https://news.example/</link>'
	echo '<language>ar</language>'
	h=9
	for f in news-ar news-figure table lists mixed; do
		printf '<item><title>fixture %s</title>' "$f"
		printf '<link>https://fixtures.example/%s/page.html</link>' "$f"
		printf '<guid>urn:fx:%s</guid>' "$f"
		printf '<pubDate>Mon, 13 May 2024 0%d:00:00 +0000</pubDate>' "$h"
		printf '<content:encoded><![CDATA['
		cat "$html/$f.html"
		echo ']]></content:encoded></item>'
		h=$((h - 1))
	done
	# A line of code wider than the view.
	printf '<item><title>fixture wide</title><guid>urn:fx:wide</guid>'
	printf '<link>https://fixtures.example/wide/page.html</link>'
	printf '<pubDate>Mon, 13 May 2024 03:00:00 +0000</pubDate>'
	printf '<content:encoded><![CDATA[<p>Code:</p><pre>'
	printf 'int x = f(%s);\nshort</pre>]]></content:encoded></item>\n' \
	    "$(printf '%0120d' 0 | sed 's/0/a, /g' | cut -c1-200)"
	echo '</channel></rss>'
} >"$TMPD/fixtures.xml"
printf 'file://%s\nfile://%s\nfile://%s\n' "$TMPD/fixtures.xml" \
    "$html/cdata-feed.xml" "$html/double-escaped.xml" >"$urls"
"$AKHBAR" -u "$urls" -C "$cache" --reload >/dev/null 2>&1
tap_is "$(sqlq "$cache" "SELECT count(*) FROM item")" 10 \
    "the fixtures reload into a cache: 10 articles in 3 feeds"
id() { sqlq "$cache" "SELECT id FROM item WHERE guid = '$1'"; }

# check_article NAME GUID: the open article's body against the reference.
check_article() {
	ui_screen >"$TMPD/s"
	"$show" "$cache" "$(id "$2")" 98 >"$TMPD/ref"
	n=$(rows find "$TMPD/s" "Link: ")
	tap_ok $? "$1: its header, then the body"
	rows cmp "$TMPD/s" "$TMPD/ref" $((n + 2)) 0 $((57 - n - 1))
	r=$?
	tap_ok $r "$1: every row as doc_text sets it ($(rows count "$TMPD/ref") lines)"
	[ $r -eq 0 ] || sed 's/^/# | /' "$TMPD/s"
}

ui_start 100 60 -u "$urls" -C "$cache"
ui_wait "Escaped twice"
ui_keys j j Enter
ui_wait "fixture wide"
ui_keys Enter
ui_wait "Link: https://fixtures.example/news-ar/"
check_article "news-ar (dir=rtl, figure, quote, nested list, rule)" urn:fx:news-ar
rows unshape "$TMPD/s" >"$TMPD/u"
grep -qxF "$(rows right '«ماعلا ةياهن لبق نينطاوملا لكل تاحاقللا ريفوت ىلع لمعن» │' 99)" "$TMPD/u"
tap_ok $? "an RTL quote: right-aligned inside its indent, its bar in the rightmost column"
grep -qxF "$(rows right 'ةلقنتم ةدايع ١٠٠ ريفوت .١' 99)" "$TMPD/u" &&
    grep -qxF "$(rows right 'ضرمم ٥٠٠ بيردت .٢' 99)" "$TMPD/u" &&
    grep -qxF "$(rows right 'سرادملا يف ةيعوت ةلمح .٣' 99)" "$TMPD/u"
tap_ok $? "an RTL ordered list: Arabic-Indic numbers on the right of each item"
grep -qxF "$(rows right 'ةيئادتبﻻا ةلحرملا ◦' 96)" "$TMPD/u" &&
    grep -qxF "$(rows right 'ةيوناثلا ةلحرملا ◦' 96)" "$TMPD/u"
tap_ok $? "... its nested list three columns further in from the right, bullets on the right"
grep -qxF " ──────────────────────────────────────────────────────────────────────────────────────────────────" "$TMPD/s"
tap_ok $? "a rule: U+2500 across the text's 98 columns"
grep -q "\[image: عيادة متنقلة في قرية نائية\]\[1\]" "$TMPD/s" ||
    grep -qF "$(rows right '[1][ةيئان ةيرق يف ةلقنتم ةدايع :image]' 99)" "$TMPD/u"
tap_ok $? "the figure's placeholder, numbered, its caption under it"
T capture-pane -p -e -t ui >"$TMPD/esc"
tap_is "$(rows dim "$TMPD/esc" ":image]" | rows unshape /dev/stdin)" \
    "[ةيئان ةيرق يف ةلقنتم ةدايع :image]" "... the placeholder's words dimmed, its number not"

# Link numbers open their URLs; ingest made /regions/north absolute.
cat >"$TMPD/browser" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s\\n' "\$a"; done >>"$TMPD/browser.out"
EOF
chmod +x "$TMPD/browser"
ui_keys q Q
ui_exited
UI_ENV="BROWSER=$TMPD/browser"
# opened N: the URL the browser got after the key N.
opened() {
	rm -f "$TMPD/browser.out"
	ui_keys "$1"
	i=0
	while [ ! -s "$TMPD/browser.out" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	cat "$TMPD/browser.out" 2>/dev/null
}
ui_start 100 60 -u "$urls" -C "$cache"
ui_wait "Escaped twice"
ui_keys j j Enter
ui_wait "fixture wide"
ui_keys Enter
ui_wait "Link: https://fixtures.example/news-ar/"
tap_is "$(opened 1)" "https://cdn.news.example/2024/05/clinic.jpg" \
    "1 opens the first link: the figure's image"
tap_is "$(opened 2)" "https://news.example/more?a=1&b=2" \
    "2 the second (the javascript: link before it is no link)"
ui_keys 3
ui_wait "No link 3"
tap_ok $? "3: no such link, said so (the feed's URL made /regions/north a file: URL, never offered)"
ui_keys J
ui_wait "Link: https://fixtures.example/news-figure/"
check_article "news-figure (figure and caption, tweet quote, list)" urn:fx:news-figure
tap_is "$(opened 1)" \
    "https://fixtures.example/wp-content/uploads/2024/05/geneva-talks.jpg" \
    "a relative image (data-src) resolved against the item's link"
tap_is "$(opened 8)" "https://news.example" "8 opens the eighth link"
ui_keys u
ui_wait "[8] https://news.example"
tap_ok $? "u lists the renderer's links, numbered the same"
ui_keys q
UI_ENV=

ui_keys J
ui_wait "Link: https://fixtures.example/table/"
check_article "table (aligned columns and label: value rows)" urn:fx:table
rows unshape "$TMPD/s" >"$TMPD/u"
rows right 'طاقن  بعل       قيرفلا' 99 >"$TMPD/want"
rows right '────  ───  ───────────' 99 >>"$TMPD/want"
rows right '٢٤   ١٠        يلهﻷا' 99 >>"$TMPD/want"
rows right '٢١   ١٠      كلامزلا' 99 >>"$TMPD/want"
rows right '١٩    ٩  Pyramids FC' 99 >>"$TMPD/want"
n=$(rows find "$TMPD/u" "قيرفلا")
sed -n "$((n + 1)),$((n + 5))p" "$TMPD/u" >"$TMPD/got"
cmp -s "$TMPD/got" "$TMPD/want"
r=$?
tap_ok $r "an RTL table: its five rows in aligned columns, right-aligned, the header ruled"
[ $r -eq 0 ] || { sed 's/^/# got  | /' "$TMPD/got"; sed 's/^/# want | /' "$TMPD/want"; }
grep -qxF "$(rows right 'ةرهاقلا     ةمصاعلا' 99)" "$TMPD/u"
tap_ok $? "at 98 columns the infobox fits: two columns"

# A resize sets the tables for the new width.
T resize-window -t ui -x 60 -y 60
ui_wait_gone "ﺓﺮﻫﺎﻘﻟﺍ     ﺔﻤﺻﺎﻌﻟﺍ"
ui_screen >"$TMPD/s"
rows unshape "$TMPD/s" >"$TMPD/u"
grep -qxF "$(rows right 'ةرهاقلا :ةمصاعلا' 59)" "$TMPD/u"
tap_ok $? "resized to 60: the infobox set again, as label: value lines"
"$show" "$cache" "$(id urn:fx:table)" 58 >"$TMPD/ref"
n=$(rows find "$TMPD/s" "Link: ")
rows cmp "$TMPD/s" "$TMPD/ref" $((n + 2)) 0 $((57 - n - 1))
tap_ok $? "... every row as doc_text sets the article at 58 columns"
T resize-window -t ui -x 100 -y 60
ui_wait "ﺓﺮﻫﺎﻘﻟﺍ     ﺔﻤﺻﺎﻌﻟﺍ"
tap_ok $? "... and back at 100: two columns again"

ui_keys J
ui_wait "Link: https://fixtures.example/lists/"
check_article "lists (nested, numbered from 8, reversed, Persian digits)" urn:fx:lists
rows unshape "$TMPD/s" >"$TMPD/u"
grep -qxF "$(rows right 'هناماس رد مانتبث .۱' 99)" "$TMPD/u"
tap_ok $? "a Persian list: its markers on the right, in Persian digits"
grep -qxF "       ▪ a utility bill, or" "$TMPD/s" &&
    grep -qxF "  8. Fill in the form." "$TMPD/s" &&
    grep -qxF " 10. Pay the fee." "$TMPD/s"
tap_ok $? "an LTR list: markers on the left, padded, nesting indented"
ui_keys J
ui_wait "Link: https://fixtures.example/mixed/"
check_article "mixed (Arabic and English, dir=ltr/rtl, code, pre)" urn:fx:mixed
grep -q "^ The full statement: «" "$TMPD/s"
tap_ok $? "a dir=ltr block starts at the left"
ui_keys J
ui_wait "Link: https://fixtures.example/wide/"
ui_screen >"$TMPD/s"
n=$(rows find "$TMPD/s" "int x = f(a, a,")
row=$(sed -n "$((n + 1))p" "$TMPD/s")
tap_is "$(printf "%s" "$row" | cut -c1-12)$(printf '%s' "$row" | tail -c 3)" \
    " int x = f(a›" "a verbatim line wider than the view: clipped, › in the margin"
ui_keys Right
ui_wait "‹"
ui_screen >"$TMPD/s"
row=$(sed -n "$((n + 1))p" "$TMPD/s")
tap_is "$(printf '%s' "$row" | cut -c1-11)" "‹a, a, a," \
    "Right scrolls it half a view: ‹ in the left margin"
tap_is "$(sed -n "$((n + 2))p" "$TMPD/s")" "‹" "... the short line beside it scrolled off"
ui_keys Left
ui_wait_gone "‹"
tap_ok $? "Left scrolls it back"
ui_keys Left
ui_wait "fixture news-ar"
tap_ok $? "... and Left again, with nothing scrolled, goes back to the list"
ui_keys Enter
ui_wait "Link: "
ui_keys q q j Enter
ui_wait "ﺔﺻﺎﺧ ﺔﻠﺑﺎﻘﻣ"
ui_keys j Enter
ui_wait "Link: https://radio.example/"
check_article "a CDATA body with enclosures" \
    https://radio.example/ar/?p=901
grep -qxF " [audio: audio/mpeg][1]" "$TMPD/s" &&
    grep -qxF " [file: 200 kB, application/pdf][2]" "$TMPD/s"
tap_ok $? "... its <audio> and the enclosure it does not show as placeholders"
ui_keys q q j Enter
ui_wait "Budget passes"
ui_keys j Enter
ui_wait "Link: https://twice.example/budget"
check_article "a double-escaped body" https://twice.example/budget
grep -qxF " The budget passed by 61 votes to 40." "$TMPD/s" &&
    ! grep -q "<p>\|&lt;" "$TMPD/s"
tap_ok $? "... rendered once: no tag or entity shows"
ui_keys q Q
ui_exited

# ---- a long article: laid out lazily, every screen still exact ----
"${PYTHON3:-python3}" - "$TMPD/long.xml" <<'EOF'
import sys
words = ("كتب الطالب رسالة إلى صديقه في المدينة ارتفعت الأسواق بنسبة "
         "بعد إعلان الحكومة قررت الاجتماع الأول للمجلس وزير الخارجية "
         "قال إن العلاقات بين البلدين جيدة ٢٠٢٦ Apple NASA الطقس مشمس "
         "مع رياح خفيفة، لا تزال المفاوضات مستمرة").split()
state = [20260101]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2**31
    return (state[0] >> 8) % n
body = ['<table><tr><th>الفريق</th><th>نقاط</th></tr>'
        '<tr><td>الأهلي</td><td>٢٤</td></tr></table>']
for p in range(240):
    if p % 20 == 7:
        body.append("<h2>%s %s</h2>" % (words[rnd(len(words))],
                                        words[rnd(len(words))]))
    if p % 30 == 11:
        body.append("<ul>" + "".join("<li>%s %s</li>" % (
            words[rnd(len(words))], words[rnd(len(words))])
            for i in range(3)) + "</ul>")
    if p % 45 == 20:
        body.append("<blockquote><p>%s</p></blockquote>" % " ".join(
            words[rnd(len(words))] for i in range(30)))
    body.append("<p>%s</p>" % " ".join(words[rnd(len(words))]
                                      for i in range(5 + rnd(80))))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            '<channel><title>Long</title><language>ar</language>'
            '<item><title>long</title><guid>urn:long</guid>'
            '<link>https://long.example/a</link>'
            '<content:encoded><![CDATA[%s]]></content:encoded></item>'
            '</channel></rss>\n' % "\n".join(body))
EOF
echo "file://$TMPD/long.xml" >"$TMPD/long.urls"
"$AKHBAR" -u "$TMPD/long.urls" -C "$TMPD/long.db" --reload >/dev/null 2>&1
"$show" "$TMPD/long.db" "$(sqlq "$TMPD/long.db" "SELECT id FROM item")" 98 \
    >"$TMPD/ref"
total=$(rows count "$TMPD/ref")
ui_start 100 60 -u "$TMPD/long.urls" -C "$TMPD/long.db"
ui_wait "Long"
ui_keys Enter
ui_wait "long"
ui_keys Enter
ui_wait "Link: https://long.example/a"
ui_screen >"$TMPD/s"
# Four header lines and a blank: body line b is the article's b + 5.
rows cmp "$TMPD/s" "$TMPD/ref" 6 0 52
tap_ok $? "a long article ($total lines): its first screen"
pct=$(sed -n 59p "$TMPD/s" | awk '{print $1}' | tr -d '%')
[ "$pct" -gt 0 ] && [ "$pct" -lt 100 ]
tap_ok $? "... the position a percentage below 100 ($pct%)"
# changed: wait until the screen is no longer the one in $TMPD/s.
changed() {
	i=0
	while [ $i -lt 100 ] && ui_screen | cmp -s - "$TMPD/s"; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep 0.05
}
bad=0
for k in 1 2 3 4 5 6; do
	ui_keys PgDn
	changed
	ui_screen >"$TMPD/s"
	rows cmp "$TMPD/s" "$TMPD/ref" 1 $((k * 57 - 5)) 57 || bad=$((bad + 1))
done
tap_is "$bad" 0 "six pages down: each screen the reference's next 57 lines"
ui_keys End
ui_wait " 100%"
tap_ok $? "End: at 100%"
ui_screen >"$TMPD/s"
rows cmp "$TMPD/s" "$TMPD/ref" 1 $((total - 57)) 57
tap_ok $? "... its last 57 lines on screen"
ui_keys PgUp k k
changed
sleep 0.2
ui_screen >"$TMPD/s"
rows cmp "$TMPD/s" "$TMPD/ref" 1 $((total - 116)) 57
tap_ok $? "PgUp and two lines up from the end: the lines above, exact"
pct=$(sed -n 59p "$TMPD/s" | awk '{print $1}' | tr -d '%')
[ "$pct" -lt 100 ]
tap_ok $? "... and less than 100% ($pct%)"
ui_keys g
ui_wait "Title: long"
tap_ok $? "g: back to the header"
ui_keys Q
ui_exited
ui_done
