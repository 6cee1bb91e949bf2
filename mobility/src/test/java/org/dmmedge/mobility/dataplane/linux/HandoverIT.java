package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.dmmedge.testkit.PatternBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The MN moving MAR1 -> MAR2 -> MAR3 -> MAR1 ... (10 handovers) while a 50 packets/s UDP flow
 * and a paced TCP download, both started at MAR1 from MAR1's prefix, keep running: the
 * download completes byte-exact through the tunnels back to MAR1, the UDP flow resumes after
 * every move. The link moves over netlink from the test process (see
 * {@link MobilityBed#moveOverNetlinkTo}), so the figures are those of one process. Prints the handover interruption of the in-flight flow, the tunnel set-up time
 * (data plane changes on all MARs) as medians over the 10 handovers, and the loss. No timing
 * assertions: the figures go to DATAPLANE.md.
 */
@ResourceLock(Testbed.LOCK)
class HandoverIT {

  private static final int HANDOVERS = 10;
  private static final int PACKETS_PER_SECOND = 50;
  private static final long DOWNLOAD_BYTES = 8L << 20;
  private static final long DOWNLOAD_RATE = 2L << 20;
  private static final String ORIGIN = "2001:db8:c::f0";

  @Test
  void flowsAnchoredAtMar1SurviveTenHandovers() {
    Testbed.assumeCapable();
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.AUTO); Traffic traffic = new Traffic(mobility.bed)) {
      String address = mobility.mnAddress(1);
      Capture tunnelAtMar1 = new Capture(mobility.bed, "mar1", "core0", "ip6 proto 41");
      traffic.start("origin", "paced_server.py", "listening", "8080", Long.toString(DOWNLOAD_BYTES),
          Long.toString(DOWNLOAD_RATE));
      Process download = traffic.start("mn", "download_client.py", null, ORIGIN, "8080", address);
      // Long enough for every move, also where the test bed's time bounds are scaled (emulation).
      int count = PACKETS_PER_SECOND * (int) Testbed.seconds(HANDOVERS + 3);
      UdpFlow flow = new UdpFlow(traffic, "mn", address, "origin", ORIGIN, 5000, PACKETS_PER_SECOND, count);
      UdpFlow down = new UdpFlow(traffic, "origin", ORIGIN, "mn", address, 5001, PACKETS_PER_SECOND, count);
      awaitPackets(mobility, "uplink at start", flow, System.nanoTime() - Duration.ofSeconds(5).toNanos(),
          PACKETS_PER_SECOND / 2);
      awaitPackets(mobility, "downlink at start", down, System.nanoTime() - Duration.ofSeconds(5).toNanos(),
          PACKETS_PER_SECOND / 2);

      List<Long> moveTimes = new ArrayList<>();
      List<Long> setupNanos = new ArrayList<>();
      int[] route = {2, 3, 1, 2, 3, 1, 2, 3, 1, 2};
      for (int i = 0; i < route.length; i++) {
        long before = System.nanoTime();
        moveTimes.add(before);
        setupNanos.add(mobility.moveOverNetlinkTo(route[i]));
        // The flow must come back through this MAR: wait (bounded) for a second of packets.
        String move = " after move " + (i + 1) + " to mar" + route[i];
        awaitPackets(mobility, "uplink" + move, flow, before, PACKETS_PER_SECOND * 4 / 5);
        awaitPackets(mobility, "downlink" + move, down, before, PACKETS_PER_SECOND * 4 / 5);
      }

      List<String> downloaded = Traffic.finish(download, 60);
      assertThat(downloaded).containsExactly(DOWNLOAD_BYTES + " " + PatternBytes.sha256(DOWNLOAD_BYTES));
      // Kernel tunnels hand tcpdump GSO segments (tens of TCP segments each) and tcpdump drops
      // some under load: 767 seen with srv6 under emulation, thousands with userspace tunnels.
      // Beyond the flows through the tunnels nothing makes more than 100.
      assertThat(tunnelAtMar1.stop()).as("ip6ip6 packets on mar1 core0").isGreaterThan(100);

      System.out.printf("HANDOVER backend=%s handovers=%d%n", mobility.mars.get(0).tunnelBackend().configName(),
          HANDOVERS);
      report("uplink (mn -> origin)", flow, moveTimes);
      report("downlink (origin -> mn)", down, moveTimes);
      System.out.printf("HANDOVER tunnel setup ms: median=%.2f max=%.2f all=%s%n", ms(median(setupNanos)),
          ms(Collections.max(setupNanos)), list(setupNanos));
    }
  }

  /** Prints loss and per-move interruption of {@code flow}; checks most of it arrived. */
  private static void report(String name, UdpFlow flow, List<Long> moveTimes) {
    List<long[]> arrivals = flow.finish();
    List<Long> interruptions = new ArrayList<>();
    for (int i = 0; i < moveTimes.size(); i++) {
      long t = moveTimes.get(i);
      long end = i + 1 < moveTimes.size() ? moveTimes.get(i + 1) : t + Duration.ofSeconds(1).toNanos();
      long gap = UdpFlow.longestGap(arrivals, t, end);
      interruptions.add(Math.max(0, gap - flow.intervalNanos));
    }
    long received = arrivals.stream().mapToLong(a -> a[0]).distinct().count();
    System.out.printf("HANDOVER %s udp sent=%d received=%d lost=%d; interruption ms: median=%.1f max=%.1f all=%s%n",
        name, flow.count, received, flow.count - received, ms(median(interruptions)),
        ms(Collections.max(interruptions)), list(interruptions));
    assertThat(received).as(name + ": UDP packets received of " + flow.count).isGreaterThan(flow.count / 2);
  }

  private static void awaitPackets(MobilityBed mobility, String what, UdpFlow flow, long after, int packets) {
    long deadline = System.nanoTime() + Duration.ofSeconds(Testbed.seconds(10)).toNanos();
    while (flow.arrivedAfter(after) < packets) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": the UDP flow did not resume (" + flow.arrivedAfter(after)
            + " packets); data planes:\n" + mobility.kernelState());
      }
      Testbed.pause();
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String list(List<Long> nanos) {
    return nanos.stream().map(n -> String.format("%.1f", ms(n))).collect(Collectors.joining(",", "[", "]"));
  }
}
