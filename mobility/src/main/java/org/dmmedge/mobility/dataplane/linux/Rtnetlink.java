package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * The rtnetlink operations the data plane uses, each idempotent: installing what is there
 * already or removing what is gone succeeds. Other kernel refusals throw
 * {@link KernelException} with the operation and errno name. Thread-safe (one request at a
 * time on the underlying socket); calls block for one netlink round trip.
 */
final class Rtnetlink implements AutoCloseable {

  /** What the kernel reports about one interface. */
  record Link(int index, String name, int mtu, boolean up, boolean lowerUp, byte[] hardwareAddress) {}

  private final NetlinkSocket socket;
  private final NetNamespace namespace;

  private Rtnetlink(NetlinkSocket socket, NetNamespace namespace) {
    this.socket = socket;
    this.namespace = namespace;
  }

  /** Opens a client programming {@code namespace}. */
  static Rtnetlink open(NetNamespace namespace) {
    return new Rtnetlink(namespace.open(NetlinkSocket::open), namespace);
  }

  NetNamespace namespace() {
    return namespace;
  }

  /** The interface called {@code name}; ENODEV when there is none. */
  Link link(String name) {
    List<ByteBuffer> replies = socket.query("get link " + name + " in " + namespace, RtMessages.getLink(name));
    if (replies.isEmpty()) {
      throw new KernelException("get link " + name + " in " + namespace, Errno.ENODEV);
    }
    return parseLink(replies.get(0));
  }

  /** The link, or empty when it does not exist. */
  Optional<Link> findLink(String name) {
    try {
      return Optional.of(link(name));
    } catch (KernelException e) {
      if (e.errno() == Errno.ENODEV) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static Link parseLink(ByteBuffer message) {
    int header = NetlinkMessageBuilder.HEADER_BYTES;
    int index = message.getInt(header + 4);
    int flags = message.getInt(header + 8);
    NetlinkAttributes attrs = NetlinkAttributes.parse(message, header + 16, message.limit());
    return new Link(index, attrs.string(RtMessages.IFLA_IFNAME).orElse(""),
        attrs.u32(RtMessages.IFLA_MTU).orElse(0), (flags & RtMessages.IFF_UP) != 0,
        (flags & RtMessages.IFF_LOWER_UP) != 0, attrs.bytes(RtMessages.IFLA_ADDRESS).orElse(new byte[0]));
  }

  void setUp(int index) {
    socket.request("set link #" + index + " up in " + namespace, RtMessages.setLink(index, true, 0));
  }

  /** Brings link {@code index} up with {@code mtu} and a transmit queue of {@code packets}. */
  void setMtuAndQueue(int index, int mtu, int packets) {
    socket.request("set link #" + index + " mtu " + mtu + " txqueuelen " + packets + " in "
        + namespace, RtMessages.setLink(index, mtu, packets));
  }

  void replaceAddress(int index, Inet6Address address, int prefixLength) {
    socket.request("add address " + address.getHostAddress() + "/" + prefixLength + " dev #" + index
        + " in " + namespace, RtMessages.newAddress(index, address, prefixLength));
  }

  void removeAddress(int index, Inet6Address address, int prefixLength) {
    ignoring(() -> socket.request("delete address " + address.getHostAddress() + "/" + prefixLength
        + " in " + namespace, RtMessages.deleteAddress(index, address, prefixLength)),
        Errno.EADDRNOTAVAIL, Errno.ENODEV, Errno.ENOENT);
  }

  void replaceRoute(Route route) {
    socket.request("add " + route + " in " + namespace, RtMessages.replaceRoute(route));
  }

  /** Removes the route with {@code route}'s key; a route already gone (ESRCH) is fine. */
  void removeRoute(Route route) {
    ignoring(() -> socket.request("delete " + route + " in " + namespace, RtMessages.deleteRoute(route)),
        Errno.ESRCH, Errno.ENOENT, Errno.ENODEV);
  }

  /** Adds the rule; an identical rule present already (EEXIST) is fine. */
  void addRule(SourcePrefixRule rule) {
    ignoring(() -> socket.request("add " + rule + " in " + namespace, RtMessages.newRule(rule)),
        Errno.EEXIST);
  }

  void removeRule(SourcePrefixRule rule) {
    ignoring(() -> socket.request("delete " + rule + " in " + namespace, RtMessages.deleteRule(rule)),
        Errno.ENOENT, Errno.ESRCH);
  }

  /**
   * Removes every IPv6 route and rule installed with our protocol id ({@value
   * RtMessages#RTPROT_DMM}): what an earlier run of a node left when it could not close.
   * Returns how many were removed.
   */
  int flushOwn() {
    int removed = 0;
    for (int type : new int[] {RtMessages.RTM_GETRULE, RtMessages.RTM_GETROUTE}) {
      for (ByteBuffer m : socket.query("dump in " + namespace, RtMessages.dump(type))) {
        if (RtMessages.protocolOf(m) == RtMessages.RTPROT_DMM) {
          ignoring(() -> socket.request("flush proto " + RtMessages.RTPROT_DMM + " in " + namespace,
              RtMessages.deletionOf(m)), Errno.ESRCH, Errno.ENOENT);
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * Creates an ip6tnl device; one present already with that name is fine. The kernel says
   * EEXIST also when another device has the same endpoints: that one is an error.
   */
  void addIp6Tunnel(String name, Inet6Address local, Inet6Address remote) {
    try {
      socket.request("add ip6tnl " + name + " local " + local.getHostAddress() + " remote "
          + remote.getHostAddress() + " in " + namespace, RtMessages.newIp6Tunnel(name, local, remote));
    } catch (KernelException e) {
      if (e.errno() != Errno.EEXIST || findLink(name).isEmpty()) {
        throw e;
      }
    }
  }

  /** Moves interface {@code name} into {@code target} (it arrives down there). */
  void moveLink(String name, NetNamespace target) {
    int fd = target.openFile();
    try {
      socket.request("move link " + name + " from " + namespace + " to " + target, RtMessages.moveLink(name, fd));
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }

  /**
   * Removes the ip6tnl devices whose name {@code ours} accepts: what an earlier run left when
   * it could not close (unlike TUN devices, they outlive their process). Returns how many.
   */
  int removeIp6Tunnels(java.util.function.Predicate<String> ours) {
    int removed = 0;
    for (ByteBuffer m : socket.query("dump links in " + namespace, RtMessages.dumpLinks())) {
      String name = parseLink(m).name();
      if (RtMessages.linkKind(m).equals("ip6tnl") && ours.test(name)) {
        removeLink(name);
        removed++;
      }
    }
    return removed;
  }

  void removeLink(String name) {
    ignoring(() -> socket.request("delete link " + name + " in " + namespace, RtMessages.deleteLink(name)),
        Errno.ENODEV);
  }

  /** Convenience for tests and probes: a host route prefix. */
  static Ipv6Prefix host(Inet6Address address) {
    return Ipv6Prefix.of(address.getAddress(), 128);
  }

  @Override
  public void close() {
    socket.close();
  }

  private static void ignoring(Runnable call, int... tolerated) {
    try {
      call.run();
    } catch (KernelException e) {
      for (int errno : tolerated) {
        if (e.errno() == errno) {
          return;
        }
      }
      throw e;
    }
  }
}
