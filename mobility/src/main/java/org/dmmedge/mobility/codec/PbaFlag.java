package org.dmmedge.mobility.codec;

/** The flags of a Proxy Binding Acknowledgement, bits of the octet after Status (RFC 5213 §8.2). */
public enum PbaFlag {
  /** Key management mobility capability. */
  K(0x80),
  /** Mobile router (RFC 3963). */
  R(0x40),
  /** Proxy registration (RFC 5213). */
  P(0x20);

  final int bit;

  PbaFlag(int bit) {
    this.bit = bit;
  }
}
