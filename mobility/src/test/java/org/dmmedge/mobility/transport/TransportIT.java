package org.dmmedge.mobility.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MessageAuthenticator;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MobilityMessage;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.dmmedge.mobility.codec.ReceivedMessage;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.junit.jupiter.api.Test;

/** Signed PBUs over UDP on IPv4 and IPv6 loopback, and over raw IPv6 next header 135 as root. */
class TransportIT {
  private static final byte[] KEY = "transport-test-key-0123456789".getBytes();

  @Test
  void udpOverIpv4() throws Exception {
    roundTrip(TransportConfig.Kind.UDP, InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void udpOverIpv6() throws Exception {
    roundTrip(TransportConfig.Kind.UDP, InetAddress.getByName("::1"));
  }

  @Test
  void rawIpv6NextHeader135() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "raw IPv6 sockets need CAP_NET_RAW: run as root to test them");
    roundTrip(TransportConfig.Kind.RAW_IPV6, InetAddress.getByName("::1"));
  }

  private static void roundTrip(TransportConfig.Kind kind, InetAddress loopback) throws Exception {
    SecurityAssociation sa = new SecurityAssociation(42, KEY, loopback);
    MessageReader reader = new MessageReader(new MobilityMessageDecoder(false),
        Optional.of(new MessageAuthenticator(List.of(sa))));
    BlockingQueue<ReceivedMessage> inbox = new LinkedBlockingQueue<>();
    MobilityMessage pbu = ProxyMessages.pbu(77, 10, "mn@transport",
        List.of(Ipv6Prefix.parse("2001:db8:9::/64")), 4, 4, new byte[0], Optional.empty(),
        java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (MobilityTransport receiver = Transports.open(
            new TransportConfig(kind, new InetSocketAddress(loopback, 0)), reader, inbox::add);
        MobilityTransport sender = Transports.open(
            new TransportConfig(kind, new InetSocketAddress(loopback, 0)), reader, m -> { })) {
      sender.send(new OutgoingMessage(pbu, receiver.localAddress(), Optional.of(sa)));
      ReceivedMessage received = inbox.poll(10, TimeUnit.SECONDS);
      assertThat(received).as("a datagram within 10 s").isNotNull();
      assertThat(received.sender().getAddress()).isEqualTo(loopback);
      DecodeResult.Decoded decoded = (DecodeResult.Decoded) received.result();
      assertThat(decoded.message().options().subList(0, pbu.options().size()))
          .isEqualTo(pbu.options());
      assertThat(decoded.message().sequence()).isEqualTo(77);
      if (kind == TransportConfig.Kind.RAW_IPV6) {
        assertThat(loopback).isInstanceOf(Inet6Address.class);
      }
    }
  }
}
