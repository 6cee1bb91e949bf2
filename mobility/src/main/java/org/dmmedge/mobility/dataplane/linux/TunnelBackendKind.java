package org.dmmedge.mobility.dataplane.linux;

import java.util.Locale;

/** The tunnel backend a node is configured with ({@code mobility.dataplane.tunnel}). */
public enum TunnelBackendKind {
  /** The first of {@code srv6}, {@code ip6tnl}, {@code userspace} this kernel supports. */
  AUTO,
  /** seg6 {@code encap.red} with one segment, decap with seg6local End.DX6. */
  SRV6,
  /** Classic ip6tnl devices (ip6ip6 mode). */
  IP6TNL,
  /** TUN devices and a raw protocol-41 socket: the same bytes on the wire, done by this process. */
  USERSPACE;

  /** Parses the config spelling ({@code auto}, {@code srv6}, {@code ip6tnl}, {@code userspace}). */
  public static TunnelBackendKind parse(String text) {
    for (TunnelBackendKind kind : values()) {
      if (kind.configName().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("tunnel: " + text + " (expected: auto, srv6, ip6tnl or userspace)");
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
