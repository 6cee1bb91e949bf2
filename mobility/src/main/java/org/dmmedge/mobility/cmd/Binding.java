package org.dmmedge.mobility.cmd;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * One of an MN's prefixes as the CMD records it: the MAR that anchors it, the lifetime granted
 * and when it was last registered.
 */
public record Binding(Ipv6Prefix prefix, InetAddress anchor, Duration lifetime, Instant registered) {
  public Binding {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(registered, "registered");
  }

  /** When the binding lapses unless refreshed. */
  public Instant expires() {
    return registered.plus(lifetime);
  }
}
