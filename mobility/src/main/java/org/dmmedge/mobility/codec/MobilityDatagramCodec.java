package org.dmmedge.mobility.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;
import java.util.Objects;

/**
 * Mobility Header over UDP (port 5436, the MH right after the UDP header): inbound
 * {@link DatagramPacket}s become {@link ReceivedMessage}s, failed or not (a bad datagram is a
 * failed result for the next handler to count, never an exception); outbound
 * {@link OutgoingMessage}s become datagrams. Stateless, so sharable. The inbound packet is
 * released by {@link MessageToMessageCodec}; the outbound buffer by the channel's write.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class MobilityDatagramCodec
    extends MessageToMessageCodec<DatagramPacket, OutgoingMessage> {
  private final MessageReader reader;

  public MobilityDatagramCodec(MessageReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, OutgoingMessage msg, List<Object> out) {
    var buf = ctx.alloc().buffer(128);
    try {
      msg.encodeTo(buf);
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
    out.add(new DatagramPacket(buf, msg.recipient()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    out.add(new ReceivedMessage(packet.sender(),
        reader.read(packet.content(), packet.sender().getAddress())));
  }
}
