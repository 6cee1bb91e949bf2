package org.dmmedge.mobility.dataplane.linux;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.dataplane.DataPlaneException;

/**
 * The node's nftables table {@code inet dmm_edge}: transparent interception (TCP port 80
 * arriving on access links redirected to the local proxy port) and TCP MSS clamping on access
 * links (so TCP never needs packets bigger than the tunnel path carries).
 *
 * <p>Interception rewrites to the node's core address, not with {@code redirect}: that picks
 * the access link's own (link-local) address, and a proxy socket bound to it dies with the
 * link when the MN's link moves to another MAR, stalling the response in flight that should
 * go on through the tunnel. Only connection openings (SYN without ACK) are rewritten: a
 * connection the MN opened at another MAR, whose packets this MAR first sees mid-stream
 * after a move, must pass on to its anchor, not be turned towards a local socket.
 *
 * <p>Why a process: nftables rules are programmed over NFNETLINK in batches of expression
 * lists whose encoding is large and version-sensitive; {@code nft -f -} is the supported
 * interface, runs once at start and once at stop, and its error text is precise. It runs in
 * the node's namespace through {@code ip netns exec} when the node has one. The table is ours
 * alone: it is replaced whole at start and deleted at stop, leaving other tables untouched.
 */
final class NftRules implements AutoCloseable {

  static final String TABLE = "dmm_edge";
  private static final long TIMEOUT_SECONDS = 10;

  private final NetNamespace namespace;

  private NftRules(NetNamespace namespace) {
    this.namespace = namespace;
  }

  /**
   * Installs the table; {@code proxyPort} 0 means no interception (to {@code proxyAddress}),
   * {@code mss} 0 no clamping.
   */
  static NftRules install(NetNamespace namespace, List<String> accessLinks,
      Inet6Address proxyAddress, int proxyPort, int mss) {
    NftRules rules = new NftRules(namespace);
    rules.run(ruleset(accessLinks, proxyAddress, proxyPort, mss));
    return rules;
  }

  /** The ruleset text (also what the tests compare against {@code nft list table}). */
  static String ruleset(List<String> accessLinks, Inet6Address proxyAddress, int proxyPort,
      int mss) {
    String links = "{ " + String.join(", ", accessLinks.stream().map(l -> "\"" + l + "\"").toList()) + " }";
    StringBuilder s = new StringBuilder()
        .append("table inet ").append(TABLE).append(" {}\n")
        .append("delete table inet ").append(TABLE).append("\n")
        .append("table inet ").append(TABLE).append(" {\n");
    if (proxyPort > 0) {
      s.append("  chain intercept {\n")
          .append("    type nat hook prerouting priority dstnat; policy accept;\n")
          .append("    iifname ").append(links)
          .append(" tcp dport 80 tcp flags syn / syn,ack dnat ip6 to [")
          .append(proxyAddress.getHostAddress()).append("]:").append(proxyPort)
          .append("\n  }\n");
    }
    if (mss > 0) {
      s.append("  chain clamp {\n")
          .append("    type filter hook forward priority mangle; policy accept;\n")
          .append("    iifname ").append(links).append(" tcp flags syn tcp option maxseg size set ")
          .append(mss).append("\n")
          .append("    oifname ").append(links).append(" tcp flags syn tcp option maxseg size set ")
          .append(mss).append("\n  }\n");
    }
    return s.append("}\n").toString();
  }

  @Override
  public void close() {
    run("delete table inet " + TABLE + "\n");
  }

  private void run(String script) {
    List<String> argv = new ArrayList<>();
    namespace.name().ifPresent(n -> argv.addAll(List.of("ip", "netns", "exec", n)));
    argv.addAll(List.of("nft", "-f", "-"));
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DataPlaneException("nft: no answer within " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new DataPlaneException("nft rejected table " + TABLE + ": " + out);
      }
    } catch (IOException e) {
      throw new DataPlaneException("nft: cannot run " + argv + " (expected: nftables installed)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataPlaneException("nft: interrupted", e);
    }
  }
}
