package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.dataplane.DataPlaneException;

/**
 * Finds out which tunnel backends the kernel offers, by trying them (a probe route, a probe
 * device) rather than reading kernel configs, and builds the configured one.
 */
final class TunnelBackends {

  private static final int PROBE_TABLE = 2_000_000_000;
  private static final Ipv6Prefix PROBE_PREFIX = Ipv6Prefix.parse("100::/64"); // RFC 6666 discard
  /**
   * The probe device's remote end, in the discard prefix: unique, so the kernel really creates
   * the device (local and remote :: would collide with its fallback device ip6tnl0).
   */
  private static final Inet6Address PROBE_REMOTE = Ipv6Prefix.parse("100::1/128").address();

  private TunnelBackends() {}

  /** Why seg6 lightweight tunnels cannot be used here, or empty when they can. */
  static Optional<String> seg6Missing(Rtnetlink rtnl, int coreIndex) {
    Route probe = Route.onLink(PROBE_PREFIX, PROBE_TABLE, 1, coreIndex)
        .withEncap(new RouteEncap.Seg6EncapRed(RtMessages.unspecified()));
    try {
      rtnl.replaceRoute(probe);
      rtnl.removeRoute(probe);
      return Optional.empty();
    } catch (KernelException e) {
      return Optional.of("srv6 tunnels unavailable: the kernel refuses seg6 routes ("
          + e.getMessage() + "; needs CONFIG_IPV6_SEG6_LWTUNNEL)");
    }
  }

  /** Why ip6tnl devices cannot be used here, or empty when they can. */
  static Optional<String> ip6tnlMissing(Rtnetlink rtnl) {
    String name = "dmmt-probe";
    try {
      rtnl.addIp6Tunnel(name, RtMessages.unspecified(), PROBE_REMOTE);
      rtnl.removeLink(name);
      return Optional.empty();
    } catch (KernelException e) {
      return Optional.of("ip6tnl tunnels unavailable: the kernel has no ip6tnl devices ("
          + e.getMessage() + "; needs CONFIG_IPV6_TUNNEL, module ip6_tunnel)");
    }
  }

  /** Why TUN devices cannot be used here, or empty when they can. */
  static Optional<String> tunMissing() {
    return Files.isReadable(Path.of("/dev/net/tun")) ? Optional.empty()
        : Optional.of("userspace tunnels unavailable: no /dev/net/tun (needs CONFIG_TUN)");
  }

  /**
   * Builds the backend {@code config} asks for; for {@code auto} the first available of srv6,
   * ip6tnl, userspace. Each unavailable backend considered is reported through {@code notice}
   * in one line.
   */
  static TunnelBackend create(LinuxDataPlaneConfig config, Rtnetlink rtnl, int coreIndex, int tunnelMtu,
      java.util.function.Consumer<String> notice) {
    TunnelBackendKind kind = config.tunnel();
    if (kind == TunnelBackendKind.AUTO || kind == TunnelBackendKind.SRV6) {
      Optional<String> missing = config.decapAddress().isEmpty()
          ? Optional.of("srv6 tunnels not configured: no decapAddress") : seg6Missing(rtnl, coreIndex);
      if (missing.isEmpty()) {
        return new Srv6Backend(rtnl, coreIndex, config.decapAddress().get(), config.peerDecapAddresses());
      }
      fail(kind, TunnelBackendKind.SRV6, missing.get(), notice);
    }
    if (kind == TunnelBackendKind.AUTO || kind == TunnelBackendKind.IP6TNL) {
      Optional<String> missing = ip6tnlMissing(rtnl);
      if (missing.isEmpty()) {
        return new Ip6TnlBackend(rtnl, config.localAddress());
      }
      fail(kind, TunnelBackendKind.IP6TNL, missing.get(), notice);
    }
    Optional<String> missing = tunMissing();
    if (missing.isPresent()) {
      throw new DataPlaneException("tunnel: " + kind.configName() + " (" + missing.get() + ")");
    }
    return new UserspaceTunnelBackend(config.namespace(), rtnl, tunnelMtu);
  }

  private static void fail(TunnelBackendKind asked, TunnelBackendKind tried, String why,
      java.util.function.Consumer<String> notice) {
    if (asked == tried) {
      throw new DataPlaneException("tunnel: " + asked.configName() + " (" + why + ")");
    }
    notice.accept(why);
  }
}
