package org.dmmedge.mobility.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Netty codec: datagrams in, results out (failed ones too), messages out as datagrams. */
class MobilityDatagramCodecTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5436);

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(new MobilityDatagramCodec(
        new MessageReader(new MobilityMessageDecoder(false), Optional.empty())));
  }

  @Test
  void outboundMessageBecomesADatagramAndComesBack() {
    EmbeddedChannel channel = channel();
    assertThat(channel.writeOutbound(
        new OutgoingMessage(CodecFixtures.pbu(), PEER, Optional.empty()))).isTrue();
    DatagramPacket packet = channel.readOutbound();
    assertThat(packet.recipient()).isEqualTo(PEER);
    assertThat(channel.writeInbound(new DatagramPacket(packet.content(), PEER, PEER))).isTrue();
    ReceivedMessage received = channel.readInbound();
    assertThat(received.sender()).isEqualTo(PEER);
    assertThat(((DecodeResult.Decoded) received.result()).message()).isEqualTo(CodecFixtures.pbu());
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void garbageBecomesAFailedResultAndIsReleased() {
    EmbeddedChannel channel = channel();
    ByteBuf garbage = Unpooled.directBuffer().writeBytes(new byte[] {59, 9, 5, 0});
    assertThat(channel.writeInbound(new DatagramPacket(garbage, PEER, PEER))).isTrue();
    ReceivedMessage received = channel.readInbound();
    assertThat(((DecodeResult.Failed) received.result()).cause().reason())
        .isEqualTo(CodecException.Reason.TRUNCATED);
    assertThat(garbage.refCnt()).isZero();
    assertThat(channel.finish()).isFalse();
  }
}
