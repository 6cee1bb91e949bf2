package org.dmmedge.mobility.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up warm-up reads back every message it makes, signed or not, and leaks nothing. */
class CodecWarmUpTest {
  private static final InetAddress SELF = address("2001:db8:c::1");
  private static final SecurityAssociation SA = new SecurityAssociation(7,
      HexFormat.of().parseHex("6d6172312d64656d6f2d6b65792d303030303031"), address("2001:db8:c::a"));

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  @Test
  void signedMessagesAreReadBackValid() {
    MessageReader reader = new MessageReader(new MobilityMessageDecoder(false),
        Optional.of(new MessageAuthenticator(List.of(SA))));
    assertThat(CodecWarmUp.run(reader, Optional.of(SA), SELF, 20)).isEqualTo(40);
  }

  @Test
  void unsignedMessagesAreReadBackValid() {
    MessageReader reader = new MessageReader(new MobilityMessageDecoder(false), Optional.empty());
    assertThat(CodecWarmUp.run(reader, Optional.empty(), SELF, 20)).isEqualTo(40);
  }

  @Test
  void aReaderWithOtherKeysRefusesThem() {
    SecurityAssociation other = new SecurityAssociation(8, new byte[16],
        SA.peer());
    MessageReader reader = new MessageReader(new MobilityMessageDecoder(false),
        Optional.of(new MessageAuthenticator(List.of(other))));
    assertThat(CodecWarmUp.run(reader, Optional.of(SA), SELF, 5)).isZero();
  }
}
