package org.dmmedge.mobility.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.dmmedge.mobility.Await;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.ManualScheduler;
import org.dmmedge.mobility.TestNetwork;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.transport.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifetime expiry (manual clock) and deregistration remove bindings (RFC 5213 §5.3.5). */
class CmdLifetimeIT {
  private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("2001:db8:1:9::/64");
  private final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private CmdServer cmd;
  private TestMar mar;

  @BeforeEach
  void start() {
    cmd = CmdServer.start(CmdConfig.builder()
        .transport(TransportConfig.udp(new InetSocketAddress(TestNetwork.loopback(10), 0)))
        .maxLifetime(Duration.ofSeconds(40))
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
  void bindingExpiresAfterItsLifetime() {
    mar.send(mar.signed(TestMar.pbu(1, 2, "mn@expiry", PREFIX, clock.now())));
    ProxyBindingAck ack = mar.receive().orElseThrow();
    assertThat(ack.lifetime()).isEqualTo(Duration.ofSeconds(8));
    clock.advance(Duration.ofSeconds(7));
    assertThat(cmd.bindings().get("mn@expiry")).isPresent();
    clock.advance(Duration.ofSeconds(2));
    Await.equal("expired", () -> cmd.bindings().get("mn@expiry").isPresent(), false);
  }

  @Test
  void lifetimeIsCappedAtTheMaximum() {
    mar.send(mar.signed(TestMar.pbu(1, 1000, "mn@cap", PREFIX, clock.now())));
    assertThat(mar.receive().orElseThrow().lifetime()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void lifetimeZeroDeregisters() {
    mar.send(mar.signed(TestMar.pbu(1, 10, "mn@dereg", PREFIX, clock.now())));
    assertThat(mar.receive().orElseThrow().status()).isEqualTo(PbaStatus.ACCEPTED);
    clock.advance(Duration.ofMillis(10));
    mar.send(mar.signed(TestMar.pbu(2, 0, "mn@dereg", PREFIX, clock.now())));
    ProxyBindingAck ack = mar.receive().orElseThrow();
    assertThat(ack.status()).isEqualTo(PbaStatus.ACCEPTED);
    assertThat(ack.lifetimeUnits()).isZero();
    assertThat(cmd.bindings().get("mn@dereg")).isEmpty();
  }

  @Test
  void aPrefixBoundToAnotherMnIsRefused() {
    mar.send(mar.signed(TestMar.pbu(1, 10, "mn@first", PREFIX, clock.now())));
    assertThat(mar.receive().orElseThrow().status()).isEqualTo(PbaStatus.ACCEPTED);
    mar.send(mar.signed(TestMar.pbu(1, 10, "mn@second", PREFIX, clock.now())));
    assertThat(mar.receive().orElseThrow().status())
        .isEqualTo(PbaStatus.NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX);
    assertThat(cmd.bindings().get("mn@second")).isEmpty();
  }
}
