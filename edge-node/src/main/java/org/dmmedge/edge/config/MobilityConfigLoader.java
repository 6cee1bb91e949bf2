package org.dmmedge.edge.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmmedge.edge.config.MobilityConfig.ContextTransfer;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.RetransmissionPolicy;
import org.dmmedge.mobility.codec.ReplayGuard;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.dataplane.linux.LinuxDataPlaneConfig;
import org.dmmedge.mobility.dataplane.linux.TunnelBackendKind;
import org.dmmedge.mobility.mar.MarConfig;
import org.dmmedge.mobility.transport.TransportConfig;

/**
 * Reads the {@code mobility:} section of an edge node's file into a {@link MobilityConfig}:
 * every problem is reported with its field path ({@code mobility.dataPlane.coreLink: ...}),
 * unknown keys are refused, and the records' own checks (combinations) come back with the
 * same shape. A missing section means no mobility.
 */
final class MobilityConfigLoader {
  static final String SECTION = "mobility";
  private static final String ADDRESS = "an IPv6 address literal such as 2001:db8:c::1";
  private static final Pattern REFUSAL =
      Pattern.compile("([\\w.]+): (.*) \\(expected: (.*)\\)", Pattern.DOTALL);
  private static final String SOCKET = "[IP address]:port such as [2001:db8:c::a]:5436";
  private static final String TUNNELS = "auto, srv6, ip6tnl or userspace";
  private static final String KEY = "an HMAC key of at least 16 bytes (32 hex digits)";

  private MobilityConfigLoader() {}

  /**
   * The section of {@code root}, or empty when absent; {@code proxyPort} is where intercepted
   * port-80 connections are redirected ({@code server.listen}'s port).
   */
  static Optional<MobilityConfig> read(ConfigReader root, int proxyPort) {
    if (!root.has(SECTION)) {
      root.object(SECTION); // marks the key as known
      return Optional.empty();
    }
    ConfigReader r = root.object(SECTION);
    Inet6Address address = r.parsed("address", null, MobilityConfigLoader::ipv6, a -> true,
        ADDRESS);
    MarConfig.Builder mar = MarConfig.builder();
    InetSocketAddress cmd = r.parsed("cmd", null, MobilityConfigLoader::socketAddress,
        a -> a.getPort() > 0, SOCKET);
    Optional<InetSocketAddress> listen = Optional.ofNullable(r.parsed("listen", null,
        MobilityConfigLoader::socketAddress, a -> a.getPort() > 0, SOCKET));
    TransportConfig.Kind transport = r.choice("transport", TransportConfig.Kind.class,
        TransportConfig.Kind.UDP);
    mar.peerPort(r.integer("peerPort", TransportConfig.DEFAULT_PORT, 1, 65_535));
    Ipv6Prefix pool = r.parsed("prefixPool", null, MobilityConfigLoader::prefix,
        p -> p.length() >= 16 && p.length() <= 64, "an IPv6 prefix of length 16..64, e.g. "
            + "2001:db8:1::/48");
    ConfigReader own = r.object("securityAssociation");
    Optional<SecurityAssociation> key = association(own, false);
    own.finish();
    for (ConfigReader peer : r.objects("peerAssociations")) {
      association(peer, true).ifPresent(mar::peerAssociation);
      peer.finish();
    }
    mar.requireAuthentication(r.bool("requireAuthentication", true));
    mar.lifetime(r.duration("lifetime", MarConfig.DEFAULT_LIFETIME, Duration.ofSeconds(4)));
    mar.retransmission(retransmission(r.object("retransmission")));
    mar.accessTechnologyType(r.integer("accessTechnologyType",
        MarConfig.DEFAULT_ACCESS_TECHNOLOGY_TYPE, 0, 255));
    mar.timestampWindow(r.duration("timestampWindow", ReplayGuard.DEFAULT_WINDOW,
        Duration.ofMillis(1)));
    mar.acceptMadOptions(r.bool("acceptMadOptions", false));
    MnIdentity identity = r.choice("mnIdentity", MnIdentity.class, MnIdentity.ACCESS_LINK);
    LinuxDataPlaneConfig.Builder dataPlane = dataPlane(r.object("dataPlane"), proxyPort);
    ContextTransfer context = contextTransfer(r.object("contextTransfer"));
    r.finish();
    for (String required : List.of("address", "cmd", "prefixPool")) {
      if (!r.has(required)) {
        r.problem(required, "missing", required.equals("cmd") ? "the CMD's [address]:port"
            : required.equals("address") ? ADDRESS : "the pool MN prefixes come from");
      }
    }
    if (address == null || cmd == null || pool == null || dataPlane == null) {
      return Optional.empty();
    }
    mar.address(address).cmd(cmd).prefixPool(pool);
    key.map(k -> k.withPeer(cmd.getAddress())).ifPresent(mar::securityAssociation);
    InetSocketAddress bind = listen.orElse(
        new InetSocketAddress(address, TransportConfig.DEFAULT_PORT));
    try {
      mar.transport(new TransportConfig(transport, bind));
      MarConfig marConfig = mar.build();
      return Optional.of(new MobilityConfig(marConfig, dataPlane.localAddress(address).build(),
          identity, context));
    } catch (IllegalArgumentException e) {
      refused(r, e);
      return Optional.empty();
    }
  }

  /** A key: spi and key; {@code withPeer} also the peer MAR's address (else the CMD's, later). */
  private static Optional<SecurityAssociation> association(ConfigReader r, boolean withPeer) {
    if (!r.has("spi") && !r.has("key") && !withPeer) {
      return Optional.empty();
    }
    int spi = r.integer("spi", -1, 0, Integer.MAX_VALUE);
    byte[] key = r.parsed("key", null, CmdConfigLoader::hexKey, k -> true, KEY);
    InetAddress peer = withPeer ? r.parsed("peer", null, MobilityConfigLoader::ipv6, a -> true,
        "the peer MAR's address, " + ADDRESS) : InetAddress.getLoopbackAddress();
    for (String field : withPeer ? List.of("spi", "key", "peer") : List.of("spi", "key")) {
      if (!r.has(field)) {
        r.problem(field, "missing", field.equals("spi") ? "an integer >= 0"
            : field.equals("key") ? KEY : ADDRESS);
      }
    }
    return spi < 0 || key == null || peer == null ? Optional.empty()
        : Optional.of(new SecurityAssociation(spi, key, peer));
  }

  private static RetransmissionPolicy retransmission(ConfigReader r) {
    RetransmissionPolicy d = RetransmissionPolicy.DEFAULT;
    Duration initial = r.duration("initialTimeout", d.initialTimeout(), Duration.ofMillis(1));
    Duration max = r.duration("maxTimeout", d.maxTimeout(), Duration.ofMillis(1));
    int count = r.integer("maxRetransmissions", d.maxRetransmissions(), 0, 32);
    r.finish();
    if (max.compareTo(initial) < 0) {
      r.problem("maxTimeout", max.toMillis() + "ms", ">= initialTimeout " + initial.toMillis()
          + "ms");
      return d;
    }
    return new RetransmissionPolicy(initial, max, count);
  }

  private static LinuxDataPlaneConfig.Builder dataPlane(ConfigReader r, int proxyPort) {
    LinuxDataPlaneConfig.Builder b = LinuxDataPlaneConfig.builder();
    boolean ok = true;
    Optional<String> core = r.optionalString("coreLink");
    if (core.isEmpty()) {
      r.problem("coreLink", "missing", "the interface towards the other MARs, e.g. core0");
      ok = false;
    } else {
      ok &= apply(r, "coreLink", core.get(), () -> b.coreLink(core.get()));
    }
    List<String> access = r.list("accessLinks", List.of(), s -> s, "interface names");
    for (String link : access) {
      ok &= apply(r, "accessLinks", link, () -> b.accessLink(link));
    }
    TunnelBackendKind tunnel = r.parsed("tunnel", TunnelBackendKind.AUTO, text -> {
      try {
        return TunnelBackendKind.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(TUNNELS);
      }
    }, t -> true, TUNNELS);
    b.tunnel(tunnel);
    Optional.ofNullable(r.parsed("decapAddress", null, MobilityConfigLoader::ipv6, a -> true,
        ADDRESS)).ifPresent(b::decapAddress);
    for (ConfigReader peer : r.objects("peerDecapAddresses")) {
      Inet6Address mar = peer.parsed("peer", null, MobilityConfigLoader::ipv6, a -> true, ADDRESS);
      Inet6Address decap = peer.parsed("decap", null, MobilityConfigLoader::ipv6, a -> true,
          ADDRESS);
      peer.finish();
      if (mar != null && decap != null) {
        b.peerDecapAddress(mar, decap);
      }
    }
    Duration second = Duration.ofSeconds(1);
    b.routerLifetime(r.duration("routerLifetime", Duration.ofSeconds(
        LinuxDataPlaneConfig.DEFAULT_ROUTER_LIFETIME_SECONDS), second));
    b.routerAdvertisementInterval(r.duration("routerAdvertisementInterval", Duration.ofSeconds(
        LinuxDataPlaneConfig.DEFAULT_RA_INTERVAL_SECONDS), Duration.ofMillis(100)));
    b.prefixValidLifetime(r.duration("prefixValidLifetime", Duration.ofSeconds(
        LinuxDataPlaneConfig.DEFAULT_VALID_SECONDS), second));
    b.prefixPreferredLifetime(r.duration("prefixPreferredLifetime", Duration.ofSeconds(
        LinuxDataPlaneConfig.DEFAULT_PREFERRED_SECONDS), second));
    int mtu = r.integer("advertisedMtu", 0, 0, 65_535);
    if (mtu != 0 && mtu < 1280) {
      r.problem("advertisedMtu", mtu, "0 (automatic) or 1280..65535");
    } else {
      b.advertisedMtu(mtu);
    }
    b.clampMss(r.bool("clampMss", false));
    if (r.bool("intercept", true) && proxyPort > 0) {
      if (access.isEmpty()) {
        r.problem("accessLinks", "[]", "at least one when intercept is true");
        ok = false;
      } else {
        b.interceptPort(proxyPort);
      }
    }
    r.finish();
    return ok ? b : null;
  }

  private static ContextTransfer contextTransfer(ConfigReader r) {
    ContextTransfer d = ContextTransfer.defaults();
    ContextTransfer c = new ContextTransfer(r.bool("enabled", d.enabled()),
        r.integer("port", d.port(), 1, 65_535),
        r.integer("prefetchSegments", d.prefetchSegments(), 0, 100),
        r.duration("timeout", d.timeout(), Duration.ofMillis(1)));
    r.finish();
    return c;
  }

  /** Runs a builder setter, turning its refusal into a problem at {@code key}. */
  private static boolean apply(ConfigReader r, String key, String value, Runnable setter) {
    try {
      setter.run();
      return true;
    } catch (IllegalArgumentException e) {
      refused(r, e);
      return false;
    }
  }

  /** A record's or builder's refusal ({@code "field: value (expected: ...)"}) as a problem. */
  private static void refused(ConfigReader r, IllegalArgumentException e) {
    Matcher m = REFUSAL.matcher(String.valueOf(e.getMessage()));
    if (m.matches()) {
      r.problem(m.group(1), m.group(2), m.group(3));
    } else {
      r.problem("(section)", e.getMessage(), "a consistent mobility section");
    }
  }

  private static Inet6Address ipv6(String text) {
    if (CmdConfigLoader.ipLiteral(text) instanceof Inet6Address a) {
      return a;
    }
    throw new IllegalArgumentException(ADDRESS);
  }

  /** {@code [address]:port} with an IP literal (never a name lookup). */
  private static InetSocketAddress socketAddress(String text) {
    HostPort hp = HostPort.parse(text);
    try {
      return new InetSocketAddress(CmdConfigLoader.ipLiteral(hp.host()), hp.port());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SOCKET);
    }
  }

  private static Ipv6Prefix prefix(String text) {
    try {
      return Ipv6Prefix.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an IPv6 prefix such as 2001:db8:1::/48");
    }
  }
}
