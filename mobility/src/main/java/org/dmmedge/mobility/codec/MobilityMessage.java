package org.dmmedge.mobility.codec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Mobility Header message (RFC 6275 §6.1) of the two kinds PMIPv6 and DMM use: the
 * {@link ProxyBindingUpdate} and the {@link ProxyBindingAck}. Options keep wire order.
 */
public sealed interface MobilityMessage permits ProxyBindingUpdate, ProxyBindingAck {

  /** Largest lifetime the 16-bit field holds, in its 4-second units. */
  int MAX_LIFETIME_UNITS = 0xffff;

  /** The MH Type: 5 for a PBU, 6 for a PBA. */
  int mhType();

  /** Sequence number, 0..65535. */
  int sequence();

  /** Lifetime in 4-second units (RFC 6275 §6.1.7); 0 deregisters. */
  int lifetimeUnits();

  List<MobilityOption> options();

  /** The lifetime as a duration. */
  default Duration lifetime() {
    return Duration.ofSeconds(4L * lifetimeUnits());
  }

  /** The first option of {@code type}, if any. */
  default <T extends MobilityOption> Optional<T> option(Class<T> type) {
    return options().stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Every option of {@code type}, in wire order. */
  default <T extends MobilityOption> List<T> options(Class<T> type) {
    return options().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The MN's NAI, if the message has a Mobile Node Identifier option. */
  default Optional<String> mnId() {
    return option(MobilityOption.MobileNodeIdentifier.class)
        .map(MobilityOption.MobileNodeIdentifier::nai);
  }

  /** Rounds {@code lifetime} up to 4-second units, capped at the field's maximum. */
  static int lifetimeUnits(Duration lifetime) {
    long units = (lifetime.toSeconds() + 3) / 4;
    return (int) Math.min(MAX_LIFETIME_UNITS, Math.max(0, units));
  }

  static void checkFields(int sequence, int lifetimeUnits) {
    if (sequence < 0 || sequence > 0xffff) {
      throw new IllegalArgumentException("sequence: " + sequence + " (expected: 0..65535)");
    }
    if (lifetimeUnits < 0 || lifetimeUnits > MAX_LIFETIME_UNITS) {
      throw new IllegalArgumentException(
          "lifetimeUnits: " + lifetimeUnits + " (expected: 0..65535)");
    }
  }
}
