package org.dmmedge.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import org.dmmedge.edge.config.ConfigReader.Problems;
import org.dmmedge.mobility.RetransmissionPolicy;
import org.dmmedge.mobility.cmd.CmdConfig;
import org.dmmedge.mobility.cmd.CmdMode;
import org.dmmedge.mobility.codec.ReplayGuard;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.transport.TransportConfig;

/**
 * Reads the Central Mobility Database's YAML (everything under a top-level {@code cmd:}
 * mapping, documented in {@code conf/cmd.yaml}) into mobility's {@link CmdConfig}, with the
 * same rules as the edge's file: every problem at once, each naming its path and value,
 * unknown keys refused, human durations. Files are read and overridden with
 * {@link ConfigLoader#readTree} and {@link ConfigLoader#override}.
 */
public final class CmdConfigLoader {
  /** The top-level key that marks a CMD file. */
  public static final String ROOT = "cmd";

  private CmdConfigLoader() {}

  /** Whether {@code tree} is a CMD file (it has the top-level {@code cmd:} mapping). */
  public static boolean isCmd(JsonNode tree) {
    return tree.has(ROOT);
  }

  /** Validates a tree and builds the CMD's configuration. */
  public static CmdConfig read(JsonNode tree) {
    Problems problems = new Problems();
    ConfigReader root = ConfigReader.root(tree, problems);
    ConfigReader r = root.object(ROOT);
    root.finish();
    CmdConfig.Builder b = CmdConfig.builder();
    String transportExpected = HostPort.EXPECTED;
    // Default: loopback, as CmdConfig's; a real CMD names its service address (no wildcard).
    HostPort listen = r.parsed("listen", new HostPort("127.0.0.1", TransportConfig.DEFAULT_PORT),
        HostPort::parse, hp -> !isWildcard(hp.host()), transportExpected
            + " naming the CMD's own address (not a wildcard: MARs drop replies from another)");
    TransportConfig.Kind kind = r.choice("transport", TransportConfig.Kind.class,
        TransportConfig.Kind.UDP);
    b.mode(r.choice("mode", CmdMode.class, CmdConfig.DEFAULT_MODE));
    b.marPort(r.integer("marPort", TransportConfig.DEFAULT_PORT, 1, 65_535));
    r.writableDirectory("journalDirectory").ifPresent(b::journalDirectory);
    b.compactAfterRecords(r.integer("compactAfterRecords", 10_000, 1, Integer.MAX_VALUE));
    java.util.Optional.ofNullable(r.parsed("admin", null, HostPort::parse, hp -> true,
        HostPort.EXPECTED)).map(HostPort::toAddress).ifPresent(b::admin);
    boolean requireAuth = r.bool("requireAuthentication", true);
    b.requireAuthentication(requireAuth);
    int spis = 0;
    for (ConfigReader sa : r.objects("securityAssociations")) {
      int spi = sa.integer("spi", -1, 0, Integer.MAX_VALUE);
      byte[] key = sa.parsed("key", null, CmdConfigLoader::hexKey, k -> true,
          "an HMAC key of at least 16 bytes in hex (32+ hex digits)");
      InetAddress peer = sa.parsed("peer", null, CmdConfigLoader::ipLiteral, a -> true,
          "the MAR's IP address");
      sa.finish();
      if (spi < 0 || key == null || peer == null) {
        for (String f : new String[] {"spi", "key", "peer"}) {
          if (!sa.has(f)) {
            sa.problem(f, "missing", "a value");
          }
        }
        continue;
      }
      b.securityAssociation(new SecurityAssociation(spi, key, peer));
      spis++;
    }
    b.timestampWindow(r.duration("timestampWindow", ReplayGuard.DEFAULT_WINDOW,
        Duration.ofMillis(1)));
    b.maxLifetime(r.duration("maxLifetime", CmdConfig.DEFAULT_MAX_LIFETIME, Duration.ofSeconds(1)));
    b.expirySweepInterval(r.duration("expirySweepInterval", CmdConfig.DEFAULT_EXPIRY_SWEEP_INTERVAL,
        Duration.ofMillis(10)));
    b.acceptMadOptions(r.bool("acceptMadOptions", false));
    ConfigReader rt = r.object("anchorRetransmission");
    RetransmissionPolicy d = CmdConfig.DEFAULT_ANCHOR_RETRANSMISSION;
    Duration initial = rt.duration("initialTimeout", d.initialTimeout(), Duration.ofMillis(1));
    Duration max = rt.duration("maxTimeout", d.maxTimeout(), Duration.ofMillis(1));
    int retransmissions = rt.integer("maxRetransmissions", d.maxRetransmissions(), 0, 32);
    rt.finish();
    if (max.compareTo(initial) < 0) {
      rt.problem("maxTimeout", max, ">= initialTimeout " + initial);
    } else {
      b.anchorRetransmission(new RetransmissionPolicy(initial, max, retransmissions));
    }
    r.finish();
    if (requireAuth && spis == 0 && !r.has("securityAssociations")) {
      r.problem("securityAssociations", "none", "one per MAR when requireAuthentication "
          + "is true");
    }
    InetSocketAddress bind = null;
    try {
      bind = listen.toAddress();
    } catch (IllegalArgumentException e) {
      r.problem("listen", listen, transportExpected);
    }
    if (bind != null) {
      try {
        b.transport(new TransportConfig(kind, bind));
      } catch (IllegalArgumentException e) {
        r.problem("listen", listen, "an IPv6 address for transport raw_ipv6");
      }
    }
    problems.throwIfAny();
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(java.util.List.of(ROOT + "." + e.getMessage()));
    }
  }

  private static boolean isWildcard(String host) {
    return host.equals("::") || host.equals("0.0.0.0") || host.equals("0:0:0:0:0:0:0:0");
  }

  static byte[] hexKey(String text) {
    byte[] key;
    try {
      key = HexFormat.of().parseHex(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an HMAC key in hex digits");
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("an HMAC key of at least 16 bytes (32 hex digits)");
    }
    return key;
  }

  static InetAddress ipLiteral(String text) {
    String t = text.trim();
    if (!t.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("an IP address literal");
    }
    try {
      return InetAddress.getByName(t);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an IP address literal");
    }
  }
}
