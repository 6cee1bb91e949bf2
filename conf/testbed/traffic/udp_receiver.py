# Receives numbered datagrams on PORT until IDLE seconds pass without one (after the first),
# printing "<seq> <monotonic ns>" per datagram. Prints "ready" when bound.
import socket, struct, sys, time
port, idle = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", port))
s.settimeout(30)
print("ready", flush=True)
got_first = False
while True:
    try:
        data, _ = s.recvfrom(2048)
    except socket.timeout:
        break
    if not got_first:
        got_first = True
        s.settimeout(idle)
    print(struct.unpack("!I", data[:4])[0], time.monotonic_ns(), flush=True)
