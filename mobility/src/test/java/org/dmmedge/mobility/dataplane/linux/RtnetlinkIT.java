package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Each rtnetlink operation run against the kernel inside a test bed namespace, checked with
 * what {@code ip} shows, and run twice to show it is idempotent.
 */
@ResourceLock(Testbed.LOCK)
class RtnetlinkIT {

  private static Testbed bed;
  private static Rtnetlink rtnl;

  @BeforeAll
  static void up() {
    bed = Testbed.up();
    rtnl = Rtnetlink.open(bed.namespace("mar1"));
  }

  @AfterAll
  static void down() {
    if (rtnl != null) {
      rtnl.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void linkLookupFindsTheIndexIpShows() {
    Rtnetlink.Link link = rtnl.link("acc0");

    assertThat(bed.exec("mar1", "ip", "-o", "link", "show", "acc0")).startsWith(link.index() + ": acc0");
    assertThat(link.hardwareAddress()).hasSize(6);
    assertThat(rtnl.findLink("nosuch0")).isEmpty();
    assertThatThrownBy(() -> rtnl.link("nosuch0")).isInstanceOf(KernelException.class)
        .hasMessageContaining(": ENODEV");
  }

  @Test
  void addressReplaceAndRemoveAreIdempotent() {
    int acc = rtnl.link("acc0").index();
    Inet6Address address = addr("2001:db8:1:ff::1");

    rtnl.replaceAddress(acc, address, 64);
    rtnl.replaceAddress(acc, address, 64);
    assertThat(bed.exec("mar1", "ip", "-6", "addr", "show", "dev", "acc0")).contains("2001:db8:1:ff::1/64");

    rtnl.removeAddress(acc, address, 64);
    rtnl.removeAddress(acc, address, 64);
    assertThat(bed.exec("mar1", "ip", "-6", "addr", "show", "dev", "acc0")).doesNotContain("2001:db8:1:ff::1");
  }

  @Test
  void routesInATableWithMetricAndGateway() {
    int core = rtnl.link("core0").index();
    Route route = Route.onLink(Ipv6Prefix.parse("2001:db8:77::/64"), 1077, 300, core)
        .withGateway(addr("2001:db8:c::2"));

    rtnl.replaceRoute(route);
    rtnl.replaceRoute(route);
    assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "table", "1077"))
        .isEqualTo("2001:db8:77::/64 via 2001:db8:c::2 dev core0 proto 201 metric 300 pref medium\n");

    rtnl.removeRoute(route);
    rtnl.removeRoute(route);
    assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "table", "1077")).isEmpty();
  }

  @Test
  void missingOutputInterfaceIsAKernelErrorWithItsName() {
    Route route = Route.onLink(Ipv6Prefix.parse("2001:db8:78::/64"), 254, 1, 999);

    assertThatThrownBy(() -> rtnl.replaceRoute(route)).isInstanceOf(KernelException.class)
        .hasMessageContaining("add route 2001:db8:78::/64").hasMessageContaining(": ENODEV");
  }

  @Test
  void sourcePrefixRuleWithInputInterface() {
    SourcePrefixRule rule = new SourcePrefixRule(Ipv6Prefix.parse("2001:db8:2:1::/64"),
        Optional.of("acc0"), 1001, 1000);

    rtnl.addRule(rule);
    rtnl.addRule(rule);
    String rules = bed.exec("mar1", "ip", "-6", "rule", "show");
    assertThat(rules).containsOnlyOnce("1000:\tfrom 2001:db8:2:1::/64 iif acc0 lookup 1001 proto 201");

    rtnl.removeRule(rule);
    rtnl.removeRule(rule);
    assertThat(bed.exec("mar1", "ip", "-6", "rule", "show")).doesNotContain("2001:db8:2:1::/64");
  }

  @Test
  void flushRemovesOnlyOurRoutesAndRules() {
    int core = rtnl.link("core0").index();
    Route ours = Route.onLink(Ipv6Prefix.parse("2001:db8:80::/64"), 1080, 10, core);
    SourcePrefixRule ourRule = new SourcePrefixRule(Ipv6Prefix.parse("2001:db8:80::/64"), Optional.empty(), 1080, 1080);
    rtnl.replaceRoute(ours);
    rtnl.addRule(ourRule);
    bed.exec("mar1", "ip", "-6", "route", "add", "2001:db8:81::/64", "dev", "core0", "table", "1080");

    try (Rtnetlink restarted = Rtnetlink.open(bed.namespace("mar1"))) {
      assertThat(restarted.flushOwn()).isEqualTo(2);
      assertThat(restarted.flushOwn()).isZero();
    }

    assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "table", "1080"))
        .isEqualTo("2001:db8:81::/64 dev core0 metric 1024 pref medium\n");
    assertThat(bed.exec("mar1", "ip", "-6", "rule", "show")).doesNotContain("2001:db8:80::/64");
    assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "table", "main")).contains("2001:db8:c::/64");
    bed.exec("mar1", "ip", "-6", "route", "flush", "table", "1080");
  }

  @Test
  void forwardingIsReadInsideTheNamespace() {
    assertThat(bed.namespace("mar1").ipv6Forwarding()).isTrue();
    assertThat(bed.namespace("mn").ipv6Forwarding()).isFalse();
  }

  @Test
  void linkUpMtuAndQueue() {
    int acc = rtnl.link("acc0").index();

    rtnl.setMtuAndQueue(acc, 1400, 1000);
    assertThat(rtnl.link("acc0").mtu()).isEqualTo(1400);
    assertThat(bed.exec("mar1", "ip", "link", "show", "acc0")).contains("mtu 1400")
        .contains("qlen 1000").contains(",UP");
    rtnl.setMtuAndQueue(acc, 1500, 1000);
    rtnl.setUp(acc);
    assertThat(rtnl.link("acc0").up()).isTrue();
  }

  @Test
  void seg6EncapAndEndDx6Routes() {
    int core = rtnl.link("core0").index();
    Route encap = Route.onLink(Ipv6Prefix.parse("2001:db8:79::/64"), 1079, 1024, core)
        .withEncap(new RouteEncap.Seg6EncapRed(addr("2001:db8:d::2")));
    Route decap = Route.onLink(Ipv6Prefix.parse("2001:db8:d::1/128"), 1079, 1024, core)
        .withEncap(new RouteEncap.Seg6LocalEndDx6(RtMessages.unspecified()));
    Optional<String> missing = TunnelBackends.seg6Missing(rtnl, core);
    assumeTrue(missing.isEmpty(), missing.orElse(""));

    rtnl.replaceRoute(encap);
    rtnl.replaceRoute(decap);
    rtnl.replaceRoute(encap);
    assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "table", "1079"))
        .contains("2001:db8:79::/64  encap seg6 mode encap.red segs 1 [ 2001:db8:d::2 ]")
        .contains("2001:db8:d::1  encap seg6local action End.DX6 nh6 ::");
    rtnl.removeRoute(encap);
    rtnl.removeRoute(decap);
  }

  @Test
  void ip6TunnelDevice() {
    Optional<String> missing = TunnelBackends.ip6tnlMissing(rtnl);
    assumeTrue(missing.isEmpty(), missing.orElse(""));

    rtnl.addIp6Tunnel("dmmt-probe", addr("2001:db8:c::1"), addr("2001:db8:c::2"));
    rtnl.addIp6Tunnel("dmmt-probe", addr("2001:db8:c::1"), addr("2001:db8:c::2"));
    assertThat(bed.exec("mar1", "ip", "-d", "link", "show", "dmmt-probe"))
        .contains("ip6tnl ip6ip6 remote 2001:db8:c::2 local 2001:db8:c::1").contains("encaplimit none");
    // The kernel's EEXIST for a device with the same endpoints under another name is no success.
    assertThatThrownBy(() -> rtnl.addIp6Tunnel("dmmt-other", addr("2001:db8:c::1"), addr("2001:db8:c::2")))
        .isInstanceOf(KernelException.class).hasMessageContaining("add ip6tnl dmmt-other").hasMessageContaining(": EEXIST");
    rtnl.removeLink("dmmt-probe");
    rtnl.removeLink("dmmt-probe");
  }

  static Inet6Address addr(String text) {
    try {
      return (Inet6Address) InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
