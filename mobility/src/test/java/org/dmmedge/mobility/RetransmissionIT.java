package org.dmmedge.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.cmd.CmdMode;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MessageAuthenticator;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ProxyBindingUpdate;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.dmmedge.mobility.codec.ReceivedMessage;
import org.dmmedge.mobility.dataplane.RecordingDataPlane;
import org.dmmedge.mobility.mar.Attachment;
import org.dmmedge.mobility.mar.MarAgent;
import org.dmmedge.mobility.mar.MarConfig;
import org.dmmedge.mobility.transport.MobilityTransport;
import org.dmmedge.mobility.transport.TransportConfig;
import org.dmmedge.mobility.transport.Transports;
import org.junit.jupiter.api.Test;

/**
 * PBU retransmission over real UDP with a manual clock: a lost PBA makes the MAR send again
 * after 1.5 s, then 3 s, 6 s... up to the maximum, a bounded number of times; refreshes go out
 * at 80 % of the granted lifetime.
 */
class RetransmissionIT {
  private static final String MN = "mn7@dmm.example";

  @Test
  void lostPbaFromTheRealCmdIsRecoveredByRetransmission() throws Exception {
    LossyTransports lossy = new LossyTransports(m -> m instanceof ProxyBindingAck, 1);
    try (DmmTestBed bed = new DmmTestBed(CmdMode.RELAY, 1, lossy)) {
      bed.clock.advance(Duration.ofMillis(10));
      CompletableFuture<Attachment> attach = bed.agent(1).attach(MN, "access1");
      Await.equal("first PBA lost", lossy.lost::get, 1);
      assertThat(attach).isNotDone();
      bed.clock.advance(Duration.ofMillis(1500));
      Attachment attachment = attach.get(10, TimeUnit.SECONDS);
      assertThat(bed.cmd.bindings().get(MN)).isPresent();
      assertThat(bed.cmd.metrics().pbuCount()).isEqualTo(2);
      assertThat(attachment.localPrefix().toString()).isEqualTo("2001:db8:1::/64");
    }
  }

  @Test
  void backoffDoublesToTheMaximumAndGivesUp() throws Exception {
    try (SilentCmd cmd = new SilentCmd()) {
      RetransmissionPolicy policy = new RetransmissionPolicy(Duration.ofMillis(1500),
          Duration.ofSeconds(4), 3);
      try (MarAgent agent = cmd.agent(policy, Duration.ofSeconds(60))) {
        CompletableFuture<Attachment> attach = agent.attach(MN, "access1");
        Await.equal("first PBU", cmd.received::size, 1);
        cmd.clock.advance(Duration.ofMillis(1499));
        assertThat(cmd.received).hasSize(1);
        cmd.clock.advance(Duration.ofMillis(1));
        Await.equal("second PBU after 1.5 s", cmd.received::size, 2);
        cmd.clock.advance(Duration.ofMillis(2999));
        assertThat(cmd.received).hasSize(2);
        cmd.clock.advance(Duration.ofMillis(1));
        Await.equal("third PBU after 3 s more", cmd.received::size, 3);
        cmd.clock.advance(Duration.ofMillis(3999));
        assertThat(cmd.received).hasSize(3);
        cmd.clock.advance(Duration.ofMillis(1));
        Await.equal("fourth PBU after the 4 s maximum", cmd.received::size, 4);
        cmd.clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(() -> attach.get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasMessageContaining("did not answer");
        cmd.clock.advance(Duration.ofMinutes(5));
        assertThat(cmd.received).hasSize(4);
        List<Integer> sequences = cmd.received.stream().map(ProxyBindingUpdate::sequence).toList();
        assertThat(sequences).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void registrationIsRefreshedBeforeTheLifetimeEnds() throws Exception {
    try (SilentCmd cmd = new SilentCmd()) {
      cmd.answer = true;
      try (MarAgent agent = cmd.agent(RetransmissionPolicy.DEFAULT, Duration.ofSeconds(100))) {
        agent.attach(MN, "access1").get(10, TimeUnit.SECONDS);
        cmd.clock.advance(Duration.ofSeconds(79));
        assertThat(cmd.received).hasSize(1);
        cmd.clock.advance(Duration.ofSeconds(1));
        Await.equal("refresh at 80 s", cmd.received::size, 2);
        assertThat(ProxyMessages.prefixes(cmd.received.get(1)))
            .isEqualTo(ProxyMessages.prefixes(cmd.received.get(0)));
        assertThat(cmd.received.get(1).option(
            org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator.class).orElseThrow().value())
            .isEqualTo(5);
      }
    }
  }

  /** A UDP socket posing as the CMD: records PBUs, answers them only when told to. */
  private static final class SilentCmd implements AutoCloseable {
    final ManualScheduler clock = new ManualScheduler(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    final List<ProxyBindingUpdate> received = new CopyOnWriteArrayList<>();
    final int port = TestNetwork.freeUdpPort(TestNetwork.loopback(10), TestNetwork.loopback(1));
    volatile boolean answer;
    final MobilityTransport socket;

    SilentCmd() {
      MessageReader reader = new MessageReader(new MobilityMessageDecoder(false), Optional.of(
          new MessageAuthenticator(List.of(TestNetwork.key(1, TestNetwork.loopback(1))))));
      socket = Transports.open(TransportConfig.udp(
          new InetSocketAddress(TestNetwork.loopback(10), port)), reader, this::onMessage);
    }

    private void onMessage(ReceivedMessage message) {
      if (message.result() instanceof DecodeResult.Decoded d
          && d.message() instanceof ProxyBindingUpdate pbu) {
        received.add(pbu);
        if (answer) {
          socket.send(new OutgoingMessage(ProxyMessages.pba(pbu, PbaStatus.ACCEPTED,
              pbu.lifetimeUnits(), List.of()), message.sender(),
              Optional.of(TestNetwork.key(1, TestNetwork.loopback(1)))));
        }
      }
    }

    MarAgent agent(RetransmissionPolicy policy, Duration lifetime) {
      return MarAgent.start(MarConfig.builder().address(TestNetwork.loopback(1))
          .transport(TransportConfig.udp(new InetSocketAddress(TestNetwork.loopback(1), port)))
          .cmd(new InetSocketAddress(TestNetwork.loopback(10), port))
          .prefixPool(Ipv6Prefix.parse("2001:db8:7::/48"))
          .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(10)))
          .retransmission(policy).lifetime(lifetime).build(), new RecordingDataPlane(), clock,
          Transports::open);
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
