package org.dmmedge.mobility;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a MAR agent tells the edge node about mobile nodes. Called on the agent's thread, after
 * the data plane holds the new state; implementations must return quickly and not call back
 * into the agent synchronously.
 */
public interface MobilityListener {

  /**
   * MN {@code mnId} is registered here, having come from {@code from} (empty on a first
   * attach); {@code prefixes} are all its prefixes, this MAR's first.
   */
  void arrived(String mnId, Optional<InetAddress> from, List<Ipv6Prefix> prefixes);

  /**
   * MN {@code mnId} is no longer attached here: it moved to {@code to} (empty when it detached);
   * {@code prefixes} are the prefixes it used here, which this MAR forwards to {@code to} if it
   * anchors them.
   */
  void left(String mnId, Optional<InetAddress> to, List<Ipv6Prefix> prefixes);
}
