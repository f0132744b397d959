import random, sys, subprocess, os
seed0 = int(sys.argv[1]); n = int(sys.argv[2])
NEW = os.environ.get('NEW', './h-new5')
TOK = ["<b>", "</b>", "<i x='a>b'>", "</i>", "<br/>", "<!--", "-->", "--", "-", "]]>", "]]", "]", "<![CDATA[", "&lt;", "&gt;", "&amp;", "&#1575;", "&#x627;", "&nbsp;", "&hellip;", "&foo;", "&", "&#0;", "&#1;", "&#xD800;", "&#X41;",
       "سلام", "عَرَبِيّ", "שָׁלוֹם", "x", "y ", " ", "\n", "\r\n", "\r", "<?pi x?>", "?>", "<?", "<", ">", "'", '"', "\ufffe", "\u00a0", "<p:q>", "</p:q>", "</bad>", "&#93;&#93;&#62;", "--&gt;", "<!---->", "<!-- - -->"]
fails = 0
for k in range(n):
    R = random.Random(seed0 * 1000003 + k)
    body = "".join(R.choice(TOK) for _ in range(R.randint(1, 40)))
    pad = "<!--" + "p" * (9000 + R.randint(0, 64)) + "-->"
    tag = R.choice(["title", "description"])
    doc = ('<rss version="2.0"><channel>' + pad + "<" + tag + ">" + body + "</" + tag + "><link>z</link></channel></rss>\n").encode()
    fn = "/tmp/rv/tok%d.xml" % seed0
    open(fn, "wb").write(doc)
    chunks = ["0", "1", "2", "3", "5", "7", "64", str(-k - 1), str(-k - 77777)]
    a = subprocess.run(["./h-old", fn] + chunks, capture_output=True).stdout
    b = subprocess.run([NEW, fn] + chunks, capture_output=True)
    if b.returncode != 0 or a != b.stdout:
        fails += 1
        open("/tmp/rv/diffs/tok-%d-%d.xml" % (seed0, k), "wb").write(doc)
print("tok", seed0, n, fails)
