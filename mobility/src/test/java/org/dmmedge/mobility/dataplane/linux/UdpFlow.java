package org.dmmedge.mobility.dataplane.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A numbered UDP flow (a VoIP stand-in) between the MN and the origin: the receiver's output
 * (sequence number, CLOCK_MONOTONIC arrival time, the clock {@link System#nanoTime()} reads
 * too) is collected live so a test can wait for packets after a move and compute gaps.
 */
final class UdpFlow {

  final long intervalNanos;
  final int count;
  private final Process receiver;
  private final Process sender;
  private final List<long[]> arrivals = new ArrayList<>();
  private final Thread reader;

  /** Sends from {@code sender} (bound to {@code source}) to {@code receiver} at {@code destination}. */
  UdpFlow(Traffic traffic, String sender, String source, String receiverNode, String destination, int port,
      int packetsPerSecond, int count) {
    this.intervalNanos = 1_000_000_000L / packetsPerSecond;
    this.count = count;
    receiver = traffic.start(receiverNode, "udp_receiver.py", "ready", Integer.toString(port), "3");
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.split(" ");
          synchronized (arrivals) {
            arrivals.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
          }
        }
      } catch (IOException e) {
        // receiver ended
      }
    }, "udp-flow-reader");
    reader.start();
    this.sender = traffic.start(sender, "udp_sender.py", null, destination, Integer.toString(port), source,
        Integer.toString(count), Double.toString(1.0 / packetsPerSecond));
  }

  /** Packets that arrived after {@code nanoTime}. */
  int arrivedAfter(long nanoTime) {
    synchronized (arrivals) {
      return (int) arrivals.stream().filter(a -> a[1] > nanoTime).count();
    }
  }

  /** Waits (bounded) for the sender and the receiver to end; returns the arrivals. */
  List<long[]> finish() {
    Traffic.finish(sender, 60);
    Traffic.finish(receiver, 60);
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  /**
   * The longest silence between consecutive arrivals ending in [from, to] (it may have begun
   * before {@code from}: the silence a move at {@code from} causes), in nanoseconds.
   */
  static long longestGap(List<long[]> arrivals, long from, long to) {
    long gap = 0;
    for (int i = 1; i < arrivals.size(); i++) {
      long t = arrivals.get(i)[1];
      if (t >= from && t <= to) {
        gap = Math.max(gap, t - arrivals.get(i - 1)[1]);
      }
    }
    return gap;
  }
}
