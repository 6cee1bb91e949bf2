package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;

/**
 * One way of carrying IPv6-in-IPv6 (RFC 2473) between this MAR and its peers. The data plane
 * asks for a path to a peer before routing a prefix into it and releases it when the last
 * route using it is gone; packets that come out of a tunnel are handed to the kernel to be
 * routed by their inner destination. Implementations: {@link Srv6Backend} (kernel seg6
 * lightweight tunnels), {@link Ip6TnlBackend} (kernel ip6tnl devices) and
 * {@link UserspaceTunnelBackend} (TUN devices and a raw protocol-41 socket, for kernels that
 * have neither).
 *
 * <p>Called by one thread at a time (the data plane serializes its calls).
 */
interface TunnelBackend extends AutoCloseable {

  /** The backend's kind, for logs. */
  TunnelBackendKind kind();

  /** Makes the tunnel to {@code peer} usable (idempotent) and says how to route into it. */
  TunnelPath open(Inet6Address peer);

  /** The tunnel to {@code peer} is no longer used by any route; removes what it needed. */
  void release(Inet6Address peer);

  /**
   * Packets this process dropped because they came from a node that is not an open tunnel
   * peer; always 0 for kernel backends (the kernel drops and counts those itself).
   */
  default long droppedFromUnknownPeers() {
    return 0;
  }

  /** Removes everything the backend created. */
  @Override
  void close();
}
