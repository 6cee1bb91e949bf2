package org.dmmedge.cache.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One storage tier's index: a Caffeine cache of {@link StoredResponse}s weighed by body bytes
 * under a budget, so W-TinyLFU decides admission and eviction.
 *
 * <p>Concurrency: all methods are thread-safe (Caffeine). Removal work runs synchronously on
 * the thread whose write caused it ({@code executor(Runnable::run)}), so a body is released as
 * soon as its entry is gone and tests see it at once. Every removal, whatever the cause
 * (eviction, replacement, invalidation, close), releases the entry's reference on its body;
 * readers holding slices keep the bytes alive until they release them.
 */
public final class CacheIndex {
  /** Heap bytes charged per entry besides its body (key, header objects, Caffeine node). */
  static final int ENTRY_OVERHEAD_BYTES = 512;

  private final Cache<VariantKey, StoredResponse> cache;
  private final LongAdder evictions = new LongAdder();

  /**
   * @param budgetBytes maximum total weight (body bytes plus per-entry overhead)
   * @param onRemoved called with each removed key (after its body was released), for the Vary
   *     directory; not called for replacements
   */
  public CacheIndex(long budgetBytes, Consumer<VariantKey> onRemoved) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(budgetBytes)
            .weigher((VariantKey key, StoredResponse value) -> weight(value))
            .executor(Runnable::run)
            .removalListener(
                (VariantKey key, StoredResponse value, RemovalCause cause) -> {
                  if (value != null) {
                    value.body().release();
                  }
                  if (cause.wasEvicted()) {
                    evictions.increment();
                  }
                  if (cause != RemovalCause.REPLACED && key != null) {
                    onRemoved.accept(key);
                  }
                })
            .build();
  }

  private static int weight(StoredResponse value) {
    return (int) Math.min(Integer.MAX_VALUE, value.bodyLength() + ENTRY_OVERHEAD_BYTES);
  }

  /** The entry of {@code key}, or null. */
  public StoredResponse get(VariantKey key) {
    return cache.getIfPresent(key);
  }

  /** Whether {@code key} is present. */
  public boolean contains(VariantKey key) {
    return cache.asMap().containsKey(key);
  }

  /**
   * Stores {@code response} (which must have a body), replacing and releasing any previous
   * entry of its key. The index owns the response's body reference from now on.
   */
  public void put(StoredResponse response) {
    cache.put(response.variantKey(), response);
  }

  /**
   * Stores {@code response} unless its key has an entry; true when stored (the index owns its
   * body reference then; otherwise the caller keeps it). W-TinyLFU may evict it at once.
   */
  public boolean putIfAbsent(StoredResponse response) {
    return cache.asMap().putIfAbsent(response.variantKey(), response) == null;
  }

  /** Removes (and releases) the entry of {@code key}; true when one was present. */
  public boolean invalidate(VariantKey key) {
    return cache.asMap().remove(key) != null;
  }

  /** Removes every entry whose key matches; returns how many. */
  public int invalidateIf(Predicate<VariantKey> matches) {
    List<VariantKey> doomed = new ArrayList<>();
    for (VariantKey key : cache.asMap().keySet()) {
      if (matches.test(key)) {
        doomed.add(key);
      }
    }
    int removed = 0;
    for (VariantKey key : doomed) {
      removed += invalidate(key) ? 1 : 0;
    }
    return removed;
  }

  /** Removes and releases everything. */
  public void invalidateAll() {
    cache.invalidateAll();
    cache.cleanUp();
  }

  /** Entries present. */
  public long size() {
    return cache.estimatedSize();
  }

  /** Body bytes of the entries present (from the weights: no scan). */
  public long bodyBytes() {
    var eviction = cache.policy().eviction().orElseThrow();
    long entries = cache.estimatedSize();
    return Math.max(0, eviction.weightedSize().orElse(0) - entries * ENTRY_OVERHEAD_BYTES);
  }

  /** Entries evicted for size since start. */
  public long evictions() {
    return evictions.sum();
  }

  /** Runs pending maintenance (eviction) now. */
  public void cleanUp() {
    cache.cleanUp();
  }
}
