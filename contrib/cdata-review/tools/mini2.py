import subprocess, sys, os
src, dst, chunk = sys.argv[1], sys.argv[2], sys.argv[3]
d = open(src, 'rb').read()
k = d.find(b'--><description>') + 3
pre, data = d[:k], d[k:]
NEW = os.environ.get('NEW', './h-new3')
def differs(x):
    fn = '/tmp/rv/m2%s.xml' % chunk
    for padn in range(0, 3):
        open(fn, 'wb').write(pre[:len(pre)-3-padn] + b'-->' + x if False else pre + b' ' * padn + x)
        a = subprocess.run(['./h-old', fn, chunk], capture_output=True).stdout
        b = subprocess.run([NEW, fn, chunk], capture_output=True).stdout
        if a != b: return True
    return False
assert differs(data)
n = 2
while len(data) >= 2:
    size = max(1, len(data) // n); changed = False; i = 0
    while i < len(data):
        cand = data[:i] + data[i+size:]
        if cand and differs(cand): data = cand; changed = True
        else: i += size
    if not changed:
        if size == 1: break
        n = min(n * 2, len(data))
    else: n = max(n - 1, 2)
open(dst, 'wb').write(pre + data)
print(len(data)); print(data)
