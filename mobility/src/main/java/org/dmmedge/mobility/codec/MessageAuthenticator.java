package org.dmmedge.mobility.codec;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks the authenticator of the Mobility Message Authentication option: HMAC-SHA256
 * over the Mobility Header from its first octet up to and including the option's SPI, with the
 * Checksum field taken as zero (the MH-data part of RFC 4285 §5.1; the addresses are left out
 * because the UDP transport may cross address families). Thread-safe and immutable.
 */
public final class MessageAuthenticator {
  /** Mac instances are not thread-safe and slow to look up: one per thread, re-keyed per use. */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  });
  private final Map<Integer, SecurityAssociation> bySpi;

  /** Accepts messages signed under any of {@code associations}, each from its own peer. */
  public MessageAuthenticator(Collection<SecurityAssociation> associations) {
    this.bySpi = associations.stream()
        .collect(Collectors.toUnmodifiableMap(SecurityAssociation::spi, Function.identity()));
  }

  /** The authenticator of {@code authenticated} (checksum octets already zero) under {@code key}. */
  static byte[] hmac(byte[] key, byte[] authenticated, int length) {
    try {
      Mac mac = MAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(authenticated, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Checks a decoded message: it must carry the authentication option, its SPI must be known
   * and belong to {@code sender}, and the HMAC over {@code mh} must match.
   *
   * @param mh the whole Mobility Header as received (not modified)
   * @throws CodecException with {@link CodecException.Reason#UNAUTHENTICATED} otherwise
   */
  public void verify(byte[] mh, DecodeResult.Decoded decoded, InetAddress sender) {
    Objects.requireNonNull(sender, "sender");
    MobilityOption.Authentication auth = decoded.message()
        .option(MobilityOption.Authentication.class)
        .orElseThrow(() -> unauthenticated("no authentication option"));
    SecurityAssociation sa = bySpi.get(auth.spi());
    if (sa == null) {
      throw unauthenticated("unknown SPI " + Integer.toUnsignedString(auth.spi()));
    }
    if (!sa.peer().equals(sender)) {
      throw unauthenticated("SPI " + Integer.toUnsignedString(auth.spi()) + " used by "
          + sender.getHostAddress() + " (expected: " + sa.peer().getHostAddress() + ")");
    }
    byte[] data = mh.clone();
    data[WireFormat.CHECKSUM_OFFSET] = 0;
    data[WireFormat.CHECKSUM_OFFSET + 1] = 0;
    byte[] expected = hmac(sa.key(), data, decoded.authenticatedLength());
    if (!MessageDigest.isEqual(expected, auth.authenticator())) {
      throw unauthenticated("HMAC mismatch for SPI " + Integer.toUnsignedString(auth.spi()));
    }
  }

  private static CodecException unauthenticated(String detail) {
    return new CodecException(CodecException.Reason.UNAUTHENTICATED, detail);
  }
}
