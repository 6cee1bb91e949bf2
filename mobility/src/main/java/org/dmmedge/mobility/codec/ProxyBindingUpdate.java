package org.dmmedge.mobility.codec;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proxy Binding Update (MH type 5, RFC 5213 §8.1): a MAR registering an MN's prefixes at the
 * CMD, or (DMM) the CMD or a new serving MAR telling a previous anchor where the MN went.
 *
 * @param sequence sequence number, 0..65535
 * @param flags the A, H, L, K, M, R, P flags that are set
 * @param lifetimeUnits requested lifetime in 4-second units; 0 deregisters
 * @param options mobility options in wire order (without padding)
 */
public record ProxyBindingUpdate(int sequence, Set<PbuFlag> flags, int lifetimeUnits,
    List<MobilityOption> options) implements MobilityMessage {

  /** The flags a MAR sets on a proxy registration: A, H and P. */
  public static final Set<PbuFlag> PROXY_FLAGS = Set.of(PbuFlag.A, PbuFlag.H, PbuFlag.P);

  public ProxyBindingUpdate {
    MobilityMessage.checkFields(sequence, lifetimeUnits);
    flags = Set.copyOf(Objects.requireNonNull(flags, "flags"));
    options = List.copyOf(Objects.requireNonNull(options, "options"));
  }

  @Override
  public int mhType() {
    return 5;
  }
}
