package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The raw ICMPv6 socket for Neighbor Discovery (RFC 4861 §6.1.2: hop limit 255 on everything
 * sent; receivers drop ND packets with any other hop limit). The kernel computes the checksum
 * and picks the link-local source of the outgoing interface. Receives only Router
 * Solicitations (ICMP6_FILTER), each with the interface it arrived on.
 */
final class IcmpV6Socket implements AutoCloseable {

  private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  private final RawIpv6Socket raw;

  private IcmpV6Socket(RawIpv6Socket raw) {
    this.raw = raw;
  }

  /** Opens the socket in the calling thread's namespace. */
  static IcmpV6Socket open(int receiveTimeoutMillis) {
    RawIpv6Socket raw = RawIpv6Socket.open(LibC.IPPROTO_ICMPV6, receiveTimeoutMillis);
    try {
      SocketOptions.setInt(raw.fd(), LibC.SOL_IPV6, LibC.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
      SocketOptions.setInt(raw.fd(), LibC.SOL_IPV6, LibC.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
      SocketOptions.setInt(raw.fd(), LibC.SOL_IPV6, LibC.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
      // icmp6_filter: a set bit blocks that type; pass only Router Solicitations.
      int[] filter = new int[8];
      Arrays.fill(filter, -1);
      int rs = RouterAdvertisement.TYPE_ROUTER_SOLICITATION;
      filter[rs >> 5] &= ~(1 << (rs & 31));
      ByteBuffer f = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
      for (int word : filter) {
        f.putInt(word);
      }
      SocketOptions.set(raw.fd(), LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, f.array(), "ICMP6_FILTER");
      return new IcmpV6Socket(raw);
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Sends {@code icmp} to all-nodes (ff02::1) on interface {@code ifindex}. */
  void sendToAllNodes(byte[] icmp, int ifindex) {
    raw.send(icmp, icmp.length, ALL_NODES, ifindex);
  }

  /** Receives one solicitation into {@code buffer}; returns its length, or 0 on timeout. */
  int receive(byte[] buffer) {
    return raw.receive(buffer);
  }

  /** The interface the last solicitation arrived on (the scope of its link-local source). */
  int lastInterface() {
    return raw.lastScope();
  }

  @Override
  public void close() {
    raw.close();
  }
}
