package org.dmmedge.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.mobility.DmmTestBed.mar;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dmmedge.mobility.cmd.CmdMode;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ReceivedMessage;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.dmmedge.mobility.dataplane.DataPlaneAction.ForwardToServing;
import org.dmmedge.mobility.transport.MobilityTransport;
import org.dmmedge.mobility.transport.TransportConfig;
import org.dmmedge.mobility.transport.TransportFactory;
import org.dmmedge.mobility.transport.Transports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An anchor's forwarding lives as long as the binding lifetime of the PBU that set it (60 s in
 * the bed): refreshed by the serving MAR it stays; without a refresh the anchor removes its
 * route itself. Real UDP on loopback, the manual clock of {@link DmmTestBed}.
 */
class AnchorExpiryIT {
  private static final String MN = "mn1@dmm.example";
  private static final Duration STEP = Duration.ofMillis(20);

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(CmdMode.class)
  void anAnchorRemovesItsForwardingWhenTheLifetimePassesWithoutARefresh(CmdMode mode)
      throws Exception {
    try (DmmTestBed bed = new DmmTestBed(mode, 2)) {
      Ipv6Prefix p1 = attach(bed, 1);
      attach(bed, 2);
      Await.equal("MAR1 forwards", () -> bed.dataPlane(1).installed(),
          Set.<DataPlaneAction>of(new ForwardToServing(MN, p1, mar(2))));
      bed.agent(2).close(); // the serving MAR is gone: nobody refreshes

      bed.clock.advance(Duration.ofSeconds(59));
      barrier(bed, 1);
      assertThat(bed.dataPlane(1).installed()).as("before the lifetime passed")
          .containsExactly(new ForwardToServing(MN, p1, mar(2)));
      bed.clock.advance(Duration.ofSeconds(2));
      barrier(bed, 1);
      assertThat(bed.dataPlane(1).installed()).as("after the lifetime passed").isEmpty();
      assertThat(bed.dataPlane(1).changes()).last()
          .isEqualTo(new org.dmmedge.mobility.dataplane.RecordingDataPlane.Change(false,
              new ForwardToServing(MN, p1, mar(2))));
    }
  }

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(CmdMode.class)
  void theServingMarsRefreshesKeepTheAnchorForwarding(CmdMode mode) throws Exception {
    AnsweringTransports counting = new AnsweringTransports();
    try (DmmTestBed bed = new DmmTestBed(mode, 2, counting, java.util.Optional.empty())) {
      Ipv6Prefix p1 = attach(bed, 1);
      attach(bed, 2);
      Set<DataPlaneAction> forwarding = Set.of(new ForwardToServing(MN, p1, mar(2)));
      Await.equal("MAR1 forwards", () -> bed.dataPlane(1).installed(), forwarding);
      // Relay mode: MAR2 told MAR1 of the move itself; proxy mode: the CMD did (and answered
      // MAR2 only once MAR1 had).
      int answers = mode == CmdMode.RELAY ? 1 : 0;
      answered(bed, counting, answers, "MAR1's answer to the move");
      for (int refresh = 1; refresh <= 2; refresh++) {
        bed.clock.advance(Duration.ofSeconds(48)); // MAR2 refreshes at 80 % of 60 s
        answered(bed, counting, ++answers, "MAR1 answering refresh " + refresh);
      }
      // 96 s after the move, past the first lifetime: still forwarding.
      bed.clock.advance(Duration.ofSeconds(20));
      barrier(bed, 1);
      assertThat(bed.dataPlane(1).installed()).isEqualTo(forwarding);
    }
  }

  private static Ipv6Prefix attach(DmmTestBed bed, int n) throws Exception {
    bed.clock.advance(STEP);
    return bed.agent(n).attach(MN, "access" + n).get(10, TimeUnit.SECONDS).localPrefix();
  }

  /** Returns once MAR {@code n}'s agent ran everything queued before (an unknown MN's detach). */
  private static void barrier(DmmTestBed bed, int n) throws Exception {
    bed.agent(n).detach("nobody@dmm.example").get(10, TimeUnit.SECONDS);
  }

  /**
   * Returns once MAR2 has received {@code answers} PBAs from MAR1 in all and handled them: the
   * test moves time only when no PBU of MAR2 awaits its answer, or the jump fires all its
   * retransmissions at once, stamped with instants that MAR1's replay guard refuses, and MAR2
   * gives the anchor up (the wall clock never compresses 46 s of backoff into an instant).
   */
  private static void answered(DmmTestBed bed, AnsweringTransports counting, int answers,
      String what) throws Exception {
    Await.equal(what, counting.pbasFromMar1AtMar2::get, answers);
    barrier(bed, 2);
  }

  /** Real transports that count the PBAs MAR2 (127.0.0.2) receives from MAR1 (127.0.0.1). */
  private static final class AnsweringTransports implements TransportFactory {
    final AtomicInteger pbasFromMar1AtMar2 = new AtomicInteger();

    @Override
    public MobilityTransport open(TransportConfig config, MessageReader reader,
        java.util.function.Consumer<ReceivedMessage> receiver) {
      boolean mar2 = config.bind().getAddress().equals(mar(2));
      return Transports.open(config, reader, received -> {
        receiver.accept(received); // queued on MAR2's agent thread before it is counted
        if (mar2 && received.sender().getAddress().equals(mar(1))
            && received.result() instanceof DecodeResult.Decoded decoded
            && decoded.message() instanceof ProxyBindingAck) {
          pbasFromMar1AtMar2.incrementAndGet();
        }
      });
    }
  }
}
