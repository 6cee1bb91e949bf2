package org.dmmedge.mobility.codec;

import static org.dmmedge.mobility.codec.WireFormat.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.CodecException.Reason;
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
 * Reads one Mobility Header message from a datagram's payload: a pure function from bytes to a
 * {@link DecodeResult}, never throwing for bad input.
 *
 * <p>It runs as a state machine over the buffer: {@code HEADER} (Payload Proto 59, Header Len
 * matching the datagram, MH type 5 or 6), {@code FIXED} (sequence, flags, lifetime, status),
 * {@code OPTIONS} (one option per step; Pad1/PadN skipped; unknown options kept as
 * {@link UnknownOption}, RFC 6275 §6.2.1; the authentication option must be last), then
 * {@code DONE}, or {@code BAD_MESSAGE} with the {@link CodecException} as soon as something is
 * truncated or inconsistent. It reads without consuming: the buffer's indices are not moved and
 * the caller keeps ownership. Thread-safe and immutable.
 */
public final class MobilityMessageDecoder {
  private enum State { HEADER, FIXED, OPTIONS, DONE, BAD_MESSAGE }

  private final boolean acceptMadOptions;

  /**
   * @param acceptMadOptions whether options 28 and 29 are read as MAD-PMIPv6's serving and
   *     previous MAR (interoperability); otherwise they stay unknown options
   */
  public MobilityMessageDecoder(boolean acceptMadOptions) {
    this.acceptMadOptions = acceptMadOptions;
  }

  /** Decodes the readable bytes of {@code buf}, which must hold exactly one message. */
  public DecodeResult decode(ByteBuf buf) {
    Cursor c = new Cursor(buf, buf.readerIndex(), buf.readableBytes());
    State state = State.HEADER;
    CodecException failure = null;
    while (state != State.DONE && state != State.BAD_MESSAGE) {
      try {
        state = switch (state) {
          case HEADER -> c.header();
          case FIXED -> c.fixed();
          case OPTIONS -> c.option();
          default -> throw new IllegalStateException(state.name());
        };
      } catch (CodecException e) {
        failure = e;
        state = State.BAD_MESSAGE;
      } catch (IllegalArgumentException e) {
        failure = new CodecException(Reason.BAD_OPTION, e.getMessage());
        state = State.BAD_MESSAGE;
      }
    }
    return state == State.DONE
        ? new DecodeResult.Decoded(c.message(), c.authenticatedLength)
        : new DecodeResult.Failed(failure);
  }

  /** The decoding position and what has been read so far. */
  private final class Cursor {
    private final ByteBuf buf;
    private final int start;
    private final int available;
    private int length;
    private int offset;
    private int mhType;
    private int sequence;
    private int flags;
    private int status;
    private int lifetimeUnits;
    private int authenticatedLength = -1;
    private final List<MobilityOption> options = new ArrayList<>();

    Cursor(ByteBuf buf, int start, int available) {
      this.buf = buf;
      this.start = start;
      this.available = available;
    }

    State header() {
      need(6, "MH header");
      int proto = u8(0);
      if (proto != NO_NEXT_HEADER) {
        throw new CodecException(Reason.BAD_PAYLOAD_PROTO, proto + " (expected: 59)");
      }
      length = (u8(1) + 1) * 8;
      if (length > available) {
        throw new CodecException(Reason.TRUNCATED,
            "Header Len says " + length + " octets, " + available + " present");
      }
      if (length < available) {
        throw new CodecException(Reason.BAD_LENGTH,
            "Header Len says " + length + " octets, " + available + " present");
      }
      mhType = u8(2);
      if (mhType != MH_TYPE_PBU && mhType != MH_TYPE_PBA) {
        throw new CodecException(Reason.UNSUPPORTED_TYPE, "MH type " + mhType + " (expected: 5 or 6)");
      }
      offset = 6;
      return State.FIXED;
    }

    State fixed() {
      if (length < FIXED_LENGTH) {
        throw new CodecException(Reason.BAD_LENGTH, length + " octets (expected: >= 16)");
      }
      if (mhType == MH_TYPE_PBU) {
        sequence = u16(6);
        flags = u16(8);
      } else {
        status = u8(6);
        flags = u8(7);
        sequence = u16(8);
      }
      lifetimeUnits = u16(10);
      offset = FIXED_LENGTH;
      return offset == length ? State.DONE : State.OPTIONS;
    }

    State option() {
      int type = u8(offset);
      if (type == PAD1) {
        offset++;
        return offset == length ? State.DONE : State.OPTIONS;
      }
      if (authenticatedLength >= 0) {
        throw new CodecException(Reason.BAD_OPTION,
            "option " + type + " after the authentication option (expected: it is last)");
      }
      if (offset + 2 > length) {
        throw new CodecException(Reason.TRUNCATED, "option " + type + " at " + offset);
      }
      int dataLength = u8(offset + 1);
      int data = offset + 2;
      if (data + dataLength > length) {
        throw new CodecException(Reason.TRUNCATED,
            "option " + type + " at " + offset + " needs " + dataLength + " octets");
      }
      if (type != PADN) {
        MobilityOption option = read(type, data, dataLength);
        options.add(option);
      }
      offset = data + dataLength;
      return offset == length ? State.DONE : State.OPTIONS;
    }

    private MobilityOption read(int type, int at, int len) {
      return switch (type) {
        case MN_ID -> len >= 2 && u8(at) == MN_ID_SUBTYPE_NAI
            ? new MobileNodeIdentifier(utf8(at + 1, len - 1)) : unknown(type, at, len);
        case HNP -> {
          exact(type, len, 18);
          int prefixLength = u8(at + 1);
          if (prefixLength > 128) {
            throw new CodecException(Reason.BAD_OPTION, "prefix length " + prefixLength
                + " (expected: 0..128)");
          }
          yield new HomeNetworkPrefix(Ipv6Prefix.of(bytes(at + 2, 16), prefixLength));
        }
        case HANDOFF -> {
          exact(type, len, 2);
          yield new HandoffIndicator(u8(at + 1));
        }
        case ATT -> {
          exact(type, len, 2);
          yield new AccessTechnologyType(u8(at + 1));
        }
        case LL_ID -> {
          atLeast(type, len, 3);
          yield new LinkLayerIdentifier(bytes(at + 2, len - 2));
        }
        case LL_ADDR -> {
          exact(type, len, 16);
          yield new LinkLocalAddress(ipv6(bytes(at, 16)));
        }
        case TIMESTAMP -> {
          exact(type, len, 8);
          yield new Timestamp(buf.getLong(start + at));
        }
        case VENDOR -> vendor(at, len);
        case AUTH -> {
          atLeast(type, len, 6);
          if (u8(at) != AUTH_SUBTYPE_MN_HA) {
            yield unknown(type, at, len);
          }
          authenticatedLength = at + 5;
          yield new Authentication(buf.getInt(start + at + 1), bytes(at + 5, len - 5));
        }
        case MAD_SERVING_MAR -> {
          if (!acceptMadOptions) {
            yield unknown(type, at, len);
          }
          exact(type, len, 16);
          yield new ServingMar(address(bytes(at, 16)));
        }
        case MAD_PREVIOUS_MAR -> {
          if (!acceptMadOptions) {
            yield unknown(type, at, len);
          }
          exact(type, len, 48);
          // MAD-PMIPv6: previous MAR address, the MN's /64, the MAR's link-layer address.
          yield new PreviousAnchor(address(bytes(at, 16)), Ipv6Prefix.of(bytes(at + 16, 16), 64),
              false, false, new byte[0]);
        }
        default -> unknown(type, at, len);
      };
    }

    private MobilityOption vendor(int at, int len) {
      atLeast(VENDOR, len, 5);
      if (buf.getInt(start + at) != ENTERPRISE_NUMBER) {
        return unknown(VENDOR, at, len);
      }
      int subType = u8(at + 4);
      int data = at + 5;
      int dataLength = len - 5;
      if (subType == VENDOR_PREVIOUS_ANCHOR) {
        if (dataLength < 34) {
          throw new CodecException(Reason.BAD_OPTION,
              "previous anchor: " + dataLength + " octets (expected: >= 34)");
        }
        int prefixLength = u8(data + 1);
        if (prefixLength > 128) {
          throw new CodecException(Reason.BAD_OPTION, "previous anchor prefix length "
              + prefixLength + " (expected: 0..128)");
        }
        return new PreviousAnchor(address(bytes(data + 2, 16)),
            Ipv6Prefix.of(bytes(data + 18, 16), prefixLength),
            (u8(data) & PREVIOUS_ANCHOR_NOTIFIED) != 0,
            (u8(data) & PREVIOUS_ANCHOR_LAST_SERVING) != 0, bytes(data + 34, dataLength - 34));
      }
      if (subType == VENDOR_SERVING_MAR) {
        if (dataLength != 16) {
          throw new CodecException(Reason.BAD_OPTION,
              "serving MAR: " + dataLength + " octets (expected: 16)");
        }
        return new ServingMar(address(bytes(data, 16)));
      }
      return unknown(VENDOR, at, len);
    }

    MobilityMessage message() {
      if (mhType == MH_TYPE_PBU) {
        Set<PbuFlag> set = EnumSet.noneOf(PbuFlag.class);
        for (PbuFlag flag : PbuFlag.values()) {
          if ((flags & flag.bit) != 0) {
            set.add(flag);
          }
        }
        return new ProxyBindingUpdate(sequence, set, lifetimeUnits, options);
      }
      Set<PbaFlag> set = EnumSet.noneOf(PbaFlag.class);
      for (PbaFlag flag : PbaFlag.values()) {
        if ((flags & flag.bit) != 0) {
          set.add(flag);
        }
      }
      return new ProxyBindingAck(PbaStatus.valueOf(status), set, sequence, lifetimeUnits, options);
    }

    private void need(int octets, String what) {
      if (available < octets) {
        throw new CodecException(Reason.TRUNCATED, what + ": " + available + " octets (expected: >= "
            + octets + ")");
      }
    }

    private void exact(int type, int len, int expected) {
      if (len != expected) {
        throw new CodecException(Reason.BAD_OPTION,
            "option " + type + " length " + len + " (expected: " + expected + ")");
      }
    }

    private void atLeast(int type, int len, int min) {
      if (len < min) {
        throw new CodecException(Reason.BAD_OPTION,
            "option " + type + " length " + len + " (expected: >= " + min + ")");
      }
    }

    private UnknownOption unknown(int type, int at, int len) {
      return new UnknownOption(type, bytes(at, len));
    }

    private int u8(int at) {
      return buf.getUnsignedByte(start + at);
    }

    private int u16(int at) {
      return buf.getUnsignedShort(start + at);
    }

    private byte[] bytes(int at, int len) {
      return ByteBufUtil.getBytes(buf, start + at, len);
    }

    private String utf8(int at, int len) {
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes(at, len))).toString();
      } catch (CharacterCodingException e) {
        throw new CodecException(Reason.BAD_OPTION, "MN identifier is not UTF-8");
      }
    }
  }
}
