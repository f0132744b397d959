import random, sys, os
R = random.Random(int(sys.argv[1]))
MILD = int(sys.argv[1]) % 2 == 0
AR = ["خبر", "سلام", "عَرَبِيّ", "فارسی", "پژوهش", "שָׁלוֹם", "עברית", "مُحَمَّد", "کتاب‌ها", "ـــ", "\u200f", "\u200c", "\u00a0", "é", "😀", "\ufeff", "\u0651\u064e"]
ENT = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#1575;", "&#x627;", "&#X627;", "&nbsp;", "&hellip;", "&foo;", "&", "& ", "&#0;", "&#xD800;", "&#x110000;", "&#10;", "&#13;", "&#9;", "&#32;", "&#x;", "&#;", "&#65", "&amp", "&lt", "&rlm;", "&zwnj;", "&#xFFFE;", "&#x1F600;", "&#1;", "&#00000065;", "&copy;", "&Aacute;", "&a.b;", "&#x0x41;", "&#-5;", "&raquo;", "]]&gt;", "]]>", "]]", "]", "&#93;&#93;&#62;"]
ASC = ["hello", " ", "  ", "\n", "\r\n", "\r", "\t", "world", "x" , "a > b", "<", "\"", "'", "]]", "-->", "?>"]
if MILD: ASC.remove("<")
def word():
    r = R.random()
    if r < 0.4: return R.choice(AR)
    if r < 0.7: return R.choice(ENT)
    return R.choice(ASC)
def text(lt_ok=False):
    r = R.random()
    if r < 0.1:
        n = R.choice([23, 24, 25, 22, 26])
        s = ""
        while len(s.encode()) < n: s += R.choice(["a", "&lt;", "ب", "&#1575;", " ", "&nbsp;", "]"])
        return s
    if r < 0.15: return R.choice([" ", "\n  ", "\r\n\t", ""]) * R.randint(1, 30)
    if r < 0.18:
        base = "".join(word() for _ in range(40)).replace("<", "")
        return (base * (40000 // max(1, len(base)) + 1))[: R.randint(32000, 70000)]
    s = "".join(word() for _ in range(R.randint(0, 30)))
    if not lt_ok: s = s.replace("<", "&lt;") if R.random() < 0.9 else s
    return s
def cdata():
    r = R.random()
    if r < 0.2: return "<![CDATA[" + text() + "]]]]><![CDATA[>" + "]]>"
    if r < 0.3: return "<![CDATA[<![CDATA[" + text() + "]]>"
    return "<![CDATA[" + text().replace("]]>", "") + "]]>"
def misc():
    c = R.choice([
        lambda: "<!--" + (R.choice([">", "&", "&amp;", "&nbsp;", "x", "خبر", "'", '"', "-"]) if MILD else R.choice(["<", ">", "&", "&amp;", "&nbsp;", "x", "خبر", "'", '"', "<![CDATA[", "-"])) * R.randint(1, 4) + R.choice(["-->", "--->", "-- -->"]),
        lambda: "<?pi " + R.choice(["a>b", "&", "'", "x", "<"] if not MILD else ["a>b", "&", "x", "&nbsp;"]) + "?>",
        cdata, cdata,
        lambda: text(),
    ])
    return c()
def attrs():
    out = ""
    for _ in range(R.randint(0, 3)):
        q = R.choice(['"', "'"])
        v = R.choice(["x>y", "it's" if q == '"' else 'say "hi"', "&amp;", "&nbsp;", "&", "http://e.org/a?b=1&c=2", "خبر", "a<b", "", "&foo;"] if not MILD else ["x>y", "&amp;", "&nbsp;", "&", "خبر", ""])
        n = R.choice(["a", "href", "type", "xml:base", "xml:lang", "rel", "x:y", "dup"])
        out += R.choice([" ", "\n", "  ", "\t"]) + n + R.choice(["=", " = ", "="]) + q + v + q
    if not MILD and R.random() < 0.05: out += " bad"
    if R.random() < 0.05: out += " a=b"
    return out + R.choice(["", " ", "\n"])
def elem(name, depth, leafs):
    if depth > 3 or R.random() < 0.5:
        inner = "".join(R.choice([text, text, text, misc])() for _ in range(R.randint(1, 3)))
    else:
        inner = "".join(elem(R.choice(leafs), depth + 1, leafs) + R.choice(["", "\n", text()]) for _ in range(R.randint(1, 3)))
    r = R.random()
    if r < 0.03: return "<" + name + attrs() + "/>"
    if r < 0.05: return "<" + name + attrs() + ">" + inner + "</" + name + "x>"
    if r < 0.06: return "<" + name + attrs() + ">" + inner
    if r < 0.08: return "<" + name + attrs() + ">" + inner + "</" + name + " >"
    return "<" + name + attrs() + ">" + inner + "</" + name + ">"
def rss():
    leafs = ["title", "description", "link", "guid", "author", "category", "pubDate", "content:encoded", "dc:creator", "b", "i", "p"]
    items = "".join("<item>" + "".join(elem(R.choice(leafs), 1, leafs) for _ in range(R.randint(1, 5))) + "</item>\n" for _ in range(R.randint(1, 4)))
    ns = ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"' if R.random() < 0.8 else ""
    return '<rss version="2.0"' + ns + '><channel>' + elem("title", 1, leafs) + elem("description", 1, leafs) + items + "</channel></rss>"
def atom():
    leafs = ["title", "summary", "content", "id", "name", "author", "link", "div", "p", "xhtml:b"]
    def content():
        t = R.choice(["html", "xhtml", "text", None])
        a = (' type="%s"' % t) if t else ""
        if t == "xhtml":
            inner = '<div xmlns="http://www.w3.org/1999/xhtml">' + "".join(elem(R.choice(["p", "b", "i", "span"]), 2, ["p", "b", "i"]) for _ in range(2)) + "</div>"
        else:
            inner = "".join(R.choice([text, misc])() for _ in range(R.randint(1, 3)))
        return "<%s%s%s>%s</%s>" % (R.choice(["content", "summary", "title"]), a, attrs() if R.random() < 0.3 else "", inner, "content" if False else "%s")
    def c2():
        tag = R.choice(["content", "summary", "title"])
        t = R.choice(["html", "xhtml", "text", None])
        a = (' type="%s"' % t) if t else ""
        if t == "xhtml":
            inner = '<div xmlns="http://www.w3.org/1999/xhtml">' + "".join(elem(R.choice(["p", "b", "i", "span"]), 2, ["p", "b", "i"]) for _ in range(2)) + "</div>"
        else:
            inner = "".join(R.choice([text, misc])() for _ in range(R.randint(1, 3)))
        return "<%s%s>%s</%s>" % (tag, a, inner, tag)
    entries = "".join("<entry" + (' xml:base="http://e.org/x/"' if R.random() < 0.3 else "") + ">" + "".join(R.choice([c2, lambda: elem(R.choice(leafs), 1, leafs)])() for _ in range(R.randint(1, 5))) + "</entry>\n" for _ in range(R.randint(1, 4)))
    return '<feed xmlns="http://www.w3.org/2005/Atom"' + (' xml:lang="ar"' if R.random() < 0.5 else "") + ">" + c2() + entries + "</feed>"
def rdf():
    leafs = ["title", "description", "link", "dc:date", "dc:creator", "b"]
    items = "".join('<item rdf:about="http://e.org/%d">' % i + "".join(elem(R.choice(leafs), 1, leafs) for _ in range(R.randint(1, 4))) + "</item>\n" for i in range(R.randint(1, 3)))
    return '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x">' + elem("title", 1, leafs) + "</channel>" + items + "</rdf:RDF>"
body = R.choice([rss, rss, atom, atom, rdf])()
enc = R.choice(["utf-8"] * 6 + ["windows-1256", "iso-8859-6", "utf-16", "utf-16le", "utf-16be", None])
pro = ""
if enc and R.random() < 0.9: pro = '<?xml version="1.0" encoding="%s"?>' % enc.upper() + R.choice(["\n", "\r\n", ""])
elif R.random() < 0.5: pro = '<?xml version="1.0"?>\n'
r = R.random()
if r < 0.08: pro += '<!DOCTYPE rss>\n'
elif r < 0.12: pro += '<!DOCTYPE rss [<!ENTITY foo "bar &#1575;"><!ENTITY nbsp "&#160;">]>\n'
if R.random() < 0.1: pro += "<!-- c & < > -->\n"
if int(sys.argv[1]) % 3 == 0: pro += "<!--" + "p" * R.randint(8200, 9300) + "-->"
doc = pro + body
r = R.random()
if r < 0.05: doc += "trailing text خبر &lt;"
elif r < 0.08: doc += "<extra/>"
if R.random() < 0.1: doc = doc[: R.randint(1, len(doc))]
if R.random() < 0.15: doc = doc.replace("\n", "\r\n")
if R.random() < 0.05: doc = doc.replace("\n", "\r")
bom = b""
if enc in (None, "utf-8") and R.random() < 0.1: bom = b"\xef\xbb\xbf"
if enc in ("windows-1256", "iso-8859-6"):
    data = doc.encode(enc, errors="replace") if R.random() < 0.5 else doc.encode(enc, errors="xmlcharrefreplace")
elif enc == "utf-16":
    data = doc.encode("utf-16")
elif enc == "utf-16le":
    data = (b"\xff\xfe" if R.random() < 0.5 else b"") + doc.encode("utf-16le")
elif enc == "utf-16be":
    data = (b"\xfe\xff" if R.random() < 0.5 else b"") + doc.encode("utf-16be")
else:
    data = bom + doc.encode("utf-8", errors="surrogatepass")
if R.random() < 0.03:
    i = R.randint(0, len(data)); data = data[:i] + bytes([R.choice([0, 0x80, 0xff, 0xc3, 0x1b])]) + data[i:]
sys.stdout.buffer.write(data)
