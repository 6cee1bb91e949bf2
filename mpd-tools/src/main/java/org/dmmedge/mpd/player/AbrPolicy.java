package org.dmmedge.mpd.player;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Throughput-based bitrate selection with a safety factor and buffer thresholds, the rule the
 * player emulator uses:
 * <ol>
 *   <li>the estimate is the harmonic mean of the last {@value #WINDOW} segment throughputs
 *       (bits/s; harmonic, so one fast outlier cannot inflate it);
 *   <li>below {@code panicBuffer} of buffer the lowest bitrate is chosen;
 *   <li>otherwise the highest bitrate {@code <= safetyFactor * estimate};
 *   <li>a switch up is only taken with at least {@code upSwitchBuffer} buffered (a switch down
 *       is always allowed).
 * </ol>
 * Before any measurement it keeps the current (initially the lowest) bitrate. Not thread-safe.
 */
public final class AbrPolicy {
  static final int WINDOW = 3;

  private final double safetyFactor;
  private final long panicBufferNanos;
  private final long upSwitchBufferNanos;
  private final Deque<Double> samples = new ArrayDeque<>();

  /** @throws IllegalArgumentException unless {@code 0 < safetyFactor <= 1} */
  public AbrPolicy(double safetyFactor, long panicBufferNanos, long upSwitchBufferNanos) {
    if (!(safetyFactor > 0 && safetyFactor <= 1)) {
      throw new IllegalArgumentException("safetyFactor: " + safetyFactor + " (expected: (0, 1])");
    }
    this.safetyFactor = safetyFactor;
    this.panicBufferNanos = panicBufferNanos;
    this.upSwitchBufferNanos = upSwitchBufferNanos;
  }

  /** Records a download: {@code bytes} in {@code nanos} (at least 1 µs is assumed). */
  public void record(long bytes, long nanos) {
    double bitsPerSecond = bytes * 8.0 * 1e9 / Math.max(nanos, 1_000);
    samples.addLast(bitsPerSecond);
    if (samples.size() > WINDOW) {
      samples.removeFirst();
    }
  }

  /** The throughput estimate in bits/s, or 0 before any sample. */
  public double estimate() {
    if (samples.isEmpty()) {
      return 0;
    }
    double inverse = 0;
    for (double s : samples) {
      inverse += 1 / s;
    }
    return samples.size() / inverse;
  }

  /**
   * @param bandwidths bits/s of the choices, ascending
   * @param current index of the current choice
   * @return the index to use for the next segment
   */
  public int choose(List<Long> bandwidths, int current, long bufferNanos) {
    if (samples.isEmpty()) {
      return current;
    }
    if (bufferNanos < panicBufferNanos) {
      return 0;
    }
    double budget = safetyFactor * estimate();
    int best = 0;
    for (int i = 0; i < bandwidths.size(); i++) {
      if (bandwidths.get(i) <= budget) {
        best = i;
      }
    }
    if (best > current && bufferNanos < upSwitchBufferNanos) {
      return current;
    }
    return best;
  }
}
