package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.dmmedge.mobility.dataplane.DataPlaneException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What a node checks at start, on whatever kernel runs the test: the auto backend choice with
 * one line per backend it skipped, the MTU it advertises when the core link is too small for
 * 1500 + 40, a clear failure for a missing core link, and leftovers of a crashed run removed.
 */
@ResourceLock(Testbed.LOCK)
class StartupChecksIT {

  private static Testbed bed;

  @BeforeAll
  static void up() {
    bed = Testbed.up();
  }

  @AfterAll
  static void down() {
    if (bed != null) {
      bed.close();
    }
  }

  private static LinuxDataPlaneConfig.Builder mar1() {
    return LinuxDataPlaneConfig.builder().namespace(bed.namespace("mar1")).coreLink("core0")
        .localAddress(MobilityBed.core(1)).decapAddress(MobilityBed.decap(1)).accessLink("acc0");
  }

  @Test
  void autoTakesTheFirstAvailableBackendAndSaysWhyEachEarlierOneIsNot() {
    List<String> notices = new ArrayList<>();
    try (Rtnetlink rtnl = Rtnetlink.open(bed.namespace("mar1"))) {
      int core = rtnl.link("core0").index();
      TunnelBackendKind offered = TunnelBackends.seg6Missing(rtnl, core).isEmpty() ? TunnelBackendKind.SRV6
          : TunnelBackends.ip6tnlMissing(rtnl).isEmpty() ? TunnelBackendKind.IP6TNL : TunnelBackendKind.USERSPACE;
      TunnelBackend backend = TunnelBackends.create(mar1().build(), rtnl, core, 1560, notices::add);
      try {
        List<TunnelBackendKind> order = List.of(TunnelBackendKind.SRV6, TunnelBackendKind.IP6TNL,
            TunnelBackendKind.USERSPACE);
        assertThat(backend.kind()).isEqualTo(offered);
        assertThat(notices).hasSize(order.indexOf(backend.kind()));
        assertThat(notices).allSatisfy(line -> assertThat(line).doesNotContain("\n").contains("unavailable: "));
        if (offered != TunnelBackendKind.SRV6) {
          assertThat(notices.get(0)).startsWith("srv6 tunnels unavailable: ").endsWith("needs CONFIG_IPV6_SEG6_LWTUNNEL)");
        }
        if (offered == TunnelBackendKind.USERSPACE) {
          assertThat(notices.get(1)).startsWith("ip6tnl tunnels unavailable: ")
              .endsWith("needs CONFIG_IPV6_TUNNEL, module ip6_tunnel)");
        }
      } finally {
        backend.close();
      }
    }
  }

  @Test
  void coreLinkTooSmallForATunnelledFullSizePacketLowersTheAdvertisedMtu() {
    bed.exec("mar1", "ip", "link", "set", "core0", "mtu", "1500");
    try (LinuxDataPlane plane = LinuxDataPlane.start(mar1().build(), (id, link) -> { })) {
      assertThat(plane.advertisedMtu()).isEqualTo(1460);
    } finally {
      bed.exec("mar1", "ip", "link", "set", "core0", "mtu", "1600");
    }
    try (LinuxDataPlane plane = LinuxDataPlane.start(mar1().build(), (id, link) -> { })) {
      assertThat(plane.advertisedMtu()).isEqualTo(1500);
    }
  }

  @Test
  void missingCoreLinkFailsTheStartNamingIt() {
    assertThatThrownBy(() -> LinuxDataPlane.start(mar1().coreLink("eth9").build(), (id, link) -> { }))
        .isInstanceOf(DataPlaneException.class)
        .hasMessage("coreLink: eth9 (expected: an interface in netns " + bed.ns("mar1") + ")");
    assertThat(bed.exec("mar1", "ip", "link", "show")).doesNotContainPattern(": dmmt\\d");
  }

  @Test
  void ip6tnlDevicesLeftByACrashedRunAreRemovedAtStart() {
    try (Rtnetlink rtnl = Rtnetlink.open(bed.namespace("mar1"))) {
      Optional<String> missing = TunnelBackends.ip6tnlMissing(rtnl);
      assumeTrue(missing.isEmpty(), missing.orElse(""));
    }
    // The crashed run's tunnel to MAR2, under another name than the one this run gives it.
    bed.exec("mar1", "ip", "link", "add", "dmmt3", "type", "ip6tnl", "mode", "ip6ip6", "local", "2001:db8:c::1",
        "remote", "2001:db8:c::2", "encaplimit", "none");

    try (LinuxDataPlane plane = LinuxDataPlane.start(mar1().tunnel(TunnelBackendKind.IP6TNL).build(), (id, link) -> { })) {
      plane.install(new DataPlaneAction.ForwardToServing("mn-1", MobilityBed.prefix(1), MobilityBed.core(2)));
      assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "proto", "201"))
          .contains("2001:db8:1:1::/64 dev dmmt0 metric 1024");
      assertThat(bed.exec("mar1", "ip", "link", "show")).doesNotContain("dmmt3");
    }
  }

  @Test
  void routesAndRulesLeftByACrashedRunAreRemovedAtStart() {
    bed.exec("mar1", "ip", "-6", "route", "add", "2001:db8:1:7::/64", "dev", "acc0", "proto", "201");
    bed.exec("mar1", "ip", "-6", "rule", "add", "from", "2001:db8:1:7::/64", "lookup", "1007", "proto", "201");

    try (LinuxDataPlane plane = LinuxDataPlane.start(mar1().build(), (id, link) -> { })) {
      // Only the leftovers: with srv6 the node's own decap route is protocol 201 too.
      assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "proto", "201")).doesNotContain("2001:db8:1:7::/64");
      assertThat(bed.exec("mar1", "ip", "-6", "rule", "show")).doesNotContain("2001:db8:1:7::/64");
    }
  }
}
