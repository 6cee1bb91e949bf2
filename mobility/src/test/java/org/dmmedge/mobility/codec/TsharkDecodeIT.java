package org.dmmedge.mobility.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes our encoded PBU and PBA into a pcap and lets Debian's tshark (Wireshark's MIPv6
 * dissector) decode them: the fields we set must come out as we set them.
 */
class TsharkDecodeIT {
  private static final Inet6Address MAR = (Inet6Address) CodecFixtures.address("2001:db8::1");
  private static final Inet6Address CMD = (Inet6Address) CodecFixtures.address("2001:db8::2");

  @TempDir
  static Path dir;
  static Path pcap;

  @BeforeAll
  static void writePcap() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark); skipping the dissector check");
    pcap = dir.resolve("mobility.pcap");
    new PcapWriter()
        .udp(MAR, CMD, MobilityMessageEncoder.toBytes(CodecFixtures.pbu(), null))
        .raw(CMD, MAR, MobilityMessageEncoder.toBytes(CodecFixtures.pba(), null))
        .raw(MAR, CMD, MobilityMessageEncoder.toBytes(CodecFixtures.pbu(), null))
        .writeTo(pcap);
  }

  @Test
  void pbuOverUdpDecodesWithEveryField() throws Exception {
    List<String> fields = tshark("-Y", "frame.number == 1", "-T", "fields", "-E", "separator=|",
        "-e", "mip6.mhtype", "-e", "mip6.bu.seqnr", "-e", "mip6.bu.a_flag", "-e", "mip6.bu.h_flag",
        "-e", "mip6.bu.p_flag", "-e", "mip6.bu.lifetime", "-e", "mip6.mnid.identifier",
        "-e", "mip6.hi", "-e", "mip6.att");
    assertThat(fields).containsExactly("5|4660|1|1|1|64|mn1|4|4");
  }

  @Test
  void pbuDetailsShowPrefixAndTimestamp() throws Exception {
    String text = String.join("\n", tshark("-Y", "frame.number == 1", "-V"));
    assertThat(text).contains("Binding Update")
        .contains("Proxy Registration (P) flag: Proxy Registration")
        .contains("Home Network Prefix: 2001:db8:1::/64")
        .contains("Timestamp: Sep 13, 2020 12:26:40.500000000 UTC");
    assertThat(text).doesNotContainIgnoringCase("malformed");
  }

  @Test
  void rawPbaDecodesWithStatusAndVendorOption() throws Exception {
    List<String> fields = tshark("-Y", "frame.number == 2", "-T", "fields", "-E", "separator=|",
        "-e", "mip6.mhtype", "-e", "mip6.ba.status", "-e", "mip6.ba.p_flag", "-e", "mip6.ba.seqnr",
        "-e", "mip6.ba.lifetime", "-e", "mip6.vsm.vendorId", "-e", "mip6.vsm.subtype");
    assertThat(fields).containsExactly("6|0|1|4660|64|32473|1");
  }

  @Test
  void rawPbuCarriesThePseudoHeaderChecksum() throws Exception {
    byte[] mh = MobilityMessageEncoder.toBytes(CodecFixtures.pbu(), null);
    String expected = String.format("0x%04x", MhChecksum.compute(MAR, CMD, mh));
    List<String> fields = tshark("-Y", "frame.number == 3", "-T", "fields", "-E", "separator=|",
        "-e", "ipv6.nxt", "-e", "mip6.mhtype", "-e", "mip6.csum", "-e", "mip6.bu.seqnr");
    assertThat(fields).containsExactly("135|5|" + expected + "|4660");
  }

  @Test
  void pcapChecksumsAreGoodForWiresharkAndAgreeWithMhChecksum() throws Exception {
    // Wireshark validates the UDP checksum the pcap writer computed its own way ...
    List<String> udp = tshark("-o", "udp.check_checksum:TRUE", "-Y", "frame.number == 1",
        "-T", "fields", "-e", "udp.checksum.status");
    assertThat(udp).containsExactly("1");
    // ... and that independent routine agrees with MhChecksum on the raw MH packet.
    byte[] mh = MobilityMessageEncoder.toBytes(CodecFixtures.pba(), null);
    int independent = PcapWriter.checksum(CMD, MAR, 135, mh);
    assertThat(MhChecksum.compute(CMD, MAR, mh)).isEqualTo(independent);
  }

  private static List<String> tshark(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-n", "-r", pcap.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("tshark exit status").isZero();
      return out.lines().toList();
    } finally {
      process.destroyForcibly();
    }
  }
}
