package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * One IPv6 unicast route as the data plane installs it: destination, table, metric, output
 * interface, optional gateway and optional lightweight-tunnel encapsulation. The kernel keys a
 * route by (table, destination, metric), so replacing a route with the same key is idempotent.
 *
 * @param destination where the route leads
 * @param table routing table id (254 is main)
 * @param metric route priority; lower wins
 * @param outputIndex ifindex of the output interface
 * @param gateway next hop, empty for on-link
 * @param encap lightweight-tunnel encapsulation, empty for none
 */
record Route(Ipv6Prefix destination, int table, int metric, int outputIndex,
    Optional<Inet6Address> gateway, Optional<RouteEncap> encap) {

  static final int MAIN_TABLE = 254;

  Route {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(encap, "encap");
    if (table <= 0) {
      throw new IllegalArgumentException("table: " + table + " (expected: > 0)");
    }
    if (metric < 0) {
      throw new IllegalArgumentException("metric: " + metric + " (expected: >= 0)");
    }
    if (outputIndex <= 0) {
      throw new IllegalArgumentException("outputIndex: " + outputIndex + " (expected: > 0)");
    }
  }

  /** A route delivering {@code destination} directly on interface {@code outputIndex}. */
  static Route onLink(Ipv6Prefix destination, int table, int metric, int outputIndex) {
    return new Route(destination, table, metric, outputIndex, Optional.empty(), Optional.empty());
  }

  Route withGateway(Inet6Address via) {
    return new Route(destination, table, metric, outputIndex, Optional.of(via), encap);
  }

  Route withEncap(RouteEncap routeEncap) {
    return new Route(destination, table, metric, outputIndex, gateway, Optional.of(routeEncap));
  }

  /** {@code 2001:db8::1} rather than Java's {@code 2001:db8:0:0:0:0:0:1}. */
  static String text(Inet6Address address) {
    String prefix = Ipv6Prefix.of(address.getAddress(), 128).toString();
    return prefix.substring(0, prefix.length() - "/128".length());
  }

  @Override
  public String toString() {
    return "route " + destination + " table " + table + " metric " + metric + " dev #" + outputIndex
        + gateway.map(g -> " via " + text(g)).orElse("")
        + encap.map(e -> " " + e).orElse("");
  }
}
