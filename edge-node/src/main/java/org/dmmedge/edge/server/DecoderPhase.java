package org.dmmedge.edge.server;

/**
 * Where the request decoder is in the byte stream of one connection: in a header block, or in
 * a body of known remaining length, or in a chunked body. Shared by {@link ObsFoldGuard} (before
 * the decoder) and {@link DecoderPhaseTracker} (after it); confined to the channel's event loop.
 */
final class DecoderPhase {
  enum Kind { HEADERS, FIXED_BODY, CHUNKED_BODY }

  Kind kind = Kind.HEADERS;
  long remaining;
  /** Sticky: an obs-fold was found, so the next failed request is reported as one. */
  boolean foldSeen;
}
