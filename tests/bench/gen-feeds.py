#!/usr/bin/env python3
"""Generate realistic synthetic Arabic news feeds for akhbar's benchmark.

Writes FEEDS files of ITEMS items each into OUT/NAME/: even-numbered feeds
are RSS 2.0, odd-numbered ones Atom 1.0. Titles are Arabic headlines, some
fully vocalised (harakat), bodies are several HTML paragraphs mixing Arabic
with Latin words, numbers, links and emphasis, about 2.6 KB of XML per item,
the size of a real news item with a summary-length body.

Also written: OUT/NAME/urls-akhbar and OUT/NAME/urls-newsboat (one URL per
line, http://127.0.0.1:PORT/NAME/feed-NNNN.xml) and a stamp file; a second
run with the same parameters finds the stamp and writes nothing, so the
files (and their mtimes, hence the servers' Last-Modified) stay put.

The output depends only on the parameters and the seed.

  gen-feeds.py --out DIR --name reload-200x50 --feeds 200 --items 50 --port 8765
"""

import argparse
import datetime
import json
import os
import random
import sys

# News vocabulary, written with full vowel marks; the plain form of each is
# obtained by stripping the marks, so a text mixes vocalised and bare words
# the way real copy does (a quotation or a Quranic phrase fully marked, the
# rest bare with the odd shadda).
WORDS = """
الحُكُومَةُ وَزِيرُ الخَارِجِيَّةِ الرَّئِيسُ البَرْلَمَانُ الشُّرْطَةُ
المَدِينَةُ العَاصِمَةُ القَاهِرَةُ بَيْرُوتُ دِمَشْقُ بَغْدَادُ الرِّيَاضُ عَمَّانُ
تُونِسُ الرِّبَاطُ الجَزَائِرُ الخُرْطُومُ صَنْعَاءُ الدَّوْحَةُ أَبُوظَبِي مَسْقَطُ
الكُوَيْتُ المَنَامَةُ طَرَابُلُسُ القُدْسُ غَزَّةُ الضِّفَّةُ الاِقْتِصَادُ السُّوقُ
الأَسْعَارُ النِّفْطُ الغَازُ الدُّولَارُ اليُورُو البَنْكُ المَرْكَزِيُّ التَّضَخُّمُ
المِيزَانِيَّةُ الاِنْتِخَابَاتُ المُعَارَضَةُ الحِزْبُ الشَّعْبُ المُوَاطِنُونَ
المُتَظَاهِرُونَ الاِحْتِجَاجَاتُ المُفَاوَضَاتُ الاِتِّفَاقُ الهُدْنَةُ السَّلَامُ
الحَرْبُ الصِّرَاعُ الأَزْمَةُ اللَّاجِئُونَ المُسَاعَدَاتُ الإِنْسَانِيَّةُ الأُمَمُ
المُتَّحِدَةُ مَجْلِسُ الأَمْنِ الجَامِعَةُ العَرَبِيَّةُ القِمَّةُ الوَفْدُ السَّفِيرُ
المُتَحَدِّثُ الرَّسْمِيُّ بَيَانٌ تَصْرِيحٌ مُؤْتَمَرٌ صَحَفِيٌّ مَصَادِرُ مُطَّلِعَةٌ
قَالَ أَعْلَنَ أَكَّدَ أَشَارَ أَوْضَحَ نَفَى كَشَفَ دَعَا طَالَبَ حَذَّرَ رَحَّبَ
أَدَانَ اسْتَقْبَلَ الْتَقَى بَحَثَ وَقَّعَ افْتَتَحَ شَارَكَ ارْتَفَعَ انْخَفَضَ
تَرَاجَعَ سَجَّلَ بَلَغَ اليَوْمَ أَمْسِ غَدًا الأُسْبُوعَ المَاضِيَ الشَّهْرَ
المُقْبِلَ العَامَ الجَارِيَ صَبَاحَ مَسَاءَ خِلَالَ بَعْدَ قَبْلَ حَوْلَ بَيْنَ
عَلَى فِي مِنْ إِلَى عَنْ مَعَ أَنَّ إِنَّ الَّذِي الَّتِي الَّذِينَ هَذَا هَذِهِ
ذَلِكَ تِلْكَ كَمَا وَقَدْ حَيْثُ نَحْوَ أَكْثَرَ أَقَلَّ جَمِيعِ بَعْضِ كُلِّ
التَّعْلِيمُ الجَامِعَةُ الطُّلَّابُ المَدَارِسُ الصِّحَّةُ المُسْتَشْفَى الأَطِبَّاءُ
اللُّقَاحُ الوَبَاءُ المَرْضَى الطَّقْسُ الأَمْطَارُ الحَرَارَةُ العَاصِفَةُ
الفَيَضَانَاتُ الزِّلْزَالُ الزِّرَاعَةُ المِيَاهُ الكَهْرَبَاءُ الطَّاقَةُ
الشَّمْسِيَّةُ الرِّيَاحُ المُنَاخُ البِيئَةُ التِّكْنُولُوجِيَا الإِنْتَرْنِتُ
الهَاتِفُ الذَّكَاءُ الاِصْطِنَاعِيُّ الشَّرِكَةُ الاِسْتِثْمَارُ المَشْرُوعُ
البُنْيَةُ التَّحْتِيَّةُ الطُّرُقُ المَطَارُ المِينَاءُ السِّيَاحَةُ الثَّقَافَةُ
المَعْرِضُ الكِتَابُ المِهْرَجَانُ السِّينَمَا المُوسِيقَى الرِّيَاضَةُ
المُنْتَخَبُ المُبَارَاةُ الدَّوْرِيُّ الكَأْسُ اللَّاعِبُ المُدَرِّبُ الفَرِيقُ
الهَدَفُ البُطُولَةُ المَلْعَبُ الجُمْهُورُ التَّحْقِيقُ المَحْكَمَةُ القَاضِي
القَانُونُ الدُّسْتُورُ الحُقُوقُ الحُرِّيَّاتُ الصَّحَافَةُ الإِعْلَامُ
التَّقْرِيرُ الدِّرَاسَةُ الخُبَرَاءُ المُحَلِّلُونَ التَّوَقُّعَاتُ النُّمُوُّ
البَطَالَةُ الشَّبَابُ النِّسَاءُ الأَطْفَالُ الأُسَرُ المُجْتَمَعُ الحُدُودُ
المَعْبَرُ القُوَّاتُ العَسْكَرِيَّةُ الأَمْنِيَّةُ الدِّفَاعُ الهُجُومُ
الصَّوَارِيخُ الطَّائِرَاتُ المُسَيَّرَةُ الضَّحَايَا الجَرْحَى الإِعْمَارُ
وَالحُكُومَةُ لِلْحُكُومَةِ وَالاِقْتِصَادُ
""".split()

# The word the benchmark searches for (الجيش, "the army") in its prefixed
# and bare forms. It is kept out of the common vocabulary and put into
# about SEARCH_RATE of the items, so a one-word search has a realistic
# number of hits (about 1 000 in 100 000 items) rather than all of them.
ARMY = "الجَيْشُ وَالجَيْشُ بِالجَيْشِ لِلْجَيْشِ جَيْشٌ".split()
SEARCH_RATE = 0.01

# Latin words that appear in Arabic copy: names, acronyms, products.
LATIN = """
OPEC NATO UNESCO UNICEF IMF WHO FIFA Reuters AFP Bloomberg BBC CNN
Google Apple Microsoft Samsung Huawei Tesla Airbus Boeing Brent Nasdaq
Dow Jones S&P GDP CPI COVID-19 AI 5G iPhone Android Linux Wi-Fi
Paris London Washington Moscow Beijing Geneva Brussels Davos
""".split()

MARKS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}


def bare(w):
    """The word without its vowel marks (shadda kept half the time by caller)."""
    return "".join(c for c in w if c not in MARKS)


def keep_shadda(w):
    return "".join(c for c in w if c not in MARKS or c == "\u0651")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Text:
    """Deterministic text from a seeded generator and a pool of sentences."""

    def __init__(self, rng):
        self.rng = rng
        forms = []
        for w in WORDS:
            forms.append((w, keep_shadda(w), bare(w), bare(w)))
        self.forms = forms
        # A pool of sentences makes generating hundreds of MB fast while the
        # items still differ (each item draws its own sentences and numbers).
        self.pool = [self._sentence() for _ in range(3000)]

    def word(self):
        r = self.rng
        x = r.random()
        if x < 0.05:
            return r.choice(LATIN)
        if x < 0.09:
            return str(r.choice((r.randrange(2, 100), r.randrange(1000, 2027),
                                 r.randrange(10000, 9999999))))
        if x < 0.11:
            return "%d.%d%%" % (r.randrange(0, 40), r.randrange(0, 10))
        return r.choice(self.forms[r.randrange(len(self.forms))][1:])

    def _sentence(self):
        r = self.rng
        n = r.randrange(8, 22)
        words = [self.word() for _ in range(n)]
        if r.random() < 0.15:
            # a fully vocalised quotation
            q = [r.choice(self.forms)[0] for _ in range(r.randrange(3, 8))]
            words.insert(r.randrange(len(words)), "«" + " ".join(q) + "»")
        if r.random() < 0.2:
            i = r.randrange(len(words))
            words[i] = "<strong>" + words[i] + "</strong>"
        if r.random() < 0.1:
            i = r.randrange(len(words))
            words[i] = ('<a href="https://example.com/%s/%d">%s</a>'
                        % (r.choice(("world", "economy", "sport", "tech")),
                           r.randrange(1, 99999), words[i]))
        return " ".join(words) + r.choice(("،", ".", ".", ".", "؟", ":"))

    def title(self):
        r = self.rng
        ws = []
        for _ in range(r.randrange(6, 12)):
            f = r.choice(self.forms)
            ws.append(f[0] if r.random() < 0.25 else f[2])
        if r.random() < SEARCH_RATE / 4:
            w = r.choice(ARMY)
            ws.insert(r.randrange(len(ws)), w if r.random() < 0.3
                      else bare(w))
        if r.random() < 0.3:
            ws.insert(r.randrange(len(ws)), r.choice(LATIN))
        if r.random() < 0.3:
            ws.insert(r.randrange(len(ws)), str(r.randrange(2, 2027)))
        return " ".join(ws)

    def body(self, target):
        """HTML paragraphs totalling about target bytes of UTF-8."""
        r = self.rng
        paras = []
        size = 0
        while size < target:
            p = " ".join(r.choice(self.pool) for _ in range(r.randrange(2, 4)))
            p = "<p>" + p + " " + str(r.randrange(1, 100000)) + "</p>"
            paras.append(p)
            size += len(p.encode())
        if r.random() < SEARCH_RATE:
            w = r.choice(ARMY)
            i = r.randrange(len(paras))
            paras[i] = paras[i].replace("</p>", " %s %s.</p>" % (
                bare(w), self.pool[r.randrange(len(self.pool))]), 1)
        return "\n".join(paras)


BASE_TIME = datetime.datetime(2026, 11, 1, 12, 0, 0,
                              tzinfo=datetime.timezone.utc)


def rss(feed_no, items, text, url):
    r = text.rng
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
           ' xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           "<channel>",
           "<title>%s %d</title>" % (esc(text.title()), feed_no),
           "<link>https://news%d.example.com/</link>" % feed_no,
           "<description>%s</description>" % esc(text.title()),
           "<language>ar</language>",
           "<lastBuildDate>%s</lastBuildDate>" % fmt822(BASE_TIME)]
    cdata = feed_no % 4 == 0
    for i in range(items):
        t = BASE_TIME - datetime.timedelta(minutes=7 * i + feed_no)
        body = text.body(BODY_BYTES)
        out.append("<item>")
        out.append("<title>%s</title>" % esc(text.title()))
        out.append("<link>https://news%d.example.com/a/%d.html</link>"
                   % (feed_no, i))
        out.append('<guid isPermaLink="false">urn:akhbar-bench:%d:%d</guid>'
                   % (feed_no, i))
        out.append("<pubDate>%s</pubDate>" % fmt822(t))
        out.append("<dc:creator>%s</dc:creator>" % esc(text.title()[:30]))
        if cdata:
            out.append("<description><![CDATA[%s]]></description>" % body)
        else:
            out.append("<description>%s</description>" % esc(body))
        out.append("</item>")
    out.append("</channel>")
    out.append("</rss>")
    return "\n".join(out) + "\n"


def atom(feed_no, items, text, url):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
           "<title>%s %d</title>" % (esc(text.title()), feed_no),
           '<link href="https://news%d.example.com/"/>' % feed_no,
           '<link rel="self" href="%s"/>' % url,
           "<id>urn:akhbar-bench:feed:%d</id>" % feed_no,
           "<updated>%s</updated>" % fmt3339(BASE_TIME)]
    for i in range(items):
        t = BASE_TIME - datetime.timedelta(minutes=7 * i + feed_no)
        body = text.body(BODY_BYTES)
        out.append("<entry>")
        out.append('<title type="text">%s</title>' % esc(text.title()))
        out.append('<link rel="alternate" href="https://news%d.example.com/a/%d.html"/>'
                   % (feed_no, i))
        out.append("<id>urn:akhbar-bench:%d:%d</id>" % (feed_no, i))
        out.append("<updated>%s</updated>" % fmt3339(t))
        out.append("<author><name>%s</name></author>"
                   % esc(text.title()[:30]))
        out.append('<content type="html">%s</content>' % esc(body))
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def fmt822(t):
    return t.strftime("%a, %d %b %Y %H:%M:%S +0000")


def fmt3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# Escaped HTML body bytes per item; with the title, link, guid and markup
# this lands at about 2.6 KB of XML per item.
BODY_BYTES = 1850


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="data directory")
    ap.add_argument("--name", required=True, help="data set name (subdirectory)")
    ap.add_argument("--feeds", type=int, required=True)
    ap.add_argument("--items", type=int, required=True, help="items per feed")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=("mixed", "rss", "atom"),
                    default="mixed")
    a = ap.parse_args()

    d = os.path.join(a.out, a.name)
    stamp = os.path.join(d, "stamp.json")
    params = {"feeds": a.feeds, "items": a.items, "port": a.port,
              "seed": a.seed, "format": a.format, "version": 2}
    try:
        with open(stamp) as f:
            old = json.load(f)
            old.pop("bytes", None)
            if old == params:
                return 0
    except (OSError, ValueError):
        pass
    os.makedirs(d, exist_ok=True)
    # Clear any earlier set of another shape so stale files are not served.
    for n in os.listdir(d):
        if n.startswith("feed-") or n.startswith("urls-") or n == "stamp.json":
            os.unlink(os.path.join(d, n))

    text = Text(random.Random(a.seed))
    urls = []
    total = 0
    # Every file gets the same fixed mtime so a regenerated set still
    # answers a cached If-Modified-Since with 304.
    mtime = BASE_TIME.timestamp()
    for n in range(a.feeds):
        kind = a.format
        if kind == "mixed":
            kind = "rss" if n % 2 == 0 else "atom"
        name = "feed-%04d.xml" % n
        url = "http://127.0.0.1:%d/%s/%s" % (a.port, a.name, name)
        doc = (rss if kind == "rss" else atom)(n, a.items, text, url)
        data = doc.encode()
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(data)
        os.utime(p, (mtime, mtime))
        total += len(data)
        urls.append(url)
    for who in ("akhbar", "newsboat"):
        with open(os.path.join(d, "urls-" + who), "w") as f:
            f.write("\n".join(urls) + "\n")
    params["bytes"] = total
    with open(stamp, "w") as f:
        json.dump(params, f)
    print("gen-feeds: %s: %d feeds x %d items, %.1f MB (%.2f KB/item)"
          % (a.name, a.feeds, a.items, total / 1e6,
             total / 1e3 / max(1, a.feeds * a.items)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
