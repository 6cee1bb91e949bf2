package org.dmmedge.mobility.codec;

import java.util.Objects;

/**
 * A mobility message that cannot be decoded or must not be accepted, with the {@link Reason}
 * that a receiver counts its drops by. Stackless: bad datagrams are an expected outcome.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a message was rejected; the names double as metric tags. */
  public enum Reason {
    /** Fewer bytes than the header, the declared length or an option needs. */
    TRUNCATED,
    /** Header Len disagrees with the datagram, or the message is not a multiple of 8 octets. */
    BAD_LENGTH,
    /** Payload Proto is not 59 (no next header), RFC 6275 §6.1.1. */
    BAD_PAYLOAD_PROTO,
    /** An MH type other than PBU (5) and PBA (6). */
    UNSUPPORTED_TYPE,
    /** An option whose length or content contradicts its definition. */
    BAD_OPTION,
    /** No authentication option, an unknown SPI, a sender not owning the SPI, or a bad HMAC. */
    UNAUTHENTICATED,
    /** Timestamp outside the validity window, or one already accepted (RFC 5213 §5.5). */
    REPLAYED,
    /** Older than the last accepted timestamp or sequence number (RFC 5213 §5.5, §6.9). */
    OUT_OF_ORDER,
    /** A well-formed message the receiver did not expect (a PBA nobody waits for). */
    UNEXPECTED
  }

  private final Reason reason;

  public CodecException(Reason reason, String detail) {
    super(Objects.requireNonNull(reason, "reason") + ": " + detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
