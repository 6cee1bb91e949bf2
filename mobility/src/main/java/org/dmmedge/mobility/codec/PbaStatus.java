package org.dmmedge.mobility.codec;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Status field of a Proxy Binding Acknowledgement: values below 128 accept, 128 and above
 * reject (RFC 6275 §6.1.8). Known codes from RFC 6275, RFC 4285 and RFC 5213 §8.9 have named
 * instances; {@link #valueOf(int)} keeps any other code so that it can be logged and counted.
 */
public record PbaStatus(int code, String name) {
  public static final PbaStatus ACCEPTED = new PbaStatus(0, "ACCEPTED");
  public static final PbaStatus REASON_UNSPECIFIED = new PbaStatus(128, "REASON_UNSPECIFIED");
  public static final PbaStatus ADMINISTRATIVELY_PROHIBITED =
      new PbaStatus(129, "ADMINISTRATIVELY_PROHIBITED");
  public static final PbaStatus INSUFFICIENT_RESOURCES = new PbaStatus(130, "INSUFFICIENT_RESOURCES");
  public static final PbaStatus SEQUENCE_NUMBER_OUT_OF_WINDOW =
      new PbaStatus(135, "SEQUENCE_NUMBER_OUT_OF_WINDOW");
  /** RFC 4285 §8: the authentication option did not verify. */
  public static final PbaStatus AUTH_FAILED = new PbaStatus(147, "MIPV6_AUTH_FAIL");
  public static final PbaStatus PROXY_REG_NOT_ENABLED = new PbaStatus(152, "PROXY_REG_NOT_ENABLED");
  public static final PbaStatus NOT_LMA_FOR_THIS_MOBILE_NODE =
      new PbaStatus(153, "NOT_LMA_FOR_THIS_MOBILE_NODE");
  public static final PbaStatus MAG_NOT_AUTHORIZED_FOR_PROXY_REG =
      new PbaStatus(154, "MAG_NOT_AUTHORIZED_FOR_PROXY_REG");
  public static final PbaStatus NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX =
      new PbaStatus(155, "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX");
  public static final PbaStatus TIMESTAMP_MISMATCH = new PbaStatus(156, "TIMESTAMP_MISMATCH");
  public static final PbaStatus TIMESTAMP_LOWER_THAN_PREV_ACCEPTED =
      new PbaStatus(157, "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED");
  public static final PbaStatus MISSING_HOME_NETWORK_PREFIX_OPTION =
      new PbaStatus(158, "MISSING_HOME_NETWORK_PREFIX_OPTION");
  public static final PbaStatus BCE_PBU_PREFIX_SET_DO_NOT_MATCH =
      new PbaStatus(159, "BCE_PBU_PREFIX_SET_DO_NOT_MATCH");
  public static final PbaStatus MISSING_MN_IDENTIFIER_OPTION =
      new PbaStatus(160, "MISSING_MN_IDENTIFIER_OPTION");
  public static final PbaStatus MISSING_HANDOFF_INDICATOR_OPTION =
      new PbaStatus(161, "MISSING_HANDOFF_INDICATOR_OPTION");
  public static final PbaStatus MISSING_ACCESS_TECH_TYPE_OPTION =
      new PbaStatus(162, "MISSING_ACCESS_TECH_TYPE_OPTION");

  private static final Map<Integer, PbaStatus> KNOWN = Stream.of(
          ACCEPTED, REASON_UNSPECIFIED, ADMINISTRATIVELY_PROHIBITED, INSUFFICIENT_RESOURCES,
          SEQUENCE_NUMBER_OUT_OF_WINDOW, AUTH_FAILED, PROXY_REG_NOT_ENABLED,
          NOT_LMA_FOR_THIS_MOBILE_NODE, MAG_NOT_AUTHORIZED_FOR_PROXY_REG,
          NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX, TIMESTAMP_MISMATCH,
          TIMESTAMP_LOWER_THAN_PREV_ACCEPTED, MISSING_HOME_NETWORK_PREFIX_OPTION,
          BCE_PBU_PREFIX_SET_DO_NOT_MATCH, MISSING_MN_IDENTIFIER_OPTION,
          MISSING_HANDOFF_INDICATOR_OPTION, MISSING_ACCESS_TECH_TYPE_OPTION)
      .collect(Collectors.toUnmodifiableMap(PbaStatus::code, Function.identity()));

  public PbaStatus {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("code: " + code + " (expected: 0..255)");
    }
  }

  /** The named instance for {@code code}, or an {@code UNKNOWN_<code>} instance keeping it. */
  public static PbaStatus valueOf(int code) {
    PbaStatus known = KNOWN.get(code);
    return known != null ? known : new PbaStatus(code, "UNKNOWN_" + code);
  }

  /** Values below 128 mean the binding was accepted (RFC 6275 §6.1.8). */
  public boolean accepted() {
    return code < 128;
  }

  @Override
  public String toString() {
    return name + "(" + code + ")";
  }
}
