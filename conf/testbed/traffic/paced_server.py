# TCP server for one download: sends TOTAL bytes of the pattern (i % 251) at RATE bytes/s
# (0: as fast as possible) to the first client, then exits. Prints "listening" when ready.
import socket, sys, time
port, total, rate = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
pattern = bytes(i % 251 for i in range(251 * 64))
srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("::", port))
srv.listen(1)
srv.settimeout(30)
print("listening", flush=True)
conn, _ = srv.accept()
sent, start, chunk = 0, time.monotonic(), 16384
while sent < total:
    offset = sent % 251
    n = min(chunk, total - sent)
    data = (pattern[offset:] + pattern)[:n]
    conn.sendall(data)
    sent += n
    if rate:
        ahead = sent / rate - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)
conn.close()
print("sent", sent, flush=True)
