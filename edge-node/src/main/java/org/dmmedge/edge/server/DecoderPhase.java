package org.dmmedge.edge.server;

/**
 * Where the request decoder is in the byte stream of one connection: in a header block, or in
 * a body of known remaining length, or in a chunked body, or past a CONNECT head. Shared by
 * {@link ObsFoldGuard} (before the decoder) and {@link DecoderPhaseTracker} (after it);
 * confined to the channel's event loop.
 */
final class DecoderPhase {
  enum Kind {
    HEADERS, FIXED_BODY, CHUNKED_BODY,
    /**
     * After a CONNECT head: what follows belongs to no HTTP message (RFC 9110 §9.3.6), it is
     * held back from the decoder until the CONNECT is answered (a tunnel relays it; a refusal
     * closes the connection). Final.
     */
    TUNNEL
  }

  Kind kind = Kind.HEADERS;
  long remaining;
  /** Sticky: an obs-fold was found, so the next failed request is reported as one. */
  boolean foldSeen;
}
