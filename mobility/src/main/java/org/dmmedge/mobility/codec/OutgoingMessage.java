package org.dmmedge.mobility.codec;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to send, where to, and under which security association to sign it (empty: send
 * unsigned, only when authentication is switched off).
 */
public record OutgoingMessage(MobilityMessage message, InetSocketAddress recipient,
    Optional<SecurityAssociation> signer) {
  public OutgoingMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(signer, "signer");
  }

  /** Encodes the message (signed when a signer is set) to {@code out}. */
  public void encodeTo(io.netty.buffer.ByteBuf out) {
    if (signer.isPresent()) {
      MobilityMessageEncoder.encodeSigned(message, signer.get(), out);
    } else {
      MobilityMessageEncoder.encode(message, out);
    }
  }
}
