package org.dmmedge.mobility.cmd;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.dmmedge.mobility.codec.CodecException;
import org.dmmedge.mobility.codec.DropCounter;
import org.dmmedge.mobility.codec.PbaStatus;

/**
 * The CMD's counters: PBUs received (and their rate over the last 10 s), PBAs sent by status,
 * messages dropped by reason, bindings held. Thread-safe; rendered as text for the admin API.
 */
public final class CmdMetrics {
  private static final int RATE_SECONDS = 10;

  private final LongAdder pbus = new LongAdder();
  private final Map<String, LongAdder> pbaByStatus = new ConcurrentHashMap<>();
  private final DropCounter drops = new DropCounter("CMD");
  private final long[] perSecond = new long[RATE_SECONDS + 1];
  private long currentSecond;
  private final Supplier<Instant> clock;

  CmdMetrics(Supplier<Instant> clock) {
    this.clock = clock;
  }

  void pbuReceived() {
    pbus.increment();
    long second = clock.get().getEpochSecond();
    synchronized (perSecond) {
      roll(second);
      perSecond[(int) (second % perSecond.length)]++;
    }
  }

  void pbaSent(PbaStatus status) {
    pbaByStatus.computeIfAbsent(status.name(), k -> new LongAdder()).increment();
  }

  void dropped(CodecException cause, java.net.InetSocketAddress sender) {
    drops.drop(cause, sender);
  }

  public long pbuCount() {
    return pbus.sum();
  }

  public long dropCount(CodecException.Reason reason) {
    return drops.count(reason);
  }

  public long pbaCount(PbaStatus status) {
    LongAdder count = pbaByStatus.get(status.name());
    return count == null ? 0 : count.sum();
  }

  /** PBUs per second over the last 10 complete seconds. */
  public double pbuRate() {
    long second = clock.get().getEpochSecond();
    synchronized (perSecond) {
      roll(second);
      long sum = 0;
      for (int i = 1; i <= RATE_SECONDS; i++) {
        sum += perSecond[(int) ((second - i) % perSecond.length)];
      }
      return sum / (double) RATE_SECONDS;
    }
  }

  private void roll(long second) {
    if (second - currentSecond > perSecond.length) {
      java.util.Arrays.fill(perSecond, 0);
    } else {
      for (long s = currentSecond + 1; s <= second; s++) {
        perSecond[(int) (s % perSecond.length)] = 0;
      }
    }
    currentSecond = Math.max(currentSecond, second);
  }

  /** Plain text, one {@code name{tag=value} number} per line. */
  String render(int bindings) {
    StringBuilder out = new StringBuilder();
    out.append("dmm.cmd.pbu.received ").append(pbuCount()).append('\n');
    out.append("dmm.cmd.pbu.rate ").append(String.format("%.1f", pbuRate())).append('\n');
    new TreeMap<>(pbaByStatus).forEach((status, count) -> out.append("dmm.cmd.pba.sent{status=")
        .append(status).append("} ").append(count.sum()).append('\n'));
    drops.counts().forEach((reason, count) -> out.append("dmm.cmd.dropped{reason=")
        .append(reason).append("} ").append(count).append('\n'));
    out.append("dmm.cmd.bindings ").append(bindings).append('\n');
    return out.toString();
  }
}
