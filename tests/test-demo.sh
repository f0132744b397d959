#!/bin/sh
# The demo feeds (contrib/demo, what "akhbar --demo" shows) and the starter
# list (contrib/feeds/arabic-news.opml): each feed parses cleanly as what
# it says it is and holds the cases it was written to show, all of them
# reload into a throwaway cache, and the list reads as OPML.
. "${top_srcdir:-.}/tests/lib.sh"
demo=$(cd "$top_srcdir/contrib/demo" && pwd)
opml=$top_srcdir/contrib/feeds/arabic-news.opml

# file format language direction items ("-": no language anywhere).
cat >"$TMPD/expect" <<'EOF'
akhbar-demo.xml rss2.0 ar rtl 8
ar-news.xml rss2.0 ar rtl 24
ar-culture.atom atom1.0 ar rtl 12
ar-sport-economy.xml rss2.0 - rtl 20
ar-tech.json json1.1 ar rtl 16
fa-news.xml rss2.0 fa-IR rtl 13
en-world.atom atom1.0 en auto 10
ur-news.xml rss2.0 ur-PK rtl 8
EOF

# Every file in contrib/demo is one of them (a new feed needs a line here).
(cd "$demo" && ls) >"$TMPD/files"
cut -d ' ' -f 1 "$TMPD/expect" | sort >"$TMPD/want"
tap_is "$(sort "$TMPD/files" | tr '\n' ' ')" "$(tr '\n' ' ' <"$TMPD/want")" \
    "contrib/demo holds exactly the feeds this test knows"

total=0
while read -r f format lang dir n; do
	"$AKHBAR" --parse "$demo/$f" >"$TMPD/$f.json" 2>"$TMPD/$f.err"
	rc=$?
	tap_is "$rc:$(cat "$TMPD/$f.err")" "0:" "$f parses with no warning"
	# The feed's own fields are on the first line of the JSON, then one
	# item a line.
	head=$(head -n 1 "$TMPD/$f.json")
	got=$(printf '%s\n' "$head" |
	    sed -n 's/^{ "format": "\([^"]*\)".*"language": \([^,]*\), "direction": "\([a-z]*\)".*/\1 \2 \3/p' |
	    tr -d '"')
	[ "$lang" = - ] && lang=null
	tap_is "$got" "$format $lang $dir" "$f: format, language and direction"
	tap_is "$(grep -c '^{ "id": ' "$TMPD/$f.json")" "$n" "$f: $n items"
	total=$((total + n))
	printf 'file://%s/%s\n' "$demo" "$f" >>"$TMPD/urls"
done <"$TMPD/expect"

# ---- what each feed promises, read from the JSON ----
if [ -z "${PYTHON3:-}" ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
	tap_skip "python3 not found: the demo feeds' contents are not checked"
else
	"$PYTHON3" - "$demo" "$TMPD" <<'PY' >"$TMPD/py.tap" 2>&1
import json, os, re, sys, unicodedata
from urllib.parse import urlparse

demo, out = sys.argv[1], sys.argv[2]
res = []

def check(cond, name):
    res.append((bool(cond), name))

def load(f):
    with open(os.path.join(out, f + ".json"), encoding="utf-8") as fp:
        return json.load(fp)

def raw(f):
    with open(os.path.join(demo, f), encoding="utf-8") as fp:
        return fp.read()

def text(d):
    return "\n".join(i[k] for i in d["items"]
                     for k in ("title", "summary", "content") if i.get(k))

def titles(d):
    return [i["title"] or "" for i in d["items"]]

def strong(s):
    """The bidi class of the first strong character: L, R, AL or None."""
    for c in s:
        b = unicodedata.bidirectional(c)
        if b in ("L", "R", "AL"):
            return b
    return None

def blocks(s):
    """Paragraph-like pieces of a text or HTML body, tags removed."""
    s = re.sub(r"<(br|/p|/li|/td|/th|/h\d|/caption|/blockquote)[^>]*>", "\n", s)
    s = re.sub(r"<[^>]*>", "", s)
    return [b.strip() for b in s.split("\n") if b.strip()]

def has(s, chars):
    return all(c in s for c in chars)

feeds = {}
for line in open(os.path.join(out, "expect"), encoding="utf-8"):
    f = line.split()[0]
    feeds[f] = load(f)

# Every feed: titles and ids, dates, and links that lead nowhere real.
for f, d in feeds.items():
    items = d["items"]
    hashed = [i for i in items if i["id"].startswith("hash:")]
    check(len(hashed) == (1 if f == "ar-news.xml" else 0),
          f + ": every item has its own id but the one meant to lack it")
    check(all(i["title"] for i in items), f + ": every item has a title")
    check(all(i["published"] or i["updated"] for i in items
              if not i["id"].startswith("hash:")),
          f + ": every item with an id has a date")
    check(all((i["published"] or i["updated"] or "").startswith("2026-11")
              for i in items if not i["id"].startswith("hash:")),
          f + ": the dates are in November 2026")
    urls = [d["link"]] + [i["link"] for i in items if i["link"]]
    for i in items:
        urls += re.findall(r'(?:href|src)="([^"]*)"', i["content"] or "")
        urls += re.findall(r'(?:href|src)="([^"]*)"', i["summary"] or "")
    check(all((urlparse(u).hostname or "").endswith(".example") for u in urls),
          f + ": every link points at a .example host")

# The Arabic general news: the HTML a real paper sends.
d = feeds["ar-news.xml"]
s, r = text(d), raw("ar-news.xml")
for tag in ("<table", "<caption", "<th", "<ol", "<ul", "<li", "<blockquote",
            "<figure", "<figcaption", "<img", "<a href", "<h3", "<strong"):
    check(tag in s, "ar-news: HTML with " + tag + ">")
check(re.search(r'<img [^>]*alt="[^"]+"', s), "ar-news: an image with alt text")
check("<![CDATA[" in r and "&lt;p&gt;" in r,
      "ar-news: HTML both in CDATA and entity-escaped")
bare = [i for i in d["items"] if not i["summary"] and not i["content"]]
check(len(bare) == 2, "ar-news: two items with only a title")
lens = [len(t) for t in titles(d)]
check(max(lens) >= 120 and min(lens) <= 10,
      "ar-news: titles from under 10 to over 120 characters")
check(len({a for i in d["items"] for a in i["authors"]}) >= 8,
      "ar-news: many writers")

# The Arabic culture feed: vowel marks, and English inside Arabic.
d = feeds["ar-culture.atom"]
s, r = text(d), raw("ar-culture.atom")
check(has(s, [chr(c) for c in range(0x064B, 0x0653)]),
      "ar-culture: every haraka from U+064B to U+0652")
check("\u0670" in s, "ar-culture: the dagger alef")
check("\u0651\u064e" in s and "\u064e\u0651" in s,
      "ar-culture: shadda with fatha, shadda first and fatha first")
check(re.search("\u0644[\u064b-\u0652]+[\u0627\u0623\u0625\u0622]", s),
      "ar-culture: lam-alef with a haraka on the lam")
def vowelled(b):
    letters = sum(1 for c in b if unicodedata.bidirectional(c) == "AL"
                  and unicodedata.category(c) == "Lo")
    marks = sum(1 for c in b if "\u064b" <= c <= "\u0652")
    return letters >= 15 and marks >= 0.7 * letters
check(sum(1 for i in d["items"] for b in blocks(i["content"] or "")
          if vowelled(b)) >= 5, "ar-culture: fully vowelled lines")
check('dir="ltr"' in s and 'lang="en"' in s,
      "ar-culture: English quotations marked dir=ltr")
check(has(r, ['type="xhtml"', 'type="html"', 'type="text"']),
      "ar-culture: xhtml, html and text content")
check(any(i["summary"] and not i["content"] for i in d["items"]),
      "ar-culture: a summary-only entry")
check(any(len(i["authors"]) >= 2 for i in d["items"]),
      "ar-culture: an entry with two authors")
check(any(re.match("[\u0660-\u0669]", x) for x in titles(d)),
      "ar-culture: a title that starts with Arabic-Indic digits")

# The feed with no language: its text alone gives the direction.
d = feeds["ar-sport-economy.xml"]
s, r = text(d), raw("ar-sport-economy.xml")
check("<language" not in r and "lang=" not in r,
      "ar-sport-economy: no language tag or attribute anywhere")
check(all(strong(t) == "AL" for t in titles(d)),
      "ar-sport-economy: every title's first strong letter is Arabic")
check(all(strong(b) in ("AL", None) for i in d["items"]
          for b in blocks((i["summary"] or "") + "\n" + (i["content"] or ""))),
      "ar-sport-economy: so is every paragraph's, where it has one")
check(re.search("[\u0660-\u0669]", s) and re.search("[0-9]", s),
      "ar-sport-economy: Arabic-Indic and Western digits")
check(has(s, ["\u066b", "\u066c", "\u066a", "%"]),
      "ar-sport-economy: Arabic decimal and thousands separators, Arabic and Latin percent signs")
check(re.search(r"\d-\d", s) and re.search(r"\d\+\d", s)
      and re.search(r"\d\d:\d\d", s) and re.search(r"[+-]\d+\.\d+%", s),
      "ar-sport-economy: scores, stoppage time, clock times, signed changes")
check(s.count("<table") >= 3, "ar-sport-economy: tables of numbers")

# Arabic with Latin: the bidi hard cases.
d = feeds["ar-tech.json"]
t = titles(d)
s = text(d)
check(any(strong(x) == "L" and re.search("[\u0600-\u06ff]", x) for x in t),
      "ar-tech: Arabic titles that start with a Latin word")
check(any(not re.search("[\u0600-\u06ff]", x) for x in t),
      "ar-tech: an all-Latin title in an Arabic feed")
check(any(x.startswith("[") for x in t) and "«" in "".join(t)
      and re.search(r"\([^)]*[A-Za-z][^)]*\)", "".join(t)),
      "ar-tech: brackets, guillemets and Latin in parentheses in titles")
check(re.search("و[A-Za-z]", s) and re.search("لـ[A-Za-z]", s),
      "ar-tech: the conjunction and lam glued to Latin words")
check(any(ord(c) >= 0x1F300 for c in "".join(t)), "ar-tech: an emoji")
check(re.search("[\u4e00-\u9fff]", s), "ar-tech: CJK characters")
check("<pre" in s and "<code" in s and "<kbd" in s, "ar-tech: code in the HTML")
check(any(i["content"] and i["content_type"] == "text" for i in d["items"]),
      "ar-tech: an item with text content only")

# Persian: its own letters, the ZWNJ, its own digits.
d = feeds["fa-news.xml"]
s = text(d)
check("\u200c" in "".join(titles(d)) and "\u0645\u06cc\u200c" in s,
      "fa-news: the zero-width non-joiner (mi-ravad)")
check(has(s, "پچژگیک"), "fa-news: Persian letters pe, che, zhe, gaf, yeh, keheh")
check("\u064a" not in s and "\u0643" not in s,
      "fa-news: no Arabic yeh or kaf")
check(re.search("[\u06f0-\u06f9]", s) and not re.search("[\u0660-\u0669]", s),
      "fa-news: Persian digits, and no Arabic-Indic ones")
check(has(s, ["\u066b", "\u066c", "\u0647\u0654"]),
      "fa-news: the Persian decimal and thousands separators, the ezafe")
check(all(i["language"] == "fa-IR" and i["direction"] == "rtl"
          for i in d["items"]), "fa-news: every item is fa-IR, rtl")

# English, with right-to-left words inside.
d = feeds["en-world.atom"]
s = text(d)
check(all(strong(x) == "L" for x in titles(d)), "en-world: English titles")
check(re.search("[\u0600-\u06ff]", s) and 'dir="rtl"' in s,
      "en-world: Arabic-script words and a dir=rtl quotation")

# Urdu.
d = feeds["ur-news.xml"]
s = text(d)
check(has(s, "ٹڈڑںھہے۔"), "ur-news: Urdu letters and the Urdu full stop")
check("\u0647" not in s, "ur-news: no Arabic heh")

for i, (c, name) in enumerate(res):
    print(("ok" if c else "not ok"), "%d - %s" % (i + 1, name))
PY
	[ -s "$TMPD/py.tap" ] || echo "not ok 1 - the python checks ran" >"$TMPD/py.tap"
	while IFS= read -r line; do
		case $line in
		"ok "*) tap_ok 0 "${line#ok * - }" ;;
		"not ok "*) tap_ok 1 "${line#not ok * - }" ;;
		*) echo "# $line" ;;
		esac
	done <"$TMPD/py.tap"
fi

# ---- all of them into a throwaway cache, twice ----
"$AKHBAR" -u "$TMPD/urls" -C "$TMPD/cache.db" --reload </dev/null \
    >"$TMPD/reload.out" 2>"$TMPD/reload.err"
tap_is "$?:$(cat "$TMPD/reload.err")" "0:" \
    "a reload of every demo feed as a file:// URL exits 0, silently"
tap_is "$("$AKHBAR" -C "$TMPD/cache.db" --unread-count)" "$total" \
    "... and the cache holds every item ($total)"
"$AKHBAR" -u "$TMPD/urls" -C "$TMPD/cache.db" --reload --force </dev/null \
    >/dev/null 2>&1
tap_is "$?:$("$AKHBAR" -C "$TMPD/cache.db" --unread-count)" "0:$total" \
    "a second reload adds nothing (the ids are stable)"

# ---- the starter list ----
dump=${top_builddir:-.}/tests/opml-dump
"$dump" "$opml" >"$TMPD/opml.out" 2>"$TMPD/opml.err"
tap_is "$?:$(cat "$TMPD/opml.err")" "0:" \
    "arabic-news.opml reads as OPML with no warning"
n=$(grep -c 'xmlUrl=' "$opml")
tap_is "$(($(wc -l <"$TMPD/opml.out") - 1))" "$n" \
    "... every one of its $n feeds (no URL twice)"
tap_ok "$([ "$n" -ge 20 ]; echo $?)" "... a list worth offering (20 or more)"
sed 1d "$TMPD/opml.out" | cut -f 1 | grep -Ev '^https?://[^/]+' >"$TMPD/bad"
tap_is "$(cat "$TMPD/bad")" "" "... every xmlUrl is http(s)"
sed 1d "$TMPD/opml.out" | awk -F '\t' '$2 == "" || $3 == ""' >"$TMPD/bad"
tap_is "$(cat "$TMPD/bad")" "" "... every feed has a title and a folder"
r=0
for c in $(sed 1d "$TMPD/opml.out" | cut -f 2 | sort -u | tr ' ' '_'); do
	c=$(printf '%s' "$c" | tr '_' ' ')
	grep -q "^<outline text=\"$c\" title=\"$c\">\$" "$opml" || r=1
done
tap_ok $r "... the folders are its top-level outlines (they become tags)"
tap_ok "$(grep -q '^title	.' "$TMPD/opml.out"; echo $?)" "... it has a title"

tap_done
