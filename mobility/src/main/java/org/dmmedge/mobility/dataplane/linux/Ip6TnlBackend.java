package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classic PMIPv6 tunnel: one ip6tnl device (mode ip6ip6) per peer, from this node's
 * address to the peer's; routes into the tunnel point at the device, the kernel decapsulates
 * what the peer sends to it.
 */
final class Ip6TnlBackend implements TunnelBackend {

  /** The names this backend gives its devices: dmmt0, dmmt1, ... */
  static final java.util.regex.Pattern DEVICE_NAME = java.util.regex.Pattern.compile("dmmt\\d+");

  private final Rtnetlink rtnl;
  private final Inet6Address local;
  private final Map<Inet6Address, String> devices = new HashMap<>();
  private int nextDevice;

  Ip6TnlBackend(Rtnetlink rtnl, Inet6Address local) {
    this.rtnl = rtnl;
    this.local = local;
  }

  @Override
  public TunnelBackendKind kind() {
    return TunnelBackendKind.IP6TNL;
  }

  @Override
  public TunnelPath open(Inet6Address peer) {
    String name = devices.get(peer);
    if (name == null) {
      name = "dmmt" + nextDevice++;
      devices.put(peer, name);
    }
    rtnl.addIp6Tunnel(name, local, peer);
    int index = rtnl.link(name).index();
    rtnl.setUp(index);
    return new TunnelPath(index, Optional.empty());
  }

  @Override
  public void release(Inet6Address peer) {
    String name = devices.remove(peer);
    if (name != null) {
      rtnl.removeLink(name);
    }
  }

  @Override
  public void close() {
    List.copyOf(devices.keySet()).forEach(this::release);
  }
}
