package org.dmmedge.mobility.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;

/**
 * Runs the PBU/PBA path (build, encode, sign, decode, verify) at start, so that the first
 * handover does not pay for loading and compiling it: in the test bed the first move of a
 * freshly started node was 150-300 ms slower than the others. Nothing is sent or kept.
 */
public final class CodecWarmUp {
  /** Enough for the JIT's first tier to compile the hot methods (thresholds of a few hundred). */
  public static final int ROUNDS = 500;
  private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("100::/64"); // RFC 6666 discard
  private static final byte[] LINK_LAYER_ID = new byte[6];

  private CodecWarmUp() {}

  /**
   * Encodes, signs (under {@code sa} when present), decodes and verifies {@code rounds} PBUs
   * and PBAs with {@code reader}, as if {@code sa}'s peer had sent them.
   *
   * @return how many of them {@code reader} read back as valid (all of them, or the reader's
   *     keys do not match {@code sa})
   */
  public static int run(MessageReader reader, Optional<SecurityAssociation> sa,
      InetAddress self, int rounds) {
    InetAddress sender = sa.map(SecurityAssociation::peer).orElse(self);
    int valid = 0;
    for (int i = 0; i < rounds; i++) {
      ProxyBindingUpdate pbu = ProxyMessages.pbu(i, 1, "warm-up", List.of(PREFIX),
          HandoffIndicator.UNKNOWN, 4, LINK_LAYER_ID, Optional.of(self), Instant.now());
      ProxyBindingAck pba = ProxyMessages.pba(pbu, PbaStatus.ACCEPTED, 1,
          List.of(new PreviousAnchor(self, PREFIX, true, true, LINK_LAYER_ID)));
      for (MobilityMessage message : List.of(pbu, pba)) {
        ByteBuf buf = Unpooled.buffer(256);
        try {
          if (sa.isPresent()) {
            MobilityMessageEncoder.encodeSigned(message, sa.get(), buf);
          } else {
            MobilityMessageEncoder.encode(message, buf);
          }
          if (reader.read(buf, sender) instanceof DecodeResult.Decoded) {
            valid++;
          }
        } finally {
          buf.release();
        }
      }
    }
    return valid;
  }
}
