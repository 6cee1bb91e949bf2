# Downloads from [HOST]:PORT using source address SRC; prints "<bytes> <sha256>".
import hashlib, socket, sys
host, port, src = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.bind((src, 0))
s.settimeout(30)
s.connect((host, port))
h, n = hashlib.sha256(), 0
while True:
    b = s.recv(65536)
    if not b:
        break
    h.update(b)
    n += len(b)
print(n, h.hexdigest(), flush=True)
