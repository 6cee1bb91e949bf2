package org.dmmedge.mobility.codec;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages dropped, counted by {@link CodecException.Reason}, each with one log line. */
public final class DropCounter {
  private static final Logger log = LoggerFactory.getLogger(DropCounter.class);
  private final Map<CodecException.Reason, LongAdder> counts =
      new EnumMap<>(CodecException.Reason.class);
  private final String owner;

  public DropCounter(String owner) {
    this.owner = owner;
    for (CodecException.Reason reason : CodecException.Reason.values()) {
      counts.put(reason, new LongAdder());
    }
  }

  /** Counts and logs a dropped message. */
  public void drop(CodecException cause, InetSocketAddress sender) {
    counts.get(cause.reason()).increment();
    log.info("{} dropped a message from {}: {}", owner, sender, cause.getMessage());
  }

  public long count(CodecException.Reason reason) {
    return counts.get(reason).sum();
  }

  /** Every reason with its count, in declaration order. */
  public Map<CodecException.Reason, Long> counts() {
    Map<CodecException.Reason, Long> out = new EnumMap<>(CodecException.Reason.class);
    counts.forEach((reason, count) -> out.put(reason, count.sum()));
    return out;
  }
}
