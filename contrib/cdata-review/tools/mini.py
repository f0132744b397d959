import subprocess, sys, os
src, dst, chunk = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(src, 'rb').read()
def differs(d):
    open('/tmp/rv/mtmp%s.xml' % chunk + '', 'wb').write(d)
    a = subprocess.run(['./h-old', '/tmp/rv/mtmp%s.xml' % chunk + '', chunk], capture_output=True).stdout
    b = subprocess.run([os.environ.get('NEW','./h-new'), '/tmp/rv/mtmp%s.xml' % chunk + '', chunk], capture_output=True).stdout
    return a != b
assert differs(data)
n = 2
while len(data) >= 2:
    size = max(1, len(data) // n)
    changed = False
    i = 0
    while i < len(data):
        cand = data[:i] + data[i+size:]
        if cand and differs(cand):
            data = cand; changed = True
        else:
            i += size
    if not changed:
        if size == 1: break
        n = min(n * 2, len(data))
    else:
        n = max(n - 1, 2)
open(dst, 'wb').write(data)
print(len(data)); print(data)
