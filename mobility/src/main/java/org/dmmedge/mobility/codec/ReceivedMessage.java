package org.dmmedge.mobility.codec;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A datagram read by a transport: who sent it and what the {@link MessageReader} made of it
 * (a decoded, authenticated message, or the reason it must be dropped).
 */
public record ReceivedMessage(InetSocketAddress sender, DecodeResult result) {
  public ReceivedMessage {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(result, "result");
  }
}
