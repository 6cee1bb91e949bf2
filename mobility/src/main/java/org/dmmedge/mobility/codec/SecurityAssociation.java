package org.dmmedge.mobility.codec;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A shared HMAC-SHA256 key between one MAR and its peers, named by a Mobility SPI (RFC 4285
 * §5). A received message signed under this SPI must come from {@code peer}: the CMD's entry
 * for a MAR names the MAR, a MAR's entry for its own key names the CMD, a MAR's entry for another
 * MAR (relay mode) names that MAR.
 *
 * @param spi the Mobility Security Parameter Index
 * @param key the HMAC key, at least 16 octets
 * @param peer the only source address allowed to sign with this SPI
 */
public record SecurityAssociation(int spi, byte[] key, InetAddress peer) {

  public SecurityAssociation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(peer, "peer");
    if (key.length < 16) {
      throw new IllegalArgumentException("key: " + key.length + " bytes (expected: >= 16)");
    }
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  /** The same key and SPI, accepted from another peer. */
  public SecurityAssociation withPeer(InetAddress other) {
    return new SecurityAssociation(spi, key, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecurityAssociation other && spi == other.spi
        && Arrays.equals(key, other.key) && peer.equals(other.peer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spi, Arrays.hashCode(key), peer);
  }

  @Override
  public String toString() {
    return "SecurityAssociation[spi=" + Integer.toUnsignedString(spi) + ", peer="
        + peer.getHostAddress() + "]";
  }
}
