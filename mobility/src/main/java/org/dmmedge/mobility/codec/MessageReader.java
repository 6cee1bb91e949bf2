package org.dmmedge.mobility.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Decoding plus authentication, as every transport applies them to a received Mobility
 * Header: {@link MobilityMessageDecoder} first, then, when an authenticator is configured,
 * {@link MessageAuthenticator#verify}. Replay and ordering checks need the receiver's state and
 * happen later (CMD, MAR agent). Thread-safe.
 */
public final class MessageReader {
  private final MobilityMessageDecoder decoder;
  private final Optional<MessageAuthenticator> authenticator;

  public MessageReader(MobilityMessageDecoder decoder, Optional<MessageAuthenticator> authenticator) {
    this.decoder = decoder;
    this.authenticator = authenticator;
  }

  /** Reads the readable bytes of {@code mh} (not consumed, not released) sent by {@code sender}. */
  public DecodeResult read(ByteBuf mh, InetAddress sender) {
    DecodeResult result = decoder.decode(mh);
    if (result instanceof DecodeResult.Decoded decoded && authenticator.isPresent()) {
      try {
        authenticator.get().verify(ByteBufUtil.getBytes(mh), decoded, sender);
      } catch (CodecException e) {
        return new DecodeResult.Failed(e);
      }
    }
    return result;
  }
}
