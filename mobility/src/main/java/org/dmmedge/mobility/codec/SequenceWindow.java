package org.dmmedge.mobility.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The last sequence number accepted per key (MN and sender): a PBU must come after it, modulo
 * 2^16 (RFC 6275 §9.5.1, RFC 5213 §5.3.1). Not thread-safe: one owner thread.
 */
public final class SequenceWindow {
  private final Map<String, Integer> last = new HashMap<>();

  /**
   * Accepts {@code sequence} for {@code key}, or returns the last accepted number (which the
   * status 135 answer carries so the sender can resynchronise).
   */
  public OptionalInt accept(String key, int sequence) {
    Integer previous = last.get(key);
    if (previous != null && !ProxyMessages.isNewer(sequence, previous)) {
      return OptionalInt.of(previous);
    }
    last.put(key, sequence);
    return OptionalInt.empty();
  }

  /** Forgets {@code key} (the MN is gone). */
  public void forget(String key) {
    last.remove(key);
  }
}
