package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A raw IPv6 socket (raw(7), RFC 3542) for one next-header value, in the namespace of the
 * thread that opened it. The kernel builds the IPv6 header of what is sent (source chosen by
 * routing) and strips it from what is received (IPv6 raw sockets never see it), so:
 * <ul>
 *   <li>protocol 41 (IPv6-in-IPv6, RFC 2473): sending a packet encapsulates it towards the
 *       destination; receiving yields the inner packet of each protocol-41 packet addressed
 *       to this node, and its outer source;
 *   <li>protocol 58 (ICMPv6): the kernel computes the checksum (RFC 3542 §3.1).
 * </ul>
 * Receives wait at most the timeout given at open and then return 0. One receiving thread;
 * sending is safe from any thread.
 */
final class RawIpv6Socket implements AutoCloseable {

  private final int fd;
  private final String what;
  private final byte[] from = new byte[28];
  private final int[] fromLength = new int[1];

  private RawIpv6Socket(int fd, String what) {
    this.fd = fd;
    this.what = what;
  }

  static RawIpv6Socket open(int protocol, int receiveTimeoutMillis) {
    String what = "raw IPv6 socket for protocol " + protocol;
    int fd = LibC.INSTANCE.socket(LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
    if (fd < 0) {
      throw KernelException.lastError("open " + what);
    }
    RawIpv6Socket socket = new RawIpv6Socket(fd, what);
    try {
      SocketOptions.setReceiveTimeout(fd, receiveTimeoutMillis);
      return socket;
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  int fd() {
    return fd;
  }

  /** Sends {@code payload[0, length)} to {@code destination} (16 bytes) on scope {@code scopeId} (0: any). */
  void send(byte[] payload, int length, byte[] destination, int scopeId) {
    byte[] to = new byte[28];
    ByteBuffer b = ByteBuffer.wrap(to).order(ByteOrder.nativeOrder());
    b.putShort(0, (short) LibC.AF_INET6);
    System.arraycopy(destination, 0, to, 8, 16);
    b.putInt(24, scopeId);
    if (LibC.INSTANCE.sendto(fd, payload, length, 0, to, to.length) < 0) {
      throw KernelException.lastError("send on " + what + " to " + address(destination).getHostAddress()
          + (scopeId != 0 ? "%" + scopeId : ""));
    }
  }

  /** Receives one payload into {@code buffer}; returns its length, or 0 on timeout. */
  int receive(byte[] buffer) {
    fromLength[0] = from.length;
    long n = LibC.INSTANCE.recvfrom(fd, buffer, buffer.length, 0, from, fromLength);
    if (n < 0) {
      int errno = LibC.errno();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw new KernelException("receive on " + what, errno);
    }
    return (int) n;
  }

  /** The source address of the last payload received. */
  Inet6Address lastSource() {
    return address(Arrays.copyOfRange(from, 8, 24));
  }

  /** The scope (interface index) of the last payload's link-local source, 0 otherwise. */
  int lastScope() {
    return ByteBuffer.wrap(from).order(ByteOrder.nativeOrder()).getInt(24);
  }

  @Override
  public void close() {
    LibC.INSTANCE.close(fd);
  }

  private static Inet6Address address(byte[] bytes) {
    try {
      return (Inet6Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
