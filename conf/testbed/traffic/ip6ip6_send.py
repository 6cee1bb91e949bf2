# Sends one IPv6-in-IPv6 packet (next header 41) to DST whose inner packet is a UDP datagram
# from INNER_SRC to INNER_DST port 9; the kernel adds the outer header. Prints "sent".
import socket, struct, sys
dst, inner_src, inner_dst = sys.argv[1], sys.argv[2], sys.argv[3]
payload = b"spoofed"
udp = struct.pack("!HHHH", 9, 9, 8 + len(payload), 0) + payload
inner = struct.pack("!IHBB", 6 << 28, len(udp), 17, 64) \
    + socket.inet_pton(socket.AF_INET6, inner_src) + socket.inet_pton(socket.AF_INET6, inner_dst) + udp
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 41)
s.sendto(inner, (dst, 0))
print("sent", flush=True)
