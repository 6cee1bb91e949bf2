package org.dmmedge.edge.mobility;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads the output of {@code conf/testbed/traffic/udp_receiver.py} ({@code <seq> <monotonic ns>}
 * per datagram) and measures a numbered UDP flow: losses, and the longest silence around a move.
 */
final class Flows {
  /** Interval of the test bed's flows: 50 packets/s. */
  static final double INTERVAL_MS = 20;

  private final TreeMap<Long, Long> arrivals = new TreeMap<>();

  Flows(String receiverOutput) {
    for (String line : receiverOutput.split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length == 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
        arrivals.putIfAbsent(Long.parseLong(f[0]), Long.parseLong(f[1]));
      }
    }
  }

  long firstSeq() {
    return arrivals.isEmpty() ? 0 : arrivals.firstKey();
  }

  long firstArrival() {
    return arrivals.isEmpty() ? 0 : arrivals.firstEntry().getValue();
  }

  int received() {
    return arrivals.size();
  }

  /** Packets missing between the first and the last received. */
  List<Long> lost() {
    List<Long> lost = new ArrayList<>();
    if (arrivals.isEmpty()) {
      return lost;
    }
    for (long s = arrivals.firstKey(); s <= arrivals.lastKey(); s++) {
      if (!arrivals.containsKey(s)) {
        lost.add(s);
      }
    }
    return lost;
  }

  /**
   * The longest silence between consecutive arrivals from {@code fromNanos} to
   * {@code untilNanos} (monotonic), minus one packet interval: 0 when nothing was missing.
   */
  double interruptionMs(long fromNanos, long untilNanos) {
    long previous = -1;
    long longest = 0;
    for (long t : arrivals.values().stream().sorted().toList()) {
      if (t < fromNanos) {
        previous = t;
        continue;
      }
      if (t > untilNanos) {
        break;
      }
      if (previous >= 0) {
        longest = Math.max(longest, t - previous);
      }
      previous = t;
    }
    return Math.max(0, longest / 1e6 - INTERVAL_MS);
  }

  /**
   * When the silence around a lost packet began: the arrival of the last packet numbered
   * before {@code seq} (the first arrival when none was).
   */
  long silenceStart(long seq) {
    Long before = arrivals.lowerKey(seq);
    return before == null ? firstArrival() : arrivals.get(before);
  }

  /** Whether a packet arrived after monotonic time {@code nanos}. */
  boolean arrivedAfter(long nanos) {
    return arrivals.values().stream().anyMatch(t -> t > nanos);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
