package org.dmmedge.mobility.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte-exact layouts of a PBU and a PBA, alignment padding included (RFC 6275 §6.2). */
class GoldenVectorTest {
  // MH header | seq, flags A+H+P, lifetime 64 (256 s) | MN-ID "mn1" (no alignment) | PadN(2)
  // | HNP at 8n+4 | HI 4 | ATT 4 | PadN(2) | Timestamp at 8n+2 | PadN(4) to 64 octets.
  static final String PBU_HEX = "3b0705000000" + "1234c2000040" + "0804016d6e31" + "0100"
      + "16120040" + "20010db8000100000000000000000000" + "17020004" + "18020004" + "0100"
      + "1b08" + "00005f5e10008000" + "01020000";

  // MH header | status 0, flags P, seq, lifetime | MN-ID | vendor option 19 at 4n+2: enterprise
  // 32473, sub-type 1 (previous anchor): flags, /64, ::ffff:192.0.2.1, 2001:db8:1:: | PadN(5).
  static final String PBA_HEX = "3b0706000000" + "002012340040" + "0804016d6e31"
      + "1327" + "00007ed9" + "01" + "00" + "40" + "00000000000000000000ffffc0000201"
      + "20010db8000100000000000000000000" + "0103000000";

  @Test
  void pbuEncodesToTheGoldenBytes() {
    assertThat(hex(MobilityMessageEncoder.toBytes(CodecFixtures.pbu(), null))).isEqualTo(PBU_HEX);
  }

  @Test
  void pbaEncodesToTheGoldenBytes() {
    assertThat(hex(MobilityMessageEncoder.toBytes(CodecFixtures.pba(), null))).isEqualTo(PBA_HEX);
  }

  @Test
  void goldenBytesDecodeToTheMessages() {
    assertThat(decode(PBU_HEX)).isEqualTo(CodecFixtures.pbu());
    assertThat(decode(PBA_HEX)).isEqualTo(CodecFixtures.pba());
  }

  @Test
  void timestampOptionKeepsSecondsAndFraction() {
    MobilityOption.Timestamp ts = new MobilityOption.Timestamp(CodecFixtures.TIMESTAMP);
    assertThat(ts.toInstant()).isEqualTo(java.time.Instant.ofEpochSecond(1_600_000_000L, 500_000_000));
    assertThat(MobilityOption.Timestamp.of(ts.toInstant())).isEqualTo(ts);
  }

  @Test
  void madPmipv6OptionsAreReadOnlyWhenSwitchedOn() {
    // PBA with MAD-PMIPv6's option 29 (previous MAR: address, /64 prefix, MAR hw address).
    String hex = "3b0706000000" + "002012340040" + "1d30" + "20010db8000000000000000000000001"
        + "20010db8000200000000000000000000" + "00000000000000000000000000000000" + "0100";
    MobilityMessage strict = ((DecodeResult.Decoded) new MobilityMessageDecoder(false)
        .decode(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)))).message();
    MobilityMessage mad = ((DecodeResult.Decoded) new MobilityMessageDecoder(true)
        .decode(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)))).message();
    assertThat(strict.options()).singleElement().isInstanceOf(MobilityOption.UnknownOption.class);
    assertThat(mad.options()).containsExactly(new MobilityOption.PreviousAnchor(
        CodecFixtures.address("2001:db8::1"),
        org.dmmedge.mobility.Ipv6Prefix.parse("2001:db8:2::/64"), false, false, new byte[0]));
  }

  @Test
  void checksumCoversThePseudoHeader() {
    byte[] mh = MobilityMessageEncoder.toBytes(CodecFixtures.pbu(), null);
    var src = (java.net.Inet6Address) CodecFixtures.address("2001:db8::1");
    var dst = (java.net.Inet6Address) CodecFixtures.address("2001:db8::2");
    MhChecksum.fill(src, dst, mh);
    assertThat(MhChecksum.verify(src, dst, mh)).isTrue();
    assertThat(MhChecksum.verify(dst, (java.net.Inet6Address) CodecFixtures.address("::1"), mh))
        .isFalse();
  }

  static MobilityMessage decode(String hex) {
    var buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    try {
      DecodeResult result = new MobilityMessageDecoder(false).decode(buf);
      assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
      return ((DecodeResult.Decoded) result).message();
    } finally {
      buf.release();
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
