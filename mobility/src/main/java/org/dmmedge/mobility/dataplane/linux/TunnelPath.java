package org.dmmedge.mobility.dataplane.linux;

import java.util.Objects;
import java.util.Optional;

/**
 * How a route sends packets into the tunnel to one peer: out of interface
 * {@code outputIndex}, with {@code encap} as its lightweight-tunnel encapsulation if any.
 */
record TunnelPath(int outputIndex, Optional<RouteEncap> encap) {

  TunnelPath {
    Objects.requireNonNull(encap, "encap");
  }

  /** A route to {@code route}'s destination that enters this tunnel. */
  Route route(org.dmmedge.mobility.Ipv6Prefix destination, int table, int metric) {
    Route plain = Route.onLink(destination, table, metric, outputIndex);
    return encap.map(plain::withEncap).orElse(plain);
  }
}
