package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A raw ICMPv6 socket for Neighbor Discovery (RFC 4861 §6.1.2: hop limit 255 on everything
 * sent; receivers drop ND packets with any other hop limit). The kernel computes the ICMPv6
 * checksum and picks the link-local source of the outgoing interface. Receives only Router
 * Solicitations (ICMP6_FILTER), waiting at most the given timeout.
 */
final class IcmpV6Socket implements AutoCloseable {

  private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  private final int fd;
  private final byte[] from = new byte[28];
  private final int[] fromLength = new int[1];

  private IcmpV6Socket(int fd) {
    this.fd = fd;
  }

  /** Opens the socket in the calling thread's namespace. */
  static IcmpV6Socket open(int receiveTimeoutMillis) {
    int fd = LibC.INSTANCE.socket(LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.IPPROTO_ICMPV6);
    if (fd < 0) {
      throw KernelException.lastError("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)");
    }
    IcmpV6Socket socket = new IcmpV6Socket(fd);
    try {
      socket.setInt(LibC.SOL_IPV6, LibC.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
      socket.setInt(LibC.SOL_IPV6, LibC.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
      socket.setInt(LibC.SOL_IPV6, LibC.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
      // icmp6_filter: a set bit blocks that type; pass only Router Solicitations.
      int[] filter = new int[8];
      java.util.Arrays.fill(filter, -1);
      int rs = RouterAdvertisement.TYPE_ROUTER_SOLICITATION;
      filter[rs >> 5] &= ~(1 << (rs & 31));
      ByteBuffer f = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
      for (int word : filter) {
        f.putInt(word);
      }
      if (LibC.INSTANCE.setsockopt(fd, LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, f.array(), 32) < 0) {
        throw KernelException.lastError("ICMP6_FILTER");
      }
      byte[] timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
          .putLong(receiveTimeoutMillis / 1000).putLong((receiveTimeoutMillis % 1000) * 1000L).array();
      if (LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, 16) < 0) {
        throw KernelException.lastError("SO_RCVTIMEO");
      }
      return socket;
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends {@code icmp} to all-nodes (ff02::1) on interface {@code ifindex}. */
  void sendToAllNodes(byte[] icmp, int ifindex) {
    byte[] to = new byte[28];
    ByteBuffer b = ByteBuffer.wrap(to).order(ByteOrder.nativeOrder());
    b.putShort(0, (short) LibC.AF_INET6);
    System.arraycopy(ALL_NODES, 0, to, 8, 16);
    b.putInt(24, ifindex);
    if (LibC.INSTANCE.sendto(fd, icmp, icmp.length, 0, to, to.length) < 0) {
      throw KernelException.lastError("send RA on #" + ifindex);
    }
  }

  /**
   * Receives one ICMPv6 message into {@code buffer}; returns its length or 0 on timeout. The
   * arrival interface (scope of the link-local source) is then {@link #lastInterface()}.
   */
  int receive(byte[] buffer) {
    fromLength[0] = from.length;
    long n = LibC.INSTANCE.recvfrom(fd, buffer, buffer.length, 0, from, fromLength);
    if (n < 0) {
      int errno = LibC.errno();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw new KernelException("receive ICMPv6", errno);
    }
    return (int) n;
  }

  int lastInterface() {
    return ByteBuffer.wrap(from).order(ByteOrder.nativeOrder()).getInt(24);
  }

  @Override
  public void close() {
    LibC.INSTANCE.close(fd);
  }

  private void setInt(int level, int option, int value, String what) {
    byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    if (LibC.INSTANCE.setsockopt(fd, level, option, v, 4) < 0) {
      throw KernelException.lastError(what);
    }
  }
}
