package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A raw IPv6 socket for next header 41 (IPv6-in-IPv6, RFC 2473): sending a packet wraps it in
 * an outer IPv6 header built by the kernel (source chosen by routing, next header 41);
 * receiving yields the inner packet of every protocol-41 packet addressed to this node, the
 * outer header stripped by the kernel (IPv6 raw sockets never see it), and the outer source.
 */
final class RawIp6Ip6Socket implements AutoCloseable {

  private final int fd;
  private final byte[] from = new byte[28];
  private final int[] fromLength = new int[1];

  private RawIp6Ip6Socket(int fd) {
    this.fd = fd;
  }

  /** Opens the socket in the calling thread's namespace; receives wait at most {@code timeoutMillis}. */
  static RawIp6Ip6Socket open(int timeoutMillis) {
    int fd = LibC.INSTANCE.socket(LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.IPPROTO_IPV6);
    if (fd < 0) {
      throw KernelException.lastError("socket(AF_INET6, SOCK_RAW, 41)");
    }
    byte[] timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .putLong(timeoutMillis / 1000).putLong((timeoutMillis % 1000) * 1000L).array();
    if (LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, 16) < 0) {
      KernelException e = KernelException.lastError("SO_RCVTIMEO");
      LibC.INSTANCE.close(fd);
      throw e;
    }
    return new RawIp6Ip6Socket(fd);
  }

  /** Encapsulates {@code packet[0, length)} towards {@code peer}. */
  void send(byte[] packet, int length, Inet6Address peer) {
    byte[] to = new byte[28];
    ByteBuffer.wrap(to).order(ByteOrder.nativeOrder()).putShort((short) LibC.AF_INET6);
    System.arraycopy(peer.getAddress(), 0, to, 8, 16);
    if (LibC.INSTANCE.sendto(fd, packet, length, 0, to, to.length) < 0) {
      throw KernelException.lastError("send ip6ip6 to " + peer.getHostAddress());
    }
  }

  /**
   * Receives one inner packet into {@code buffer}; returns its length, or 0 on timeout. The
   * outer source address is then {@link #lastSource()}.
   */
  int receive(byte[] buffer) {
    fromLength[0] = from.length;
    long n = LibC.INSTANCE.recvfrom(fd, buffer, buffer.length, 0, from, fromLength);
    if (n < 0) {
      int errno = LibC.errno();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw new KernelException("receive ip6ip6", errno);
    }
    return (int) n;
  }

  Inet6Address lastSource() {
    try {
      return (Inet6Address) InetAddress.getByAddress(Arrays.copyOfRange(from, 8, 24));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    LibC.INSTANCE.close(fd);
  }
}
