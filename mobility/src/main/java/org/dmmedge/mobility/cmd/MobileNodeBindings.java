package org.dmmedge.mobility.cmd;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * Everything the CMD knows of one MN: the MAR serving it now, its link-layer identifier (may be
 * empty) and its prefixes, each with its anchor. Immutable; changes make a new value.
 */
public record MobileNodeBindings(String mnId, InetAddress servingMar, byte[] linkLayerId,
    List<Binding> bindings) {
  public MobileNodeBindings {
    Objects.requireNonNull(mnId, "mnId");
    Objects.requireNonNull(servingMar, "servingMar");
    linkLayerId = Objects.requireNonNull(linkLayerId, "linkLayerId").clone();
    bindings = List.copyOf(bindings);
  }

  @Override
  public byte[] linkLayerId() {
    return linkLayerId.clone();
  }

  /** The binding of {@code prefix}, if the MN has it. */
  public Optional<Binding> binding(Ipv6Prefix prefix) {
    return bindings.stream().filter(b -> b.prefix().equals(prefix)).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MobileNodeBindings other && mnId.equals(other.mnId)
        && servingMar.equals(other.servingMar) && Arrays.equals(linkLayerId, other.linkLayerId)
        && bindings.equals(other.bindings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mnId, servingMar, Arrays.hashCode(linkLayerId), bindings);
  }
}
