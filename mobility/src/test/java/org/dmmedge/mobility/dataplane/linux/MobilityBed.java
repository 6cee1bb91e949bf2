package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.dmmedge.mobility.dataplane.DataPlaneException;

/**
 * The test bed with a {@link LinuxDataPlane} in each MAR namespace, and the MAR agents'
 * decisions made by hand: {@link #moveTo} moves the MN's link and installs/removes on each
 * MAR what its agent would after the PBU/PBA exchange (anchors first, then the new serving
 * MAR), as DMM prescribes: the MN keeps every prefix it got, each anchored where it got it.
 */
final class MobilityBed implements AutoCloseable {

  static final String MN = "mn-1";
  static final String ACCESS = "acc0";

  final Testbed bed;
  final List<LinuxDataPlane> mars = new ArrayList<>();
  final ConcurrentLinkedQueue<String> attaches = new ConcurrentLinkedQueue<>();
  private final List<Set<DataPlaneAction>> state = new ArrayList<>();
  private final Set<Integer> visited = new LinkedHashSet<>();
  private int serving;

  /** Starts the data planes with {@code tunnel}; the MN is attached to MAR1 with its prefix. */
  MobilityBed(TunnelBackendKind tunnel) {
    this(tunnel, config -> { });
  }

  /** As above, with {@code customize} applied to every MAR's configuration. */
  MobilityBed(TunnelBackendKind tunnel, java.util.function.Consumer<LinuxDataPlaneConfig.Builder> customize) {
    bed = Testbed.up();
    try {
      for (int i = 1; i <= 3; i++) {
        LinuxDataPlaneConfig.Builder config = LinuxDataPlaneConfig.builder()
            .namespace(bed.namespace("mar" + i)).coreLink("core0").localAddress(core(i)).tunnel(tunnel)
            .decapAddress(decap(i)).accessLink(ACCESS).routerAdvertisementInterval(Duration.ofSeconds(1));
        for (int j = 1; j <= 3; j++) {
          config.peerDecapAddress(core(j), decap(j));
        }
        customize.accept(config);
        int mar = i;
        mars.add(LinuxDataPlane.start(config.build(), (mnLinkLayerId, link) -> attaches.add("mar" + mar + " " + link + " " + mnLinkLayerId)));
        state.add(new HashSet<>());
      }
      serving = 1;
      visited.add(1);
      apply();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** As {@link #MobilityBed(TunnelBackendKind)}; skips the test when the kernel lacks the backend. */
  static MobilityBed startOrSkip(TunnelBackendKind tunnel) {
    try {
      return new MobilityBed(tunnel);
    } catch (DataPlaneException e) {
      if (e.getMessage().contains("unavailable")) {
        throw new org.opentest4j.TestAbortedException(e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * How {@code ip -6 route} shows the way into the tunnel to MAR {@code peer} (the first
   * tunnel this node opened, for the device backends).
   */
  static String intoTunnel(TunnelBackendKind tunnel, int peer) {
    return tunnel == TunnelBackendKind.SRV6
        ? " encap seg6 mode encap.red segs 1 [ 2001:db8:d::" + peer + " ] dev core0 " : "dev dmmt0 ";
  }

  static Ipv6Prefix prefix(int mar) {
    return Ipv6Prefix.parse("2001:db8:" + mar + ":1::/64");
  }

  static Inet6Address core(int mar) {
    return RtnetlinkIT.addr("2001:db8:c::" + mar);
  }

  static Inet6Address decap(int mar) {
    return RtnetlinkIT.addr("2001:db8:d::" + mar);
  }

  int serving() {
    return serving;
  }

  /**
   * Moves the MN to MAR {@code to} with the test bed's handover script and brings every data
   * plane to its new state; returns how long the data plane changes took (the tunnel set-up
   * time), in nanoseconds.
   */
  long moveTo(int to) {
    bed.handover("mar" + serving, "mar" + to);
    return attachedTo(to);
  }

  /**
   * As {@link #moveTo}, but the link moves over netlink from this process (what handover.sh
   * does, without two process starts), so the whole handover runs in one process.
   */
  long moveOverNetlinkTo(int to) {
    try (Rtnetlink from = Rtnetlink.open(bed.namespace("mar" + serving));
        Rtnetlink target = Rtnetlink.open(bed.namespace("mar" + to))) {
      from.moveLink(ACCESS, bed.namespace("mar" + to));
      target.setUp(target.link(ACCESS).index());
    }
    return attachedTo(to);
  }

  private long attachedTo(int to) {
    serving = to;
    visited.add(to);
    return apply();
  }

  private long apply() {
    List<Set<DataPlaneAction>> next = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      next.add(desired(i));
    }
    long start = System.nanoTime();
    // Anchors first (they learn of the move from the CMD), then the serving MAR, then cleanup.
    List<Integer> order = new ArrayList<>(List.of(1, 2, 3));
    order.remove(Integer.valueOf(serving));
    order.add(serving);
    for (int i : order) {
      for (DataPlaneAction a : next.get(i - 1)) {
        if (!state.get(i - 1).contains(a)) {
          mars.get(i - 1).install(a);
        }
      }
    }
    long took = System.nanoTime() - start;
    for (int i : order) {
      for (DataPlaneAction a : state.get(i - 1)) {
        if (!next.get(i - 1).contains(a)) {
          mars.get(i - 1).remove(a);
        }
      }
      state.set(i - 1, next.get(i - 1));
    }
    return took;
  }

  private Set<DataPlaneAction> desired(int mar) {
    Set<DataPlaneAction> actions = new HashSet<>();
    if (mar == serving) {
      actions.add(new DataPlaneAction.AnchorLocal(MN, prefix(mar), ACCESS));
      for (int anchor : visited) {
        if (anchor != mar) {
          actions.add(new DataPlaneAction.ReachRemoteAnchor(MN, prefix(anchor), core(anchor), ACCESS));
        }
      }
    } else if (visited.contains(mar)) {
      actions.add(new DataPlaneAction.ForwardToServing(MN, prefix(mar), core(serving)));
    }
    return actions;
  }

  /** The MN's address line ({@code ip -o addr}) for {@code address}, empty when it has none. */
  String mnAddressLine(String address) {
    for (String line : bed.exec("mn", "ip", "-6", "-o", "addr", "show", "dev", "eth0").split("\n")) {
      if (line.contains("inet6 " + address + "/")) {
        return line;
      }
    }
    return "";
  }

  /**
   * What each MAR's kernel holds (routes, rules, links, neighbours, non-zero IPv6 drop counters)
   * and the MN's addresses, for failures.
   */
  String kernelState() {
    StringBuilder out = new StringBuilder();
    for (String node : List.of("mar1", "mar2", "mar3")) {
      out.append(node).append(":\n").append(bed.exec(node, "ip", "-6", "route", "show", "table", "all", "proto", "201"))
          .append(bed.exec(node, "ip", "-6", "rule", "show")).append(bed.exec(node, "ip", "-br", "link", "show"))
          .append(bed.exec(node, "ip", "-6", "neigh", "show"))
          .append(bed.exec(node, "nstat", "-as", "Ip6InNoRoutes", "Ip6InAddrErrors", "Ip6InDiscards", "Ip6OutNoRoutes",
              "Ip6OutDiscards", "Ip6InHdrErrors", "Icmp6OutDestUnreachs", "Icmp6OutRedirects"));
    }
    return out.append("mn:\n").append(bed.exec("mn", "ip", "-6", "-br", "addr", "show")).toString();
  }

  /** Waits (bounded) until {@code condition} holds, failing with {@code what} otherwise. */
  static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(Testbed.seconds(15)).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Testbed.pause();
    }
  }

  /** The MN's SLAAC address in MAR {@code mar}'s prefix, waiting (bounded) for it to appear. */
  String mnAddress(int mar) {
    String want = "2001:db8:" + mar + ":1:";
    long deadline = System.nanoTime() + Duration.ofSeconds(Testbed.seconds(15)).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : bed.exec("mn", "ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "global").split("\n")) {
        int at = line.indexOf("inet6 " + want);
        if (at >= 0 && !line.contains("tentative")) {
          return line.substring(at + 6, line.indexOf('/', at));
        }
      }
      Testbed.pause();
    }
    throw new AssertionError("MN got no address in " + prefix(mar) + ": "
        + bed.exec("mn", "ip", "-6", "addr", "show", "dev", "eth0"));
  }

  @Override
  public void close() {
    try {
      for (LinuxDataPlane mar : mars) {
        mar.close();
      }
    } finally {
      bed.close();
    }
  }
}
