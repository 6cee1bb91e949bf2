package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Round trip of the netlink encoder and attribute parser, and parsing of cut messages. */
class NetlinkRoundTripTest {

  @Property
  void attributesReadBackAsWritten(@ForAll @Size(max = 20) @UniqueElements List<@IntRange(min = 1, max = 200) Integer> types,
      @ForAll @Size(max = 20) List<@Size(max = 40) byte[]> payloads) {
    NetlinkMessageBuilder builder = new NetlinkMessageBuilder(RtMessages.RTM_NEWROUTE, RtMessages.NLM_F_REQUEST)
        .u32(0).u32(0).u32(0);
    int n = Math.min(types.size(), payloads.size());
    for (int i = 0; i < n; i++) {
      builder.attr(types.get(i), payloads.get(i));
    }
    byte[] message = builder.build();

    List<ByteBuffer> split = NetlinkSocket.split(ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()));
    assertThat(split).hasSize(1);
    assertThat(message.length % 4).isZero();
    NetlinkAttributes attrs = NetlinkAttributes.parse(split.get(0), 28, split.get(0).limit());
    for (int i = 0; i < n; i++) {
      byte[] expected = payloads.get(i);
      assertThat(attrs.bytes(types.get(i)).orElseThrow()).isEqualTo(expected);
    }
  }

  @Property
  void cutMessagesNeverThrow(@ForAll @IntRange(min = 0, max = 60) int cut) {
    byte[] message = RtMessages.newRule(new SourcePrefixRule(org.dmmedge.mobility.Ipv6Prefix.parse("2001:db8::/64"),
        java.util.Optional.of("acc0"), 1001, 1000));
    byte[] shorter = Arrays.copyOf(message, Math.max(0, message.length - cut));

    List<ByteBuffer> split = NetlinkSocket.split(ByteBuffer.wrap(shorter).order(ByteOrder.nativeOrder()));
    if (cut == 0) {
      assertThat(split).hasSize(1);
      assertThat(NetlinkAttributes.parse(split.get(0), 28, split.get(0).limit()).string(RtMessages.FRA_IIFNAME))
          .contains("acc0");
    } else {
      assertThat(split).isEmpty(); // the length field no longer fits: the message is dropped whole
      assertThat(NetlinkAttributes.parse(ByteBuffer.wrap(shorter), Math.min(28, shorter.length), shorter.length))
          .isNotNull();
    }
  }
}
