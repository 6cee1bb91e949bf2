package org.dmmedge.edge.mobility;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * The client prefixes of mobile nodes that moved away from this MAR: their connections to the
 * local proxy reach it through a tunnel from the MN's new MAR and should end after their
 * response in flight (DESIGN.md, request path step 6). An MN that comes back is forgotten.
 *
 * <p>Thread-safe: written by the MAR agent's thread, read by event loops.
 */
public final class MovedClients {
  private final Map<String, List<Ipv6Prefix>> byNode = new ConcurrentHashMap<>();

  /** MN {@code mnId}, which used {@code prefixes} here, moved away. */
  public void moved(String mnId, List<Ipv6Prefix> prefixes) {
    byNode.put(Objects.requireNonNull(mnId, "mnId"), List.copyOf(prefixes));
  }

  /** MN {@code mnId} is served here again. */
  public void returned(String mnId) {
    byNode.remove(Objects.requireNonNull(mnId, "mnId"));
  }

  /** Whether {@code client} is an address of an MN that moved away. */
  public boolean contains(InetAddress client) {
    return byNode.values().stream().flatMap(List::stream).anyMatch(p -> p.contains(client));
  }
}
