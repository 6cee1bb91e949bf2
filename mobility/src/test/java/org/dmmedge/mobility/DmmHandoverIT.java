package org.dmmedge.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.mobility.DmmTestBed.mar;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dmmedge.mobility.cmd.Binding;
import org.dmmedge.mobility.cmd.CmdMode;
import org.dmmedge.mobility.cmd.MobileNodeBindings;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.dmmedge.mobility.dataplane.DataPlaneAction.AnchorLocal;
import org.dmmedge.mobility.dataplane.DataPlaneAction.ForwardToServing;
import org.dmmedge.mobility.dataplane.DataPlaneAction.ReachRemoteAnchor;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.mar.Attachment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three MARs and a CMD over real UDP on loopback: the MN moves MAR1 -> MAR2 -> MAR3 and
 * detaches; after each step the CMD's bindings, every MAR's data-plane state and the listener
 * events are exactly what DMM prescribes. Relay and proxy mode.
 */
class DmmHandoverIT {
  private static final String MN = "mn1@dmm.example";
  private static final Duration STEP = Duration.ofMillis(20);

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(CmdMode.class)
  void mnMovesAcrossThreeMarsAndDetaches(CmdMode mode) throws Exception {
    try (DmmTestBed bed = new DmmTestBed(mode, 3)) {
      Ipv6Prefix p1 = attach(bed, 1).localPrefix();
      assertThat(p1.toString()).isEqualTo("2001:db8:1::/64");
      Await.equal("CMD after attach at MAR1", () -> anchors(bed), Map.of(p1, "127.0.0.1"));
      assertThat(serving(bed)).isEqualTo("127.0.0.1");
      Await.equal("MAR1 state", () -> bed.dataPlane(1).installed(),
          Set.<DataPlaneAction>of(new AnchorLocal(MN, p1, "access1")));

      Attachment second = attach(bed, 2);
      Ipv6Prefix p2 = second.localPrefix();
      assertThat(second.remotePrefixes()).containsExactly(p1);
      Await.equal("MAR2 state", () -> bed.dataPlane(2).installed(), Set.of(
          new AnchorLocal(MN, p2, "access2"), new ReachRemoteAnchor(MN, p1, mar(1), "access2")));
      Await.equal("MAR1 state", () -> bed.dataPlane(1).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p1, mar(2))));
      assertThat(anchors(bed)).isEqualTo(Map.of(p1, "127.0.0.1", p2, "127.0.0.2"));
      assertThat(serving(bed)).isEqualTo("127.0.0.2");

      Attachment third = attach(bed, 3);
      Ipv6Prefix p3 = third.localPrefix();
      assertThat(third.remotePrefixes()).containsExactlyInAnyOrder(p1, p2);
      Await.equal("MAR3 state", () -> bed.dataPlane(3).installed(), Set.of(
          new AnchorLocal(MN, p3, "access3"), new ReachRemoteAnchor(MN, p1, mar(1), "access3"),
          new ReachRemoteAnchor(MN, p2, mar(2), "access3")));
      Await.equal("MAR1 state", () -> bed.dataPlane(1).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p1, mar(3))));
      Await.equal("MAR2 state", () -> bed.dataPlane(2).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p2, mar(3))));
      assertThat(anchors(bed))
          .isEqualTo(Map.of(p1, "127.0.0.1", p2, "127.0.0.2", p3, "127.0.0.3"));
      assertThat(serving(bed)).isEqualTo("127.0.0.3");

      assertThat(bed.events(1)).containsExactly(
          new DmmTestBed.Event("arrived", MN, "-", List.of(p1)),
          new DmmTestBed.Event("left", MN, "127.0.0.2", List.of(p1)));
      // MAR2 tells its listeners after its data plane changed (awaited above), on its own thread.
      Await.equal("MAR2 events", () -> bed.events(2), List.of(
          new DmmTestBed.Event("arrived", MN, "127.0.0.1", List.of(p2, p1)),
          new DmmTestBed.Event("left", MN, "127.0.0.3", List.of(p2, p1))));
      assertThat(bed.events(3)).hasSize(1).first().satisfies(e -> {
        assertThat(e.kind()).isEqualTo("arrived");
        assertThat(e.peer()).isEqualTo("127.0.0.2");
        assertThat(e.prefixes()).first().isEqualTo(p3);
        assertThat(e.prefixes()).containsExactlyInAnyOrder(p3, p1, p2);
      });

      bed.clock.advance(STEP);
      bed.agent(3).detach(MN).get(10, TimeUnit.SECONDS);
      Await.equal("CMD after detach", () -> bed.cmd.bindings().get(MN).isPresent(), false);
      for (int n = 1; n <= 3; n++) {
        int mar = n;
        Await.equal("MAR" + n + " state after detach", () -> bed.dataPlane(mar).installed(),
            Set.of());
      }
    }
  }

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(CmdMode.class)
  void mnReturningToItsFirstMarKeepsItsPrefix(CmdMode mode) throws Exception {
    try (DmmTestBed bed = new DmmTestBed(mode, 2)) {
      Ipv6Prefix p1 = attach(bed, 1).localPrefix();
      Ipv6Prefix p2 = attach(bed, 2).localPrefix();
      Await.equal("MAR1 forwards", () -> bed.dataPlane(1).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p1, mar(2))));
      Attachment back = attach(bed, 1);
      assertThat(back.localPrefix()).isEqualTo(p1);
      Await.equal("MAR1 serves again", () -> bed.dataPlane(1).installed(), Set.of(
          new AnchorLocal(MN, p1, "access1"), new ReachRemoteAnchor(MN, p2, mar(2), "access1")));
      Await.equal("MAR2 forwards", () -> bed.dataPlane(2).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p2, mar(1))));
      assertThat(serving(bed)).isEqualTo("127.0.0.1");
    }
  }

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(CmdMode.class)
  void mnMovesOnAfterTheCmdRestarts(CmdMode mode, @org.junit.jupiter.api.io.TempDir
      java.nio.file.Path journal) throws Exception {
    try (DmmTestBed bed = new DmmTestBed(mode, 3,
        org.dmmedge.mobility.transport.Transports::open, java.util.Optional.of(journal))) {
      Ipv6Prefix p1 = attach(bed, 1).localPrefix();
      Ipv6Prefix p2 = attach(bed, 2).localPrefix();
      Map<Ipv6Prefix, String> before = anchors(bed);
      bed.restartCmd();
      assertThat(anchors(bed)).isEqualTo(before);
      assertThat(serving(bed)).isEqualTo("127.0.0.2");
      Ipv6Prefix p3 = attach(bed, 3).localPrefix();
      Await.equal("MAR3 state", () -> bed.dataPlane(3).installed(), Set.of(
          new AnchorLocal(MN, p3, "access3"), new ReachRemoteAnchor(MN, p1, mar(1), "access3"),
          new ReachRemoteAnchor(MN, p2, mar(2), "access3")));
      Await.equal("MAR2 state", () -> bed.dataPlane(2).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p2, mar(3))));
    }
  }

  @org.junit.jupiter.api.Test
  void restartedMarResynchronisesItsSequenceNumbers() throws Exception {
    try (DmmTestBed bed = new DmmTestBed(CmdMode.RELAY, 1)) {
      Ipv6Prefix p1 = attach(bed, 1).localPrefix();
      // A fresh agent starts from a random sequence number: about half the time it is not after
      // the last one the CMD accepted, the CMD answers 135 and the agent resumes after it.
      for (int restart = 0; restart < 40
          && bed.cmd.metrics().pbaCount(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW) < 2; restart++) {
        bed.restartMar(1);
        assertThat(attach(bed, 1).localPrefix()).isEqualTo(p1);
      }
      assertThat(bed.cmd.metrics().pbaCount(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW)).isEqualTo(2);
      assertThat(serving(bed)).isEqualTo("127.0.0.1");
    }
  }

  @org.junit.jupiter.api.Test
  void proxyModeFallsBackToTheServingMarWhenAnAnchorIsSilent() throws Exception {
    try (DmmTestBed bed = new DmmTestBed(CmdMode.PROXY, 3)) {
      Ipv6Prefix p1 = attach(bed, 1).localPrefix();
      Ipv6Prefix p2 = attach(bed, 2).localPrefix();
      Await.equal("MAR1 forwards", () -> bed.dataPlane(1).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p1, mar(2))));
      bed.agent(1).close();
      // MAR1 is gone; a socket in its place counts what arrives and never answers.
      java.util.concurrent.atomic.AtomicInteger toMar1 = new java.util.concurrent.atomic.AtomicInteger();
      try (var silent = org.dmmedge.mobility.transport.Transports.open(
          org.dmmedge.mobility.transport.TransportConfig.udp(
              new java.net.InetSocketAddress(mar(1), bed.port)),
          new org.dmmedge.mobility.codec.MessageReader(
              new org.dmmedge.mobility.codec.MobilityMessageDecoder(false),
              java.util.Optional.empty()),
          m -> toMar1.incrementAndGet())) {
        bed.clock.advance(STEP);
        java.util.concurrent.CompletableFuture<Attachment> third =
            bed.agent(3).attach(MN, "access3");
        Await.equal("the CMD's first PBU to MAR1", toMar1::get, 1);
        // MAR2 acts on the CMD's PBU before time moves on (or it would refuse it as replayed).
        Await.equal("MAR2 forwarding", () -> bed.dataPlane(2).installed(),
            Set.<DataPlaneAction>of(new ForwardToServing(MN, p2, mar(3))));
        bed.clock.advance(Duration.ofMillis(1500));
        Await.equal("the CMD's second PBU to MAR1", toMar1::get, 2);
        bed.clock.advance(Duration.ofSeconds(3));
        Await.equal("the CMD's third PBU to MAR1", toMar1::get, 3);
        bed.clock.advance(Duration.ofSeconds(6));
        // The CMD gave up and answered; MAR3 now tells MAR1 itself (relay fallback).
        Await.equal("MAR3's own PBU to MAR1", toMar1::get, 4);
        Ipv6Prefix p3 = third.get(10, TimeUnit.SECONDS).localPrefix();
        // Both reached at once (MAR1 before it is told, so the path is ready when it sends).
        Await.equal("MAR3 state", () -> bed.dataPlane(3).installed(), Set.of(
            new AnchorLocal(MN, p3, "access3"), new ReachRemoteAnchor(MN, p1, mar(1), "access3"),
            new ReachRemoteAnchor(MN, p2, mar(2), "access3")));
        Await.equal("MAR2 state", () -> bed.dataPlane(2).installed(),
            Set.<DataPlaneAction>of(new ForwardToServing(MN, p2, mar(3))));
        assertThat(anchors(bed)).containsEntry(p1, "127.0.0.1");
        // MAR1 never answers MAR3 either: when MAR3 gives up, it takes its reach back.
        DataPlaneAction reachMar1 = new ReachRemoteAnchor(MN, p1, mar(1), "access3");
        for (int i = 0; i < 10 && bed.dataPlane(3).installed().contains(reachMar1); i++) {
          int sent = toMar1.get();
          bed.clock.advance(Duration.ofSeconds(40));
          Await.until("MAR3 retransmitting to MAR1 or giving up", () -> toMar1.get() > sent
              || !bed.dataPlane(3).installed().contains(reachMar1));
        }
        Await.until("MAR3 taking back its reach of MAR1",
            () -> !bed.dataPlane(3).installed().contains(reachMar1));
        assertThat(bed.dataPlane(3).installed()).contains(new AnchorLocal(MN, p3, "access3"));
      }
    }
  }

  private static Attachment attach(DmmTestBed bed, int n) throws Exception {
    bed.clock.advance(STEP);
    return bed.agent(n).attach(MN, "access" + n).get(10, TimeUnit.SECONDS);
  }

  private static Map<Ipv6Prefix, String> anchors(DmmTestBed bed) {
    return bed.cmd.bindings().get(MN).map(MobileNodeBindings::bindings).orElse(List.of()).stream()
        .collect(Collectors.toMap(Binding::prefix, b -> b.anchor().getHostAddress()));
  }

  private static String serving(DmmTestBed bed) {
    return bed.cmd.bindings().get(MN).orElseThrow().servingMar().getHostAddress();
  }
}
