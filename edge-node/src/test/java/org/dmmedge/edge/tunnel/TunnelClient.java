package org.dmmedge.edge.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** A test client of CONNECT tunnels over raw sockets, and the byte streams they carry. */
final class TunnelClient {
  static final int CHUNK = 64 * 1024;

  private TunnelClient() {}

  /** A connection after its CONNECT was answered, and the answer's head. */
  record Opened(Socket socket, String head) {}

  /**
   * Sends {@code CONNECT target} and {@code early} (bytes right after the head, in the same
   * write) and reads the response head, exactly, so that the tunnel's bytes stay unread.
   */
  static Opened open(int edgePort, String target, byte[] early, int sendBufferBytes)
      throws IOException {
    Socket socket = new Socket();
    if (sendBufferBytes > 0) {
      socket.setSendBufferSize(sendBufferBytes);
      socket.setReceiveBufferSize(sendBufferBytes);
    }
    socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), edgePort));
    socket.setSoTimeout(20_000);
    byte[] head = ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target
        + "\r\nUser-Agent: tunnel-test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + early.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(early, 0, all, head.length, early.length);
    socket.getOutputStream().write(all);
    socket.getOutputStream().flush();
    return new Opened(socket, readHead(socket.getInputStream()));
  }

  static Opened open(int edgePort, String target) throws IOException {
    return open(edgePort, target, new byte[0], 0);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code length} seeded pseudo-random bytes; returns their SHA-256. */
  static String send(OutputStream out, long seed, long length, java.util.function.LongConsumer
      progress) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[CHUNK];
    long sent = 0;
    while (sent < length) {
      int n = (int) Math.min(CHUNK, length - sent);
      random.nextBytes(chunk);
      sha.update(chunk, 0, n);
      out.write(chunk, 0, n);
      sent += n;
      progress.accept(sent);
    }
    out.flush();
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The SHA-256 of {@code length} seeded bytes, as {@link #send} writes them. */
  static String expected(long seed, long length) throws Exception {
    return send(OutputStream.nullOutputStream(), seed, length, n -> { });
  }

  /** Reads to end of stream; returns the SHA-256 and the count of what was read. */
  static Drained drain(InputStream in) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[CHUNK];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      sha.update(buf, 0, n);
      total += n;
    }
    return new Drained(HexFormat.of().formatHex(sha.digest()), total);
  }

  /** What a stream carried. */
  record Drained(String sha256, long bytes) {}
}
