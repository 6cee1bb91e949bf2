package org.dmmedge.mobility.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Which transport carries mobility messages and where it listens.
 *
 * @param kind UDP (port 5436 by default, IPv4 or IPv6) or raw IPv6 next header 135
 * @param bind the local address; for raw IPv6 the port is ignored
 */
public record TransportConfig(Kind kind, InetSocketAddress bind) {
  /** The UDP port of PMIPv6 over UDP (RFC 5844 §7), which tshark decodes as MIPv6. */
  public static final int DEFAULT_PORT = 5436;

  /** How messages travel. */
  public enum Kind {
    /** Mobility Header right after a UDP header (Netty datagram channel). */
    UDP,
    /** Mobility Header as IPv6 next header 135 (raw socket, needs CAP_NET_RAW). */
    RAW_IPV6
  }

  public TransportConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bind, "bind");
    if (kind == Kind.RAW_IPV6 && bind.getAddress().getAddress().length != 16) {
      throw new IllegalArgumentException(
          "bind: " + bind + " (expected: an IPv6 address for RAW_IPV6)");
    }
  }

  /** UDP on {@code bind}. */
  public static TransportConfig udp(InetSocketAddress bind) {
    return new TransportConfig(Kind.UDP, bind);
  }
}
