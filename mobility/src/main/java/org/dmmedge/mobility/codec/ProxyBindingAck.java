package org.dmmedge.mobility.codec;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proxy Binding Acknowledgement (MH type 6, RFC 5213 §8.2): the answer to a PBU, echoing its
 * sequence number. In relay mode the CMD's PBA lists the MN's previous anchors.
 *
 * @param status accepted (below 128) or the reason for rejection
 * @param flags the K, R, P flags that are set
 * @param sequence the sequence number of the PBU answered
 * @param lifetimeUnits granted lifetime in 4-second units
 * @param options mobility options in wire order (without padding)
 */
public record ProxyBindingAck(PbaStatus status, Set<PbaFlag> flags, int sequence,
    int lifetimeUnits, List<MobilityOption> options) implements MobilityMessage {

  public ProxyBindingAck {
    Objects.requireNonNull(status, "status");
    MobilityMessage.checkFields(sequence, lifetimeUnits);
    flags = Set.copyOf(Objects.requireNonNull(flags, "flags"));
    options = List.copyOf(Objects.requireNonNull(options, "options"));
  }

  @Override
  public int mhType() {
    return 6;
  }
}
