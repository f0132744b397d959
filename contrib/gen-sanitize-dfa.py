#!/usr/bin/env python3
# Print the two DFA tables of src/sanitize.c (sanitize_dfa_markup and
# sanitize_dfa_text), after checking them on random byte strings against
# Python's UTF-8 decoder. Run it and paste its output over the tables
# when the set of characters that "need nothing done" changes:
#
#   python3 contrib/gen-sanitize-dfa.py
#
# States: 0 between characters, 1 error, 2-4 need 1-3 continuation bytes,
# 5-8 the restricted second bytes after E0, ED, F0 and F4, 9 after C2 in
# the text table (only A0-BF, not the C1 controls). Each table entry packs
# the next state times 6 for every state s at bit 6 * s.
#
# sanitize.c also takes 16 bytes at a time without the tables where they
# are only printable ASCII (0x20-0x7F for markup, 0x20-0x7E for text) and
# two-byte characters with a lead C2-DF (markup) or C3-DF (text). That is
# right only while the tables accept all of those; the check at the end
# says so, and if it fails, sanitize_block16 must change with the tables.
A,E,C1,C2,C3,SE0,SED,SF0,SF4,SC2 = range(10)
def cls(b):
    if b in (9,10): return 'asc'
    if b == 13: return 'cr'
    if b == 0x7f: return 'del'
    if b < 0x20: return 'ctl'
    if b < 0x7f: return 'asc'
    if 0x80 <= b <= 0x8f: return 'k8'
    if 0x90 <= b <= 0x9f: return 'k9'
    if 0xa0 <= b <= 0xbf: return 'ka'
    if b == 0xc2: return 'c2'
    if 0xc3 <= b <= 0xdf: return 'c3'
    if b == 0xe0: return 'e0'
    if 0xe1 <= b <= 0xec or b in (0xee, 0xef): return 'e1'
    if b == 0xed: return 'ed'
    if b == 0xf0: return 'f0'
    if 0xf1 <= b <= 0xf3: return 'f1'
    if b == 0xf4: return 'f4'
    return 'bad'
def nxt(s, c, xml):
    if s == E: return E
    cont = c in ('k8','k9','ka')
    if s == A:
        return {'asc':A, 'cr':A if xml else E, 'del':A if xml else E, 'ctl':E,
                'k8':E,'k9':E,'ka':E, 'c2':C1 if xml else SC2, 'c3':C1,
                'e0':SE0, 'e1':C2, 'ed':SED, 'f0':SF0, 'f1':C3, 'f4':SF4, 'bad':E}[c]
    if s == C1: return A if cont else E
    if s == C2: return C1 if cont else E
    if s == C3: return C2 if cont else E
    if s == SE0: return C1 if c == 'ka' else E
    if s == SED: return C1 if c in ('k8','k9') else E
    if s == SF0: return C2 if c in ('k9','ka') else E
    if s == SF4: return C2 if c == 'k8' else E
    if s == SC2: return A if c == 'ka' else E
def table(xml):
    out = []
    for b in range(256):
        v = 0
        for s in range(10):
            v |= (nxt(s, cls(b), xml) * 6) << (6 * s)
        out.append(v)
    return out
def emit(name, t):
    print("static const uint64_t %s[256] = {" % name)
    for i in range(0, 256, 3):
        print("\t" + " ".join("0x%015xULL," % v for v in t[i:i+3]))
    print("};")
emit("sanitize_dfa_markup", table(True))
print()
emit("sanitize_dfa_text", table(False))
# self-check against a reference on random strings
import random
def ref_valid_prefix(data, xml):
    # decode like utf8_char
    i = 0; last = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            if b < 0x20 and b not in (9,10,13): break
            if not xml and (b == 13 or b == 0x7f): break
            i += 1; last = i; continue
        try:
            for n in (2,3,4):
                if i + n <= len(data):
                    try:
                        ch = data[i:i+n].decode('utf-8')
                        if len(ch) == 1: break
                    except UnicodeDecodeError: ch = None
                else: ch = None
            else: ch = None
        except Exception: ch = None
        if ch is None or len(ch) != 1: break
        c = ord(ch)
        if not xml and c < 0xa0: break
        i += len(ch.encode('utf-8')); last = i
    return last
def dfa_prefix(data, t):
    s = 0; last = 0
    for i, b in enumerate(data):
        s = t[b] >> (s & 63)
        if s & 63 == 6: break
        if s & 63 == 0: last = i + 1
    return last
for xml in (True, False):
    t = table(xml)
    for trial in range(200000):
        n = random.randint(0, 8)
        data = bytes(random.choice([random.randint(0,255), random.randint(0x80,0xbf), random.choice([0xc2,0xd8,0xe0,0xed,0xef,0xf0,0xf4,0x20,0x0d,0x7f,0x09])]) for _ in range(n))
        a = ref_valid_prefix(data, xml); b = dfa_prefix(data, t)
        if a != b:
            import sys; print("MISMATCH", xml, data.hex(), a, b, file=sys.stderr); sys.exit(1)
# what sanitize_block16 takes without the tables must be accepted by them
for xml in (True, False):
    t = table(xml)
    for b in range(0x20, 0x80 if xml else 0x7f):
        if dfa_prefix(bytes([b]), t) != 1:
            import sys; print("BLOCK ASCII", xml, hex(b), file=sys.stderr); sys.exit(1)
    for lead in range(0xc2 if xml else 0xc3, 0xe0):
        for cont in range(0x80, 0xc0):
            if dfa_prefix(bytes([lead, cont]), t) != 2:
                import sys; print("BLOCK PAIR", xml, hex(lead), hex(cont), file=sys.stderr); sys.exit(1)
import sys; print("selfcheck ok", file=sys.stderr)
