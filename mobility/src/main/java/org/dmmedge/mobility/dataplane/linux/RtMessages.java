package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds the rtnetlink requests the data plane sends (layouts from the uapi headers
 * {@code linux/netlink.h}, {@code rtnetlink.h}, {@code if_link.h}, {@code if_addr.h},
 * {@code fib_rules.h}, {@code lwtunnel.h}, {@code seg6_iptunnel.h}, {@code seg6_local.h},
 * {@code if_tunnel.h}). Pure functions of their arguments, tested byte for byte.
 */
final class RtMessages {

  // nlmsghdr types and flags (netlink.h, rtnetlink.h)
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int RTM_NEWLINK = 16;
  static final int RTM_DELLINK = 17;
  static final int RTM_GETLINK = 18;
  static final int RTM_NEWADDR = 20;
  static final int RTM_DELADDR = 21;
  static final int RTM_NEWROUTE = 24;
  static final int RTM_DELROUTE = 25;
  static final int RTM_GETROUTE = 26;
  static final int RTM_NEWRULE = 32;
  static final int RTM_DELRULE = 33;
  static final int RTM_GETRULE = 34;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_ACK = 0x4;
  static final int NLM_F_REPLACE = 0x100;
  static final int NLM_F_EXCL = 0x200;
  static final int NLM_F_CREATE = 0x400;
  static final int NLM_F_DUMP = 0x300;

  static final int AF_INET6 = 10;
  static final int IFF_UP = 0x1;
  static final int IFF_LOWER_UP = 0x10000;
  static final int RTNLGRP_LINK = 1;

  // attributes
  static final int IFLA_ADDRESS = 1;
  static final int IFLA_IFNAME = 3;
  static final int IFLA_MTU = 4;
  static final int IFLA_TXQLEN = 13;
  static final int IFLA_LINKINFO = 18;
  static final int IFLA_NET_NS_FD = 28;
  static final int IFLA_INFO_KIND = 1;
  static final int IFLA_INFO_DATA = 2;
  static final int IFLA_IPTUN_LOCAL = 2;
  static final int IFLA_IPTUN_REMOTE = 3;
  static final int IFLA_IPTUN_FLAGS = 8;
  static final int IFLA_IPTUN_PROTO = 9;
  /** ip6tnl flag: no Tunnel Encapsulation Limit option ({@code encaplimit none}). */
  static final int IP6_TNL_F_IGN_ENCAP_LIMIT = 0x1;
  static final int IFA_ADDRESS = 1;
  static final int IFA_LOCAL = 2;
  static final int IFA_FLAGS = 8;
  static final int IFA_F_NODAD = 0x02;
  static final int RTA_DST = 1;
  static final int RTA_OIF = 4;
  static final int RTA_GATEWAY = 5;
  static final int RTA_PRIORITY = 6;
  static final int RTA_TABLE = 15;
  static final int RTA_ENCAP_TYPE = 21;
  static final int RTA_ENCAP = 22;
  /** Marks a nested attribute, as iproute2 does for RTA_ENCAP (strict kernels check it). */
  static final int NLA_F_NESTED = 0x8000;
  static final int FRA_SRC = 2;
  static final int FRA_IIFNAME = 3;
  static final int FRA_PRIORITY = 6;
  static final int FRA_TABLE = 15;
  static final int FRA_PROTOCOL = 21;
  static final int LWTUNNEL_ENCAP_SEG6 = 5;
  static final int LWTUNNEL_ENCAP_SEG6_LOCAL = 7;
  static final int SEG6_IPTUNNEL_SRH = 1;
  static final int SEG6_IPTUN_MODE_ENCAP_RED = 3;
  static final int SEG6_LOCAL_ACTION = 1;
  static final int SEG6_LOCAL_NH6 = 5;
  static final int SEG6_LOCAL_ACTION_END_DX6 = 5;
  static final int IPV6_SRCRT_TYPE_4 = 4;

  // rtmsg / fib_rule_hdr values
  static final int RTN_UNICAST = 1;
  static final int RT_SCOPE_UNIVERSE = 0;
  static final int FR_ACT_TO_TBL = 1;
  /** Our routing protocol id, so {@code ip route show proto 201} lists what a node made. */
  static final int RTPROT_DMM = 201;
  /** Table ids above 255 travel in RTA_TABLE / FRA_TABLE; the header byte says RT_TABLE_UNSPEC. */
  private static final int RT_TABLE_UNSPEC = 0;

  private static final int IPPROTO_IPV6 = 41;

  private RtMessages() {}

  /** {@code ip -6 addr replace <address>/<prefixLength> dev <index> nodad}. */
  static byte[] newAddress(int index, Inet6Address address, int prefixLength) {
    return address(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, index, address, prefixLength)
        .attrU32(IFA_FLAGS, IFA_F_NODAD).build();
  }

  /** {@code ip -6 addr del <address>/<prefixLength> dev <index>}. */
  static byte[] deleteAddress(int index, Inet6Address address, int prefixLength) {
    return address(RTM_DELADDR, 0, index, address, prefixLength).build();
  }

  private static NetlinkMessageBuilder address(int type, int flags, int index, Inet6Address address,
      int prefixLength) {
    return new NetlinkMessageBuilder(type, NLM_F_REQUEST | NLM_F_ACK | flags)
        .u8(AF_INET6).u8(prefixLength).u8(type == RTM_NEWADDR ? IFA_F_NODAD : 0).u8(RT_SCOPE_UNIVERSE)
        .u32(index)
        .attrAddress(IFA_LOCAL, address)
        .attrAddress(IFA_ADDRESS, address);
  }

  /** {@code ip -6 route replace ...}: creates or overwrites the route with the same key. */
  static byte[] replaceRoute(Route route) {
    return route(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, route, true);
  }

  /** {@code ip -6 route del <destination> table <t> metric <m>}. */
  static byte[] deleteRoute(Route route) {
    return route(RTM_DELROUTE, 0, route, false);
  }

  private static byte[] route(int type, int flags, Route route, boolean full) {
    NetlinkMessageBuilder m = new NetlinkMessageBuilder(type, NLM_F_REQUEST | NLM_F_ACK | flags)
        .u8(AF_INET6).u8(route.destination().length()).u8(0).u8(0)
        .u8(route.table() > 255 ? RT_TABLE_UNSPEC : route.table())
        .u8(RTPROT_DMM).u8(RT_SCOPE_UNIVERSE).u8(RTN_UNICAST).u32(0)
        .attrU32(RTA_TABLE, route.table())
        .attrAddress(RTA_DST, route.destination().address())
        .attrU32(RTA_PRIORITY, route.metric());
    if (!full) {
      return m.build();
    }
    m.attrU32(RTA_OIF, route.outputIndex());
    route.gateway().ifPresent(g -> m.attrAddress(RTA_GATEWAY, g));
    route.encap().ifPresent(e -> encap(m, e));
    return m.build();
  }

  private static void encap(NetlinkMessageBuilder m, RouteEncap encap) {
    int mark = m.begin(RTA_ENCAP | NLA_F_NESTED);
    int encapType;
    if (encap instanceof RouteEncap.Seg6EncapRed red) {
      m.attr(SEG6_IPTUNNEL_SRH, seg6Tunnel(red.segment()));
      encapType = LWTUNNEL_ENCAP_SEG6;
    } else if (encap instanceof RouteEncap.Seg6LocalEndDx6 dx6) {
      m.attrU32(SEG6_LOCAL_ACTION, SEG6_LOCAL_ACTION_END_DX6);
      m.attrAddress(SEG6_LOCAL_NH6, dx6.nextHop());
      encapType = LWTUNNEL_ENCAP_SEG6_LOCAL;
    } else {
      throw new IllegalArgumentException("encap: " + encap + " (expected: a known encapsulation)");
    }
    m.end(mark);
    m.attrU16(RTA_ENCAP_TYPE, encapType);
  }

  /**
   * {@code struct seg6_iptunnel_encap} with mode encap.red and an {@code ipv6_sr_hdr} holding
   * one segment: hdrlen 2 (in 8-byte units after the first 8), type 4, segments_left 0,
   * first_segment 0 — what iproute2 sends for {@code segs <segment>}.
   */
  static byte[] seg6Tunnel(Inet6Address segment) {
    byte[] out = new byte[4 + 8 + 16];
    java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.nativeOrder())
        .putInt(SEG6_IPTUN_MODE_ENCAP_RED)
        .put((byte) 0).put((byte) 2).put((byte) IPV6_SRCRT_TYPE_4).put((byte) 0)
        .put((byte) 0).put((byte) 0).putShort((short) 0)
        .put(segment.getAddress());
    return out;
  }

  /** {@code ip -6 rule add from <source> [iif <link>] lookup <table> pref <priority>}. */
  static byte[] newRule(SourcePrefixRule rule) {
    return rule(RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, rule);
  }

  /** {@code ip -6 rule del ...} matching the same selector. */
  static byte[] deleteRule(SourcePrefixRule rule) {
    return rule(RTM_DELRULE, 0, rule);
  }

  private static byte[] rule(int type, int flags, SourcePrefixRule rule) {
    NetlinkMessageBuilder m = new NetlinkMessageBuilder(type, NLM_F_REQUEST | NLM_F_ACK | flags)
        .u8(AF_INET6).u8(0).u8(rule.source().length()).u8(0)
        .u8(rule.table() > 255 ? RT_TABLE_UNSPEC : rule.table()).u8(0).u8(0).u8(FR_ACT_TO_TBL).u32(0)
        .attrAddress(FRA_SRC, rule.source().address());
    rule.inputLink().ifPresent(l -> m.attrString(FRA_IIFNAME, l));
    return m.attrU32(FRA_PRIORITY, rule.priority())
        .attrU32(FRA_TABLE, rule.table())
        .attrU8(FRA_PROTOCOL, RTPROT_DMM)
        .build();
  }

  /** A dump of every IPv6 route ({@code RTM_GETROUTE}) or rule ({@code RTM_GETRULE}). */
  static byte[] dump(int type) {
    return new NetlinkMessageBuilder(type, NLM_F_REQUEST | NLM_F_DUMP)
        .u8(AF_INET6).u8(0).u8(0).u8(0).u32(0).u32(0).build();
  }

  /**
   * The protocol a dumped route or rule was installed with: {@code rtm_protocol} in a route's
   * header, the FRA_PROTOCOL attribute of a rule.
   */
  static int protocolOf(java.nio.ByteBuffer message) {
    int header = NetlinkMessageBuilder.HEADER_BYTES;
    if (message.getShort(4) == RTM_NEWROUTE) {
      return Byte.toUnsignedInt(message.get(header + 5));
    }
    return NetlinkAttributes.parse(message, header + 12, message.limit()).get(FRA_PROTOCOL)
        .map(b -> Byte.toUnsignedInt(b.get(0))).orElse(0);
  }

  /**
   * The deletion of a dumped route or rule: the kernel's own message sent back as
   * RTM_DELROUTE / RTM_DELRULE, which is how {@code ip route flush} works too.
   */
  static byte[] deletionOf(java.nio.ByteBuffer message) {
    byte[] bytes = new byte[message.limit()];
    message.duplicate().position(0).get(bytes);
    int type = message.getShort(4) == RTM_NEWROUTE ? RTM_DELROUTE : RTM_DELRULE;
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder())
        .putShort(4, (short) type).putShort(6, (short) (NLM_F_REQUEST | NLM_F_ACK));
    return bytes;
  }

  /** {@code ip link show}: a dump of every interface. */
  static byte[] dumpLinks() {
    return new NetlinkMessageBuilder(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP)
        .u8(0).u8(0).u16(0).u32(0).u32(0).u32(0).build();
  }

  /** The kind of a dumped interface (IFLA_LINKINFO's IFLA_INFO_KIND: "ip6tnl", "veth"...), "" if none. */
  static String linkKind(java.nio.ByteBuffer message) {
    int header = NetlinkMessageBuilder.HEADER_BYTES;
    return NetlinkAttributes.parse(message, header + 16, message.limit()).get(IFLA_LINKINFO)
        .flatMap(info -> NetlinkAttributes.parse(info, 0, info.limit()).string(IFLA_INFO_KIND)).orElse("");
  }

  /** {@code ip link show <name>} as a single RTM_GETLINK request. */
  static byte[] getLink(String name) {
    return link(RTM_GETLINK, 0, 0, 0, 0).attrString(IFLA_IFNAME, name).build();
  }

  /** Sets IFF_UP and, when {@code mtu > 0}, the MTU of interface {@code index}. */
  static byte[] setLink(int index, boolean up, int mtu) {
    NetlinkMessageBuilder m = link(RTM_NEWLINK, 0, index, up ? IFF_UP : 0, IFF_UP);
    if (mtu > 0) {
      m.attrU32(IFLA_MTU, mtu);
    }
    return m.build();
  }

  /** Sets IFF_UP, the MTU and the transmit queue length of interface {@code index}. */
  static byte[] setLink(int index, int mtu, int txQueueLength) {
    return link(RTM_NEWLINK, 0, index, IFF_UP, IFF_UP).attrU32(IFLA_MTU, mtu)
        .attrU32(IFLA_TXQLEN, txQueueLength).build();
  }

  /**
   * {@code ip link add <name> type ip6tnl mode ip6ip6 local <local> remote <remote> encaplimit
   * none}. Without {@code encaplimit none} the kernel puts a Destination Options header with a
   * Tunnel Encapsulation Limit option (RFC 2473 §4.1.1) between the outer and the inner header:
   * 48 bytes of overhead instead of 40, and not what the other backends put on the wire.
   */
  static byte[] newIp6Tunnel(String name, Inet6Address local, Inet6Address remote) {
    NetlinkMessageBuilder m = link(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, 0, 0)
        .attrString(IFLA_IFNAME, name);
    int info = m.begin(IFLA_LINKINFO);
    m.attrString(IFLA_INFO_KIND, "ip6tnl");
    int data = m.begin(IFLA_INFO_DATA);
    m.attrAddress(IFLA_IPTUN_LOCAL, local).attrAddress(IFLA_IPTUN_REMOTE, remote)
        .attrU32(IFLA_IPTUN_FLAGS, IP6_TNL_F_IGN_ENCAP_LIMIT).attrU8(IFLA_IPTUN_PROTO, IPPROTO_IPV6);
    return m.end(data).end(info).build();
  }

  /** {@code ip link set <name> netns <namespace>}: {@code namespaceFd} is an open netns file. */
  static byte[] moveLink(String name, int namespaceFd) {
    return link(RTM_NEWLINK, 0, 0, 0, 0).attrString(IFLA_IFNAME, name).attrU32(IFLA_NET_NS_FD, namespaceFd).build();
  }

  /** {@code ip link del <name>}. */
  static byte[] deleteLink(String name) {
    return link(RTM_DELLINK, 0, 0, 0, 0).attrString(IFLA_IFNAME, name).build();
  }

  private static NetlinkMessageBuilder link(int type, int flags, int index, int ifFlags, int change) {
    return new NetlinkMessageBuilder(type, NLM_F_REQUEST | NLM_F_ACK | flags)
        .u8(0).u8(0).u16(0).u32(index).u32(ifFlags).u32(change);
  }

  static Inet6Address unspecified() {
    try {
      return (Inet6Address) InetAddress.getByAddress(new byte[16]);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
