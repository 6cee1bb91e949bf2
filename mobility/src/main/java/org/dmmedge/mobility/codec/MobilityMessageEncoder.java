package org.dmmedge.mobility.codec;

import static org.dmmedge.mobility.codec.WireFormat.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.dmmedge.mobility.codec.MobilityOption.AccessTechnologyType;
import org.dmmedge.mobility.codec.MobilityOption.Authentication;
import org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator;
import org.dmmedge.mobility.codec.MobilityOption.HomeNetworkPrefix;
import org.dmmedge.mobility.codec.MobilityOption.LinkLayerIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.LinkLocalAddress;
import org.dmmedge.mobility.codec.MobilityOption.MobileNodeIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;
import org.dmmedge.mobility.codec.MobilityOption.ServingMar;
import org.dmmedge.mobility.codec.MobilityOption.Timestamp;
import org.dmmedge.mobility.codec.MobilityOption.UnknownOption;

/**
 * Writes a {@link MobilityMessage} as a Mobility Header: fixed fields, options in their order
 * with Pad1/PadN before each option as its alignment requires, padding to a multiple of 8
 * octets, Header Len set, Checksum zero (the raw transport fills it, see {@link MhChecksum}).
 * DMM options always go out as vendor-specific options (type 19), never as MAD-PMIPv6's 28/29.
 * Stateless; the caller owns {@code out}.
 */
public final class MobilityMessageEncoder {

  private MobilityMessageEncoder() {}

  /** Appends the unsigned message to {@code out}. */
  public static void encode(MobilityMessage message, ByteBuf out) {
    int start = writeBody(message, out);
    pad(out, start, 8, 0);
    finish(out, start);
  }

  /** Appends the message signed under {@code sa} (HMAC-SHA256 authentication option, last). */
  public static void encodeSigned(MobilityMessage message, SecurityAssociation sa, ByteBuf out) {
    Objects.requireNonNull(sa, "sa");
    if (message.option(Authentication.class).isPresent()) {
      throw new IllegalArgumentException("message: already has an authentication option");
    }
    int start = writeBody(message, out);
    pad(out, start, alignModulus(AUTH), alignRemainder(AUTH));
    out.writeByte(AUTH).writeByte(1 + 4 + HMAC_LENGTH).writeByte(AUTH_SUBTYPE_MN_HA)
        .writeInt(sa.spi());
    int authenticated = out.writerIndex() - start;
    out.writeZero(HMAC_LENGTH);
    finish(out, start);
    byte[] data = ByteBufUtil.getBytes(out, start, authenticated);
    out.setBytes(start + authenticated, MessageAuthenticator.hmac(sa.key(), data, authenticated));
  }

  /** The message as a byte array, signed when {@code sa} is not null. */
  public static byte[] toBytes(MobilityMessage message, SecurityAssociation sa) {
    ByteBuf buf = Unpooled.buffer(128);
    try {
      if (sa == null) {
        encode(message, buf);
      } else {
        encodeSigned(message, sa, buf);
      }
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  private static int writeBody(MobilityMessage message, ByteBuf out) {
    int start = out.writerIndex();
    out.writeByte(NO_NEXT_HEADER).writeByte(0).writeByte(message.mhType()).writeByte(0);
    out.writeShort(0);
    if (message instanceof ProxyBindingUpdate pbu) {
      int flags = 0;
      for (PbuFlag flag : pbu.flags()) {
        flags |= flag.bit;
      }
      out.writeShort(pbu.sequence()).writeShort(flags).writeShort(pbu.lifetimeUnits());
    } else if (message instanceof ProxyBindingAck pba) {
      int flags = 0;
      for (PbaFlag flag : pba.flags()) {
        flags |= flag.bit;
      }
      out.writeByte(pba.status().code()).writeByte(flags).writeShort(pba.sequence())
          .writeShort(pba.lifetimeUnits());
    }
    for (MobilityOption option : message.options()) {
      int type = typeOf(option);
      pad(out, start, alignModulus(type), alignRemainder(type));
      writeOption(option, out);
    }
    return start;
  }

  private static void finish(ByteBuf out, int start) {
    int length = out.writerIndex() - start;
    out.setByte(start + 1, length / 8 - 1);
  }

  /** Pad1 or PadN so that the next octet sits at {@code y} modulo {@code x} from {@code start}. */
  private static void pad(ByteBuf out, int start, int x, int y) {
    int offset = out.writerIndex() - start;
    int padding = Math.floorMod(y - offset, x);
    if (padding == 1) {
      out.writeByte(PAD1);
    } else if (padding > 1) {
      out.writeByte(PADN).writeByte(padding - 2).writeZero(padding - 2);
    }
  }

  private static int typeOf(MobilityOption option) {
    if (option instanceof MobileNodeIdentifier) {
      return MN_ID;
    } else if (option instanceof HomeNetworkPrefix) {
      return HNP;
    } else if (option instanceof HandoffIndicator) {
      return HANDOFF;
    } else if (option instanceof AccessTechnologyType) {
      return ATT;
    } else if (option instanceof LinkLayerIdentifier) {
      return LL_ID;
    } else if (option instanceof LinkLocalAddress) {
      return LL_ADDR;
    } else if (option instanceof Timestamp) {
      return TIMESTAMP;
    } else if (option instanceof PreviousAnchor || option instanceof ServingMar) {
      return VENDOR;
    } else if (option instanceof Authentication) {
      return AUTH;
    }
    return ((UnknownOption) option).type();
  }

  private static void writeOption(MobilityOption option, ByteBuf out) {
    if (option instanceof MobileNodeIdentifier id) {
      byte[] nai = id.nai().getBytes(StandardCharsets.UTF_8);
      out.writeByte(MN_ID).writeByte(1 + nai.length).writeByte(MN_ID_SUBTYPE_NAI).writeBytes(nai);
    } else if (option instanceof HomeNetworkPrefix hnp) {
      out.writeByte(HNP).writeByte(18).writeByte(0).writeByte(hnp.prefix().length())
          .writeBytes(hnp.prefix().bytes());
    } else if (option instanceof HandoffIndicator hi) {
      out.writeByte(HANDOFF).writeByte(2).writeByte(0).writeByte(hi.value());
    } else if (option instanceof AccessTechnologyType att) {
      out.writeByte(ATT).writeByte(2).writeByte(0).writeByte(att.value());
    } else if (option instanceof LinkLayerIdentifier ll) {
      byte[] id = ll.id();
      out.writeByte(LL_ID).writeByte(2 + id.length).writeShort(0).writeBytes(id);
    } else if (option instanceof LinkLocalAddress lla) {
      out.writeByte(LL_ADDR).writeByte(16).writeBytes(lla.address().getAddress());
    } else if (option instanceof Timestamp ts) {
      out.writeByte(TIMESTAMP).writeByte(8).writeLong(ts.value());
    } else if (option instanceof PreviousAnchor pa) {
      byte[] ll = pa.mnLinkLayerId();
      writeVendorHeader(out, VENDOR_PREVIOUS_ANCHOR, 2 + 16 + 16 + ll.length);
      int flags = (pa.notified() ? PREVIOUS_ANCHOR_NOTIFIED : 0)
          | (pa.lastServing() ? PREVIOUS_ANCHOR_LAST_SERVING : 0);
      out.writeByte(flags).writeByte(pa.prefix().length())
          .writeBytes(address16(pa.anchor())).writeBytes(pa.prefix().bytes()).writeBytes(ll);
    } else if (option instanceof ServingMar sm) {
      writeVendorHeader(out, VENDOR_SERVING_MAR, 16);
      out.writeBytes(address16(sm.address()));
    } else if (option instanceof Authentication auth) {
      byte[] authenticator = auth.authenticator();
      out.writeByte(AUTH).writeByte(1 + 4 + authenticator.length).writeByte(AUTH_SUBTYPE_MN_HA)
          .writeInt(auth.spi()).writeBytes(authenticator);
    } else if (option instanceof UnknownOption unknown) {
      byte[] data = unknown.data();
      out.writeByte(unknown.type()).writeByte(data.length).writeBytes(data);
    }
  }

  private static void writeVendorHeader(ByteBuf out, int subType, int dataLength) {
    out.writeByte(VENDOR).writeByte(4 + 1 + dataLength).writeInt(ENTERPRISE_NUMBER)
        .writeByte(subType);
  }
}
