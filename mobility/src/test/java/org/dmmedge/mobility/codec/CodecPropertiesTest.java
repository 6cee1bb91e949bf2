package org.dmmedge.mobility.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.MobilityOption.AccessTechnologyType;
import org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator;
import org.dmmedge.mobility.codec.MobilityOption.HomeNetworkPrefix;
import org.dmmedge.mobility.codec.MobilityOption.LinkLayerIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.LinkLocalAddress;
import org.dmmedge.mobility.codec.MobilityOption.MobileNodeIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;
import org.dmmedge.mobility.codec.MobilityOption.ServingMar;
import org.dmmedge.mobility.codec.MobilityOption.Timestamp;
import org.dmmedge.mobility.codec.MobilityOption.UnknownOption;

/** Round trips, truncation and corruption of arbitrary PBUs and PBAs. */
class CodecPropertiesTest {
  private static final MobilityMessageDecoder DECODER = new MobilityMessageDecoder(false);
  private static final SecurityAssociation SA = new SecurityAssociation(7,
      "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
      CodecFixtures.address("127.0.0.1"));

  @Property
  void decodeInvertsEncode(@ForAll("messages") MobilityMessage message) {
    assertThat(roundTrip(MobilityMessageEncoder.toBytes(message, null))).isEqualTo(message);
  }

  @Property
  void encodedLengthIsAMultipleOfEight(@ForAll("messages") MobilityMessage message) {
    byte[] bytes = MobilityMessageEncoder.toBytes(message, null);
    assertThat(bytes.length % 8).isZero();
    assertThat((bytes[1] & 0xff) + 1).isEqualTo(bytes.length / 8);
  }

  @Property
  void signedMessagesVerifyAndKeepTheirOptions(@ForAll("messages") MobilityMessage message) {
    byte[] bytes = MobilityMessageEncoder.toBytes(message, SA);
    DecodeResult result = reader().read(Unpooled.wrappedBuffer(bytes), SA.peer());
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    MobilityMessage decoded = ((DecodeResult.Decoded) result).message();
    assertThat(decoded.options().subList(0, decoded.options().size() - 1))
        .isEqualTo(message.options());
  }

  @Property
  void everyTruncationFails(@ForAll("messages") MobilityMessage message,
      @ForAll("fractions") double cut) {
    byte[] bytes = MobilityMessageEncoder.toBytes(message, null);
    int length = (int) (cut * bytes.length);
    ByteBuf buf = Unpooled.wrappedBuffer(bytes, 0, length);
    assertThat(DECODER.decode(buf)).isInstanceOf(DecodeResult.Failed.class);
  }

  @Property
  void corruptedBytesNeverThrow(@ForAll("messages") MobilityMessage message,
      @ForAll("fractions") double where, @ForAll byte xor) {
    byte[] bytes = MobilityMessageEncoder.toBytes(message, null);
    bytes[(int) (where * bytes.length)] ^= xor;
    assertThat(DECODER.decode(Unpooled.wrappedBuffer(bytes))).isNotNull();
  }

  @Property
  void anyFlippedBitOfASignedMessageIsRejected(@ForAll("messages") MobilityMessage message,
      @ForAll("fractions") double where, @ForAll("bits") int bit) {
    byte[] bytes = MobilityMessageEncoder.toBytes(message, SA);
    int at = (int) (where * bytes.length);
    if (at == 4 || at == 5) {
      return; // the checksum octets are outside the authenticated data by definition
    }
    bytes[at] ^= (byte) (1 << bit);
    assertThat(reader().read(Unpooled.wrappedBuffer(bytes), SA.peer()))
        .isInstanceOf(DecodeResult.Failed.class);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
  }

  @Provide
  Arbitrary<Integer> bits() {
    return Arbitraries.integers().between(0, 7);
  }

  @Provide
  Arbitrary<MobilityMessage> messages() {
    Arbitrary<List<MobilityOption>> options = option().list().ofMaxSize(6);
    Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xffff);
    Arbitrary<MobilityMessage> pbu = Combinators.combine(u16,
        Arbitraries.of(PbuFlag.class).set(), u16, options)
        .as((seq, flags, life, opts) -> new ProxyBindingUpdate(seq, flags, life, opts));
    Arbitrary<MobilityMessage> pba = Combinators.combine(
        Arbitraries.integers().between(0, 255).map(PbaStatus::valueOf),
        Arbitraries.of(PbaFlag.class).set(), u16, u16, options)
        .as((status, flags, seq, life, opts) -> new ProxyBindingAck(status, flags, seq, life, opts));
    return Arbitraries.oneOf(pbu, pba);
  }

  private static Arbitrary<MobilityOption> option() {
    Arbitrary<byte[]> sixteen = Arbitraries.bytes().array(byte[].class).ofSize(16);
    Arbitrary<Ipv6Prefix> prefix = Combinators.combine(sixteen,
        Arbitraries.integers().between(0, 128)).as(Ipv6Prefix::of);
    Arbitrary<InetAddress> address = Arbitraries.oneOf(
        sixteen.filter(b -> !isIpv4Mapped(b)).map(WireFormat::address),
        Arbitraries.bytes().array(byte[].class).ofSize(4).map(CodecPropertiesTest::ipv4));
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(60)
            .map(s -> s + "@dmm.example").map(MobileNodeIdentifier::new),
        prefix.map(HomeNetworkPrefix::new),
        octet.map(HandoffIndicator::new),
        octet.map(AccessTechnologyType::new),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16)
            .map(LinkLayerIdentifier::new),
        sixteen.map(b -> new LinkLocalAddress(WireFormat.ipv6(b))),
        Arbitraries.longs().map(Timestamp::new),
        Combinators.combine(address, prefix, Arbitraries.of(true, false),
            Arbitraries.of(true, false), Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
            .as(PreviousAnchor::new),
        address.map(ServingMar::new),
        Combinators.combine(Arbitraries.of(2, 3, 9, 30, 40, 200),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).as(UnknownOption::new));
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static InetAddress ipv4(byte[] four) {
    try {
      return InetAddress.getByAddress(four);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static MessageReader reader() {
    return new MessageReader(DECODER, java.util.Optional.of(new MessageAuthenticator(Set.of(SA))));
  }

  private static MobilityMessage roundTrip(byte[] bytes) {
    DecodeResult result = DECODER.decode(Unpooled.wrappedBuffer(bytes));
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) result).message();
  }
}
