package org.dmmedge.mobility.codec;

import java.util.Objects;

/** What {@link MobilityMessageDecoder#decode} made of some bytes: a message or the reason why not. */
public sealed interface DecodeResult {

  /**
   * A structurally valid message.
   *
   * @param authenticatedLength octets of the MH covered by its authenticator, or -1 when the
   *     message carries no authentication option
   */
  record Decoded(MobilityMessage message, int authenticatedLength) implements DecodeResult {
    public Decoded {
      Objects.requireNonNull(message, "message");
    }
  }

  /** Bytes that are no acceptable message. */
  record Failed(CodecException cause) implements DecodeResult {
    public Failed {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
