package org.dmmedge.mobility.codec;

/**
 * The flags of a Proxy Binding Update, with their bit in the 16-bit field that follows the
 * sequence number (RFC 6275 §6.1.7, RFC 3963 for R, RFC 5213 §8.1 for P).
 */
public enum PbuFlag {
  /** Acknowledge: the sender wants a PBA. */
  A(0x8000),
  /** Home registration. */
  H(0x4000),
  /** Link-local address compatibility. */
  L(0x2000),
  /** Key management mobility capability. */
  K(0x1000),
  /** MAP registration (RFC 5380). */
  M(0x0800),
  /** Mobile router (RFC 3963). */
  R(0x0400),
  /** Proxy registration (RFC 5213). */
  P(0x0200);

  final int bit;

  PbuFlag(int bit) {
    this.bit = bit;
  }
}
