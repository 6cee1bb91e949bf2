package org.dmmedge.edge.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code cache:} section of the node's file, turned into the cache module's own
 * configuration when the node starts.
 *
 * @param memoryBudgetBytes bytes of bodies kept in memory; default 512 MiB
 * @param maxObjectBytes larger responses pass through and are not stored; default 64 MiB
 * @param rangeFillMaxBytes a range request on a miss fetches the whole object when it is at
 *     most this large (otherwise the range passes through); default 64 MiB
 * @param diskDirectory the optional disk tier's directory
 * @param diskBudgetBytes bytes of bodies kept on disk; default 4 GiB
 * @param targetedCacheControl the targeted field this cache obeys first (RFC 9213); default
 *     {@code CDN-Cache-Control}
 */
public record CacheSettings(
    long memoryBudgetBytes,
    long maxObjectBytes,
    long rangeFillMaxBytes,
    Optional<Path> diskDirectory,
    long diskBudgetBytes,
    String targetedCacheControl) {

  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 512L << 20;
  public static final long DEFAULT_MAX_OBJECT_BYTES = 64L << 20;
  public static final long DEFAULT_RANGE_FILL_MAX_BYTES = 64L << 20;
  public static final long DEFAULT_DISK_BUDGET_BYTES = 4L << 30;
  public static final String DEFAULT_TARGETED_CACHE_CONTROL = "CDN-Cache-Control";

  public CacheSettings {
    Objects.requireNonNull(diskDirectory, "diskDirectory");
    Objects.requireNonNull(targetedCacheControl, "targetedCacheControl");
  }

  public static CacheSettings defaults() {
    return new CacheSettings(DEFAULT_MEMORY_BUDGET_BYTES, DEFAULT_MAX_OBJECT_BYTES,
        DEFAULT_RANGE_FILL_MAX_BYTES, Optional.empty(), DEFAULT_DISK_BUDGET_BYTES,
        DEFAULT_TARGETED_CACHE_CONTROL);
  }
}
