package org.dmmedge.mobility.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.dmmedge.mobility.Await;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.ManualScheduler;
import org.dmmedge.mobility.TestNetwork;
import org.dmmedge.mobility.codec.CodecException.Reason;
import org.dmmedge.mobility.codec.MobilityMessageEncoder;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.transport.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed, unauthenticated, replayed and out-of-order PBUs over real UDP: each is dropped and
 * counted by reason, and the CMD keeps answering good PBUs; the admin API shows the counters
 * and the bindings.
 */
class CmdDropsIT {
  private static final String MN = "mn3@dmm.example";
  private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("2001:db8:1:3::/64");

  private final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private CmdServer cmd;
  private TestMar mar;

  @BeforeEach
  void start() {
    cmd = CmdServer.start(CmdConfig.builder()
        .transport(TransportConfig.udp(new InetSocketAddress(TestNetwork.loopback(10), 0)))
        .admin(new InetSocketAddress(TestNetwork.loopback(10), 0))
        .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(1))).build(), clock);
    mar = new TestMar(TestNetwork.loopback(1), TestNetwork.key(1, TestNetwork.loopback(10)),
        cmd.localAddress());
  }

  @AfterEach
  void stop() {
    mar.close();
    cmd.close();
  }

  @Test
  void badMessagesAreDroppedAndCountedWhileGoodOnesAreServed() throws Exception {
    mar.send(new byte[] {59, 0, 5, 0, 0, 0, 1});
    mar.send(new byte[] {1, 2, 3});
    mar.send(MobilityMessageEncoder.toBytes(TestMar.pbu(1, 10, MN, PREFIX, clock.now()), null));
    SecurityAssociation wrongKey = new SecurityAssociation(101,
        "not-the-key-of-mar-1-0123456789".getBytes(StandardCharsets.US_ASCII),
        TestNetwork.loopback(10));
    mar.send(MobilityMessageEncoder.toBytes(TestMar.pbu(2, 10, MN, PREFIX, clock.now()), wrongKey));
    Await.equal("malformed drops", () -> cmd.metrics().dropCount(Reason.BAD_LENGTH)
        + cmd.metrics().dropCount(Reason.TRUNCATED), 2L);
    Await.equal("unauthenticated drops", () -> cmd.metrics().dropCount(Reason.UNAUTHENTICATED),
        2L);

    byte[] good = mar.signed(TestMar.pbu(10, 10, MN, PREFIX, clock.now()));
    mar.send(good);
    ProxyBindingAck accepted = mar.receive().orElseThrow();
    assertThat(accepted.status()).isEqualTo(PbaStatus.ACCEPTED);
    assertThat(accepted.sequence()).isEqualTo(10);

    mar.send(good);
    Await.equal("replay dropped", () -> cmd.metrics().dropCount(Reason.REPLAYED), 1L);

    clock.advance(Duration.ofMillis(50));
    mar.send(mar.signed(TestMar.pbu(11, 10, MN, PREFIX, clock.now().minusMillis(60))));
    Await.equal("older timestamp dropped", () -> cmd.metrics().dropCount(Reason.OUT_OF_ORDER),
        1L);

    clock.advance(Duration.ofSeconds(2));
    mar.send(mar.signed(TestMar.pbu(12, 10, MN, PREFIX, clock.now().minusSeconds(1))));
    Await.equal("stale timestamp dropped", () -> cmd.metrics().dropCount(Reason.REPLAYED), 2L);

    mar.send(mar.signed(TestMar.pbu(9, 10, MN, PREFIX, clock.now())));
    ProxyBindingAck outOfWindow = mar.receive().orElseThrow();
    assertThat(outOfWindow.status()).isEqualTo(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW);
    assertThat(outOfWindow.sequence()).isEqualTo(10);
    assertThat(cmd.metrics().dropCount(Reason.OUT_OF_ORDER)).isEqualTo(2);

    clock.advance(Duration.ofMillis(10));
    mar.send(mar.signed(TestMar.pbu(11, 10, MN, PREFIX, clock.now())));
    assertThat(mar.receive().orElseThrow().status()).isEqualTo(PbaStatus.ACCEPTED);

    String metrics = get("/metrics");
    assertThat(metrics).contains("dmm.cmd.pbu.received 6\n")
        .contains("dmm.cmd.pba.sent{status=ACCEPTED} 2\n")
        .contains("dmm.cmd.pba.sent{status=SEQUENCE_NUMBER_OUT_OF_WINDOW} 1\n")
        .contains("dmm.cmd.dropped{reason=UNAUTHENTICATED} 2\n")
        .contains("dmm.cmd.dropped{reason=REPLAYED} 2\n")
        .contains("dmm.cmd.dropped{reason=OUT_OF_ORDER} 2\n")
        .contains("dmm.cmd.bindings 1\n");
    assertThat(get("/bindings/" + MN)).startsWith("{\"mnId\":\"" + MN + "\",\"servingMar\":\"127.0.0.1\"")
        .contains("\"prefix\":\"2001:db8:1:3::/64\",\"anchor\":\"127.0.0.1\",\"lifetimeSeconds\":40");
    assertThat(get("/bindings")).startsWith("[{\"mnId\":\"" + MN + "\"");
  }

  @Test
  void pbuWithoutMandatoryOptionsGetsTheRfcStatus() {
    var bare = new org.dmmedge.mobility.codec.ProxyBindingUpdate(5,
        org.dmmedge.mobility.codec.ProxyBindingUpdate.PROXY_FLAGS, 10, java.util.List.of(
            new org.dmmedge.mobility.codec.MobilityOption.MobileNodeIdentifier(MN),
            org.dmmedge.mobility.codec.MobilityOption.Timestamp.of(clock.now())));
    mar.send(mar.signed(bare));
    assertThat(mar.receive().orElseThrow().status())
        .isEqualTo(PbaStatus.MISSING_HOME_NETWORK_PREFIX_OPTION);
  }

  @Test
  void unknownMnIsNotFound() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base() + "/bindings/nobody")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no binding for nobody");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private String base() {
    InetSocketAddress admin = cmd.adminAddress().orElseThrow();
    return "http://" + admin.getAddress().getHostAddress() + ":" + admin.getPort();
  }
}
