package org.dmmedge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.policy.Validators;
import org.dmmedge.cache.store.BodySource;
import org.dmmedge.cache.store.CacheIndex;
import org.dmmedge.cache.store.FileBodyStore;
import org.dmmedge.cache.store.MemoryBody;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.cache.store.VariantDirectory;
import org.dmmedge.cache.store.VariantKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage tiers as one: the off-heap memory index, the optional disk tier and the Vary
 * directory of both. Lookups read memory first, then disk; a completed body goes to both
 * (disk in the background); evictions from memory leave the disk copy.
 *
 * <p>Promotion: every {@link CacheConfig#diskPromotionHitCount()}-th hit served from the disk
 * copy of an entry that memory lacks, the disk thread reads the whole body back into a pooled
 * buffer and offers it to the memory index like any new entry (its W-TinyLFU admission may
 * refuse it; the disk copy stays either way). The memory copy is charged to the memory budget
 * only, the file to the disk budget only. Bodies larger than the memory budget are never read.
 *
 * <p>Concurrency: thread-safe, lock-free reads; see {@link CacheIndex} and {@link
 * FileBodyStore}. Methods that take a body reference say so. {@code tiers} orders the few
 * multi-tier writes that must not interleave (a promotion's commit against invalidation and a
 * 304 refresh), so a purge that returned never leaves a promoted copy behind; it is held for
 * index operations only, never for file reads.
 */
final class Storage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Storage.class);

  private final ResponseFactory responses;
  private final ByteBufAllocator alloc;
  private final VariantDirectory directory = new VariantDirectory();
  private final CacheIndex memory;
  private final FileBodyStore disk;
  private final Object tiers = new Object();
  private final int promotionHitCount;
  private final long memoryBudgetBytes;
  private final LongAdder promotions = new LongAdder();

  Storage(CacheConfig config, ResponseFactory responses, ByteBufAllocator alloc) {
    this.responses = responses;
    this.alloc = alloc;
    this.promotionHitCount = config.diskPromotionHitCount();
    this.memoryBudgetBytes = config.memoryBudgetBytes();
    this.memory = new CacheIndex(config.memoryBudgetBytes(), this::removedFromTier);
    this.disk = config.diskDirectory()
        .map(directory -> FileBodyStore.open(
            directory, config.diskBudgetBytes(), alloc, this::reloaded, this::removedFromTier))
        .orElse(null);
  }

  /** The Vary names to compute a request's secondary key with. */
  List<String> varyNames(CacheKey key) {
    return directory.varyNames(key);
  }

  /** The stored response of {@code variant}, from memory or else disk; null when none. */
  StoredResponse get(VariantKey variant) {
    StoredResponse stored = memory.get(variant);
    return stored == null && disk != null ? disk.get(variant) : stored;
  }

  /**
   * Counts a client served from {@code stored}'s disk body (a {@link CachedBody.File} opened
   * from it) and may start its promotion to memory (see the class comment). Non-blocking.
   */
  void servedFromDisk(StoredResponse stored) {
    if (disk != null && stored.bodyLength() <= memoryBudgetBytes) {
      disk.hit(stored, promotionHitCount, this::promote);
    }
  }

  /** Commits a promotion (disk thread): {@code content} becomes the memory copy, or is freed. */
  private void promote(StoredResponse onDisk, ByteBuf content) {
    StoredResponse promoted = onDisk.withBody(new MemoryBody(content), onDisk.clientHeaders());
    boolean stored;
    synchronized (tiers) {
      // Still the current disk entry (not invalidated, refreshed or being replaced since the
      // read) and memory got no newer copy: a fill's put wins over a promotion, never the
      // reverse (store() marks its disk write pending before its memory put).
      stored = disk.isCurrent(onDisk) && memory.putIfAbsent(promoted);
    }
    if (stored) {
      promotions.increment();
    } else {
      promoted.body().release();
    }
  }

  /** Whether memory holds {@code variant}. */
  boolean inMemory(VariantKey variant) {
    return memory.contains(variant);
  }

  /**
   * Stores a completed response (whose body reference passes to the tiers) unless {@code
   * invalidated} says its key was invalidated meanwhile (checked after the put, so a concurrent
   * invalidation cannot miss it).
   */
  void store(StoredResponse stored, BooleanSupplier invalidated) {
    directory.stored(stored.variantKey(), stored.varyNames());
    if (disk != null) {
      disk.write(stored); // before the memory tier may evict (and release) it
    }
    memory.put(stored);
    if (invalidated.getAsBoolean()) {
      invalidate(stored.variantKey());
    }
  }

  /**
   * Applies a 304 to the stored copies of {@code old} (RFC 9111 §4.3.4) and returns the
   * refreshed entry with a retained copy of its body for the fill; null when the 304 does not
   * match (the key is invalidated) or the body is gone.
   */
  Fill.Refreshed refresh(
      StoredResponse old, Headers notModified, long requestTimeMillis, long nowMillis) {
    if (!Validators.notModifiedMatches(old.headers(), notModified)) {
      invalidate(old.key());
      return null;
    }
    return refreshWith(old, notModified, requestTimeMillis, nowMillis, true);
  }

  /**
   * Applies a 200 answering a HEAD revalidation of {@code old} (RFC 9111 §4.3.5): when its
   * validators and Content-Length match ({@link Validators#headMatches}), like a 304 in
   * {@link #refresh}, but with an empty body (its only reader is a HEAD client, so no body is
   * read, from disk or memory); otherwise the stored variant is invalidated (its
   * representation changed or cannot be confirmed) and null returned.
   */
  Fill.Refreshed refreshFromHead(
      StoredResponse old, Headers head, long requestTimeMillis, long nowMillis) {
    if (!Validators.headMatches(old.headers(), old.bodyLength(), head)) {
      invalidate(old.variantKey());
      return null;
    }
    return refreshWith(old, head, requestTimeMillis, nowMillis, false);
  }

  private Fill.Refreshed refreshWith(StoredResponse old, Headers update,
      long requestTimeMillis, long nowMillis, boolean withBody) {
    ByteBuf content;
    try {
      content = withBody ? old.body().retainedContent(alloc) : Unpooled.EMPTY_BUFFER;
    } catch (IOException e) {
      log.warn("cannot read stored body of {}: {}", old.key().uri(), e.toString());
      return null;
    }
    if (content == null) {
      return null;
    }
    Headers merged = Validators.merge(old.headers(),
        ResponseFactory.withDate(StoredResponse.withoutHopByHop(update), nowMillis));
    StoredResponse head;
    synchronized (tiers) {
      head = refreshTiers(old, merged, requestTimeMillis, nowMillis);
    }
    if (head == null) {
      content.release();
      return null;
    }
    return new Fill.Refreshed(head, content);
  }

  /** Puts the refreshed copies of {@code old} in the tiers; returns the one to serve, or null. */
  private StoredResponse refreshTiers(
      StoredResponse old, Headers merged, long requestTimeMillis, long nowMillis) {
    StoredResponse head = null;
    StoredResponse inMemory = memory.get(old.variantKey());
    if (inMemory != null && inMemory.body().tryRetain()) {
      head = responses.refreshed(inMemory, merged, requestTimeMillis, nowMillis);
      memory.put(head);
    }
    StoredResponse onDisk = disk == null ? null : disk.get(old.variantKey());
    if (onDisk != null && onDisk.body().tryRetain()) {
      StoredResponse refreshed = responses.refreshed(onDisk, merged, requestTimeMillis, nowMillis);
      disk.refresh(refreshed);
      head = head == null ? refreshed : head;
    }
    if (head == null && old.body().tryRetain()) {
      // Evicted from every tier meanwhile: keep it, in the tier its body lives in.
      head = responses.refreshed(old, merged, requestTimeMillis, nowMillis);
      if (head.body() instanceof MemoryBody) {
        memory.put(head);
      } else {
        disk.refresh(head);
      }
    }
    return head;
  }

  /** Removes every variant of {@code key} from both tiers; returns the copies removed. */
  int invalidate(CacheKey key) {
    int removed = 0;
    for (VariantKey variant : directory.variants(key)) {
      removed += invalidate(variant);
    }
    directory.forget(key);
    return removed;
  }

  private int invalidate(VariantKey variant) {
    synchronized (tiers) {
      int removed = memory.invalidate(variant) ? 1 : 0;
      return removed + (disk != null && disk.invalidate(variant) ? 1 : 0);
    }
  }

  /** Removes every entry whose key matches; returns the copies removed. */
  int invalidateIf(Predicate<CacheKey> matches) {
    List<CacheKey> keys = new ArrayList<>();
    Predicate<VariantKey> variantMatches = variant -> {
      boolean match = matches.test(variant.key());
      if (match) {
        keys.add(variant.key());
      }
      return match;
    };
    int removed;
    synchronized (tiers) {
      removed = memory.invalidateIf(variantMatches);
      if (disk != null) {
        removed += disk.invalidateIf(variantMatches);
      }
    }
    keys.forEach(directory::forget);
    return removed;
  }

  /** Waits for pending disk writes; true at once without disk. */
  boolean flush(Duration timeout) throws InterruptedException {
    return disk == null || disk.flush(timeout);
  }

  /**
   * Counters and gauges of both tiers.
   *
   * @param evictions entries evicted for size from either tier
   * @param memoryBytes body bytes in memory
   * @param memoryObjects entries in memory
   * @param diskBytes body bytes on disk
   * @param diskObjects entries on disk
   * @param promotions disk entries copied into memory (admitted, though maybe evicted since)
   */
  record Gauges(
      long evictions, long memoryBytes, long memoryObjects, long diskBytes, long diskObjects,
      long promotions) {}

  Gauges gauges() {
    memory.cleanUp();
    return new Gauges(
        memory.evictions() + (disk == null ? 0 : disk.evictions()),
        memory.bodyBytes(), memory.size(),
        disk == null ? 0 : disk.bodyBytes(), disk == null ? 0 : disk.size(), promotions.sum());
  }

  /**
   * Finishes disk writes and closes the disk tier, keeping its files; then releases memory
   * (last, so a promotion finishing during the close is released too).
   */
  @Override
  public void close() {
    if (disk != null) {
      disk.close();
    }
    memory.invalidateAll();
  }

  private void removedFromTier(VariantKey variant) {
    directory.removed(variant, v -> memory.contains(v) || disk != null && disk.contains(v));
  }

  private StoredResponse reloaded(
      VariantKey variant, List<String> varyNames, int status, Headers headers,
      long requestTimeMillis, long responseTimeMillis,
      BodySource body) {
    directory.stored(variant, varyNames);
    return responses.stored(
        variant, varyNames, status, headers, requestTimeMillis, responseTimeMillis, body);
  }
}
