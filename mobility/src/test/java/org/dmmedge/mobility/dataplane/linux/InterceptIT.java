package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.util.List;
import org.dmmedge.testkit.PatternBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Transparent interception and MSS clamping through the node's own nftables table: the MN's
 * TCP connection to the origin's port 80 is answered by a server on MAR1's proxy port (the
 * origin has nothing on port 80, so an answer proves the redirect), the clamp rule is in the
 * table, and stopping the data plane deletes the table and nothing else.
 */
@ResourceLock(Testbed.LOCK)
class InterceptIT {

  private static final int PROXY_PORT = 3128;
  private static final long BYTES = 100_000;
  private static final Inet6Address CORE_ADDRESS = MobilityBed.core(1);

  @Test
  void port80FromTheAccessLinkReachesTheLocalProxyPortUntilStop() {
    Testbed.assumeCapable();
    Testbed.assumeTool("nft");
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.AUTO,
        c -> c.interceptPort(PROXY_PORT).clampMss(true)); Traffic traffic = new Traffic(mobility.bed)) {
      String table = mobility.bed.exec("mar1", "nft", "list", "table", "inet", NftRules.TABLE);
      assertThat(table).contains("iifname \"acc0\" tcp dport 80 tcp flags syn / syn,ack"
              + " dnat ip6 to [2001:db8:c::1]:" + PROXY_PORT)
          .contains("tcp option maxseg size set 1440");

      String address = mobility.mnAddress(1);
      traffic.start("mar1", "paced_server.py", "listening", Integer.toString(PROXY_PORT), Long.toString(BYTES), "0");
      Process client = traffic.start("mn", "download_client.py", null, "2001:db8:c::f0", "80", address);
      assertThat(Traffic.finish(client, 30)).containsExactly(BYTES + " " + PatternBytes.sha256(BYTES));

      mobility.mars.get(0).close();
      assertThat(mobility.bed.exec("mar1", "nft", "list", "tables")).doesNotContain(NftRules.TABLE);
    }
  }

  @Test
  void rulesetNamesEveryAccessLink() {
    assertThat(NftRules.ruleset(List.of("acc0", "wlan1"), CORE_ADDRESS, 8080, 0))
        .contains("iifname { \"acc0\", \"wlan1\" } tcp dport 80 tcp flags syn / syn,ack"
            + " dnat ip6 to [2001:db8:c:0:0:0:0:1]:8080")
        .doesNotContain("maxseg");
  }
}
