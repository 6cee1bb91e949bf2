package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.dmmedge.mobility.dataplane.DataPlaneException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LinuxDataPlane's bookkeeping against the kernel: what each action installs (as {@code ip}
 * shows it), idempotent install and remove, clear errors that leave nothing half-done, and
 * close() removing everything it created.
 */
@ResourceLock(Testbed.LOCK)
class LinuxDataPlaneIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TunnelBackendKind.class, names = {"SRV6", "IP6TNL", "USERSPACE"})
  void actionsBecomeRoutesRulesAndTunnelsAndCloseRemovesThemAll(TunnelBackendKind kind) {
    try (MobilityBed mobility = MobilityBed.startOrSkip(kind)) {
      mobility.moveTo(2);
      LinuxDataPlane mar2 = mobility.mars.get(1);
      DataPlaneAction reach = new DataPlaneAction.ReachRemoteAnchor(MobilityBed.MN, MobilityBed.prefix(1),
          MobilityBed.core(1), MobilityBed.ACCESS);
      mar2.install(reach);
      mar2.install(reach);

      assertThat(mobility.bed.exec("mar2", "ip", "-6", "rule", "show"))
          .containsOnlyOnce("1000:\tfrom 2001:db8:1:1::/64 iif acc0 lookup 1000 proto 201");
      assertThat(mobility.bed.exec("mar2", "ip", "-6", "route", "show", "table", "1000"))
          .startsWith("default " + MobilityBed.intoTunnel(kind, 1) + "proto 201 metric 1024");
      assertThat(mobility.bed.exec("mar2", "ip", "-6", "route", "show", "proto", "201"))
          .contains("2001:db8:1:1::/64 dev acc0 metric 1024").contains("2001:db8:2:1::/64 dev acc0 metric 1024");
      assertThat(mobility.bed.exec("mar1", "ip", "-6", "route", "show", "proto", "201"))
          .contains("2001:db8:1:1::/64 " + MobilityBed.intoTunnel(kind, 2) + "metric 1024");
      if (kind == TunnelBackendKind.SRV6) {
        // The peer's decap address, routed by the data plane itself while the tunnel is open.
        assertThat(mobility.bed.exec("mar2", "ip", "-6", "route", "show", "proto", "201"))
            .contains("2001:db8:d::1 via 2001:db8:c::1 dev core0 metric 1024");
      }

      for (LinuxDataPlane mar : mobility.mars) {
        mar.close();
        mar.close();
      }

      for (String mar : new String[] {"mar1", "mar2", "mar3"}) {
        assertThat(mobility.bed.exec(mar, "ip", "-6", "route", "show", "table", "all", "proto", "201")).isEmpty();
        assertThat(mobility.bed.exec(mar, "ip", "-6", "rule", "show")).doesNotContain("proto 201");
        assertThat(mobility.bed.exec(mar, "ip", "link", "show")).doesNotContainPattern(": dmmt\\d");
      }
      assertThatThrownBy(() -> mar2.install(reach)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("data plane closed");
    }
  }

  @Test
  void openedTunnelsAreReadyBeforeAnyActionAndKeptUntilClose() throws Exception {
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.USERSPACE)) {
      LinuxDataPlane mar1 = mobility.mars.get(0);
      mar1.openTunnels(java.util.List.of(MobilityBed.core(2), MobilityBed.core(3)));
      mar1.openTunnels(java.util.List.of(MobilityBed.core(2)));
      assertThat(dmmtLinks(mobility, "mar1")).isEqualTo(2);

      DataPlaneAction forward = new DataPlaneAction.ForwardToServing(MobilityBed.MN,
          MobilityBed.prefix(1), MobilityBed.core(2));
      mar1.install(forward);
      assertThat(dmmtLinks(mobility, "mar1")).as("no tunnel set up for the action").isEqualTo(2);
      mar1.remove(forward);
      assertThat(dmmtLinks(mobility, "mar1")).as("kept after its last route went").isEqualTo(2);
      assertThatThrownBy(() -> mar1.openTunnels(java.util.List.of(
          InetAddress.getByName("192.0.2.1"))))
          .isInstanceOf(DataPlaneException.class)
          .hasMessageContaining("peer: 192.0.2.1 (expected: an IPv6 address)");

      mar1.close();
      assertThat(dmmtLinks(mobility, "mar1")).isZero();
      assertThatThrownBy(() -> mar1.openTunnels(java.util.List.of(MobilityBed.core(2))))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("data plane closed");
    }
  }

  private static long dmmtLinks(MobilityBed mobility, String node) {
    return java.util.regex.Pattern.compile(": dmmt\\d+")
        .matcher(mobility.bed.exec(node, "ip", "-o", "link", "show")).results().count();
  }

  @Test
  void tunnelPacketsFromANodeThatIsNotAPeerAreDroppedAndCounted() {
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.USERSPACE); Traffic traffic = new Traffic(mobility.bed)) {
      mobility.moveTo(2);
      LinuxDataPlane mar2 = mobility.mars.get(1);
      Capture delivered = new Capture(mobility.bed, "mn", "eth0", "udp port 9");
      long before = mar2.droppedFromUnknownPeers();
      try {
        Process spoof = traffic.start("cmd", "ip6ip6_send.py", "sent", "2001:db8:c::2", "2001:db8:c::f0",
            "2001:db8:1:1::99");
        Traffic.finish(spoof, 10);
        MobilityBed.await("a counted drop at mar2 (" + before + " before)",
            () -> mar2.droppedFromUnknownPeers() > before);
      } finally {
        assertThat(delivered.stop()).as("spoofed packets reaching the MN").isZero();
      }
    }
  }

  @Test
  void badActionsFailClearlyAndLeaveNothingBehind() throws Exception {
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.AUTO)) {
      LinuxDataPlane mar1 = mobility.mars.get(0);
      String before = mobility.bed.exec("mar1", "ip", "-6", "route", "show", "table", "all", "proto", "201");

      assertThatThrownBy(() -> mar1.install(new DataPlaneAction.AnchorLocal("mn-2", MobilityBed.prefix(1), "wlan7")))
          .isInstanceOf(DataPlaneException.class)
          .hasMessageContaining("accessLink: wlan7 (expected: an interface in netns " + mobility.bed.ns("mar1") + ")");
      assertThatThrownBy(() -> mar1.install(new DataPlaneAction.ForwardToServing("mn-2", MobilityBed.prefix(1),
          InetAddress.getByName("192.0.2.1"))))
          .isInstanceOf(DataPlaneException.class)
          .hasMessageContaining("servingMar: 192.0.2.1 (expected: an IPv6 address)");

      assertThat(mobility.bed.exec("mar1", "ip", "-6", "route", "show", "table", "all", "proto", "201"))
          .isEqualTo(before);
      assertThat(mobility.bed.exec("mar1", "ip", "link", "show")).doesNotContainPattern(": dmmt\\d");
      mar1.remove(new DataPlaneAction.AnchorLocal("mn-2", MobilityBed.prefix(1), "wlan7"));
    }
  }
}
