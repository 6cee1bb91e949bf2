package org.dmmedge.edge.mobility;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.edge.server.EdgeServer;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.MobilityListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the proxy connections of an MN that left this MAR, so that its next request opens a new
 * connection, from the prefix of its new MAR, which that MAR intercepts and serves from its own
 * cache: idle keep-alive connections close at once, busy ones after the response in flight
 * ({@code Connection: close} when its head has not gone out yet). The response in flight
 * still reaches the MN: its prefix is anchored here and forwarded through the tunnel.
 *
 * <p>Runs on the MAR agent's thread; only hands work to the connections' event loops.
 */
final class ConnectionDrainer implements MobilityListener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionDrainer.class);

  private final MovedClients moved;
  private final EdgeServer server;

  ConnectionDrainer(MovedClients moved, EdgeServer server) {
    this.moved = Objects.requireNonNull(moved, "moved");
    this.server = Objects.requireNonNull(server, "server");
  }

  @Override
  public void arrived(String mnId, Optional<InetAddress> from, List<Ipv6Prefix> prefixes) {
    moved.returned(mnId);
  }

  @Override
  public void left(String mnId, Optional<InetAddress> to, List<Ipv6Prefix> prefixes) {
    moved.moved(mnId, prefixes);
    int drained = server.drainClients(a -> prefixes.stream().anyMatch(p -> p.contains(a)));
    log.info("{} left for {}: draining {} proxy connections from {}", mnId,
        to.map(InetAddress::getHostAddress).orElse("nowhere (detached)"), drained, prefixes);
  }
}
