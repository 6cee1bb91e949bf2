# Sends COUNT numbered datagrams to [HOST]:PORT from SRC, one every INTERVAL seconds,
# on an absolute schedule (a late packet does not shift the ones after it).
import socket, struct, sys, time
host, port, src, count, interval = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind((src, 0))
start = time.monotonic()
for seq in range(count):
    delay = start + seq * interval - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    try:
        s.sendto(struct.pack("!I", seq) + b"v" * 156, (host, port))
    except OSError:
        pass  # no route for a moment during a move: that packet is lost, as on a real link
print("done", flush=True)
