package org.dmmedge.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of an {@link HttpCache}. Immutable; validated on construction with errors of
 * the shape {@code "field: value (expected: ...)"}.
 *
 * @param memoryBudgetBytes off-heap bytes of bodies kept in memory (default
 *     {@value #DEFAULT_MEMORY_BUDGET_BYTES})
 * @param maxObjectBytes largest body stored; larger ones pass through (default
 *     {@value #DEFAULT_MAX_OBJECT_BYTES})
 * @param diskDirectory directory of the disk tier, empty for memory only (default empty)
 * @param diskBudgetBytes bytes of body files kept on disk (default
 *     {@value #DEFAULT_DISK_BUDGET_BYTES})
 * @param heuristicFraction share of (Date - Last-Modified) used as heuristic freshness, RFC 9111
 *     §4.2.2 (default {@value #DEFAULT_HEURISTIC_FRACTION})
 * @param heuristicMaxLifetime cap of the heuristic freshness (default {@link
 *     #DEFAULT_HEURISTIC_MAX_LIFETIME})
 * @param targetedCacheControlNames targeted cache-control fields obeyed, most specific first,
 *     RFC 9213 (default {@link #DEFAULT_TARGETED_CACHE_CONTROL_NAMES})
 * @param hitForPassDuration how long a key whose response was not storable skips collapsing
 *     (default {@link #DEFAULT_HIT_FOR_PASS_DURATION}; zero disables)
 * @param diskPromotionHitCount every this many hits served from the disk tier, an entry that
 *     is not in memory is read back (on the disk thread) and offered to the memory tier, whose
 *     W-TinyLFU admission decides (default {@value #DEFAULT_DISK_PROMOTION_HIT_COUNT}; zero
 *     never promotes)
 */
public record CacheConfig(
    long memoryBudgetBytes,
    long maxObjectBytes,
    Optional<Path> diskDirectory,
    long diskBudgetBytes,
    double heuristicFraction,
    Duration heuristicMaxLifetime,
    List<String> targetedCacheControlNames,
    Duration hitForPassDuration,
    int diskPromotionHitCount) {

  /** Default memory budget: 256 MiB. */
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 256L * 1024 * 1024;
  /** Default maximum object size: 64 MiB. */
  public static final long DEFAULT_MAX_OBJECT_BYTES = 64L * 1024 * 1024;
  /** Default disk budget: 4 GiB. */
  public static final long DEFAULT_DISK_BUDGET_BYTES = 4L * 1024 * 1024 * 1024;
  /** Default heuristic fraction: 10% (RFC 9111 §4.2.2). */
  public static final double DEFAULT_HEURISTIC_FRACTION = 0.1;
  /** Default heuristic cap: one day. */
  public static final Duration DEFAULT_HEURISTIC_MAX_LIFETIME = Duration.ofDays(1);
  /** Default targeted field: {@code CDN-Cache-Control} (RFC 9213 §3). */
  public static final List<String> DEFAULT_TARGETED_CACHE_CONTROL_NAMES =
      List.of("CDN-Cache-Control");
  /** Default hit-for-pass memory: 30 seconds. */
  public static final Duration DEFAULT_HIT_FOR_PASS_DURATION = Duration.ofSeconds(30);
  /** Default disk promotion: every second hit served from disk. */
  public static final int DEFAULT_DISK_PROMOTION_HIT_COUNT = 2;
  /** Largest {@link #diskPromotionHitCount}. */
  public static final int MAX_DISK_PROMOTION_HIT_COUNT = 1_000_000;

  /** Largest body a single off-heap buffer can hold. */
  static final long MAX_OBJECT_LIMIT = Integer.MAX_VALUE - 1024;

  /** Validates every field. */
  public CacheConfig {
    Objects.requireNonNull(diskDirectory, "diskDirectory");
    Objects.requireNonNull(heuristicMaxLifetime, "heuristicMaxLifetime");
    Objects.requireNonNull(targetedCacheControlNames, "targetedCacheControlNames");
    Objects.requireNonNull(hitForPassDuration, "hitForPassDuration");
    check(memoryBudgetBytes >= 0, "memoryBudgetBytes", memoryBudgetBytes, ">= 0");
    check(maxObjectBytes >= 0 && maxObjectBytes <= MAX_OBJECT_LIMIT,
        "maxObjectBytes", maxObjectBytes, "0.." + MAX_OBJECT_LIMIT);
    check(diskBudgetBytes >= 0, "diskBudgetBytes", diskBudgetBytes, ">= 0");
    check(heuristicFraction >= 0 && heuristicFraction <= 1,
        "heuristicFraction", heuristicFraction, "0.0..1.0");
    check(!heuristicMaxLifetime.isNegative(), "heuristicMaxLifetime", heuristicMaxLifetime,
        ">= 0");
    check(!hitForPassDuration.isNegative(), "hitForPassDuration", hitForPassDuration, ">= 0");
    checkPromotion(diskPromotionHitCount);
    targetedCacheControlNames = List.copyOf(targetedCacheControlNames);
    for (String name : targetedCacheControlNames) {
      boolean valid = name.toLowerCase(Locale.ROOT).endsWith("-cache-control")
          && !name.equalsIgnoreCase("cache-control") && name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
      check(valid, "targetedCacheControlNames", "\"" + name + "\"", "names like <Name>-Cache-Control");
    }
  }

  /** The defaults. */
  public static CacheConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static void check(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
    }
  }

  private static void checkPromotion(int count) {
    check(count >= 0 && count <= MAX_DISK_PROMOTION_HIT_COUNT, "diskPromotionHitCount", count,
        "0.." + MAX_DISK_PROMOTION_HIT_COUNT);
  }

  /** Builds a {@link CacheConfig}; each setter checks its argument at once. Not thread-safe. */
  public static final class Builder {
    private long memoryBudgetBytes = DEFAULT_MEMORY_BUDGET_BYTES;
    private long maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES;
    private Path diskDirectory;
    private long diskBudgetBytes = DEFAULT_DISK_BUDGET_BYTES;
    private double heuristicFraction = DEFAULT_HEURISTIC_FRACTION;
    private Duration heuristicMaxLifetime = DEFAULT_HEURISTIC_MAX_LIFETIME;
    private List<String> targetedCacheControlNames = DEFAULT_TARGETED_CACHE_CONTROL_NAMES;
    private Duration hitForPassDuration = DEFAULT_HIT_FOR_PASS_DURATION;
    private int diskPromotionHitCount = DEFAULT_DISK_PROMOTION_HIT_COUNT;

    private Builder() {}

    /** @throws IllegalArgumentException if negative */
    public Builder memoryBudgetBytes(long bytes) {
      check(bytes >= 0, "memoryBudgetBytes", bytes, ">= 0");
      memoryBudgetBytes = bytes;
      return this;
    }

    /** @throws IllegalArgumentException if negative or above 2 GiB - 1 KiB */
    public Builder maxObjectBytes(long bytes) {
      check(bytes >= 0 && bytes <= MAX_OBJECT_LIMIT, "maxObjectBytes", bytes,
          "0.." + MAX_OBJECT_LIMIT);
      maxObjectBytes = bytes;
      return this;
    }

    /** Enables the disk tier in {@code directory} (created if missing). */
    public Builder diskDirectory(Path directory) {
      diskDirectory = Objects.requireNonNull(directory, "diskDirectory");
      return this;
    }

    /** @throws IllegalArgumentException if negative */
    public Builder diskBudgetBytes(long bytes) {
      check(bytes >= 0, "diskBudgetBytes", bytes, ">= 0");
      diskBudgetBytes = bytes;
      return this;
    }

    /** @throws IllegalArgumentException unless within 0.0..1.0 */
    public Builder heuristicFraction(double fraction) {
      check(fraction >= 0 && fraction <= 1, "heuristicFraction", fraction, "0.0..1.0");
      heuristicFraction = fraction;
      return this;
    }

    /** @throws IllegalArgumentException if negative */
    public Builder heuristicMaxLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "heuristicMaxLifetime");
      check(!lifetime.isNegative(), "heuristicMaxLifetime", lifetime, ">= 0");
      heuristicMaxLifetime = lifetime;
      return this;
    }

    /** Targeted fields in precedence order, e.g. {@code Edge-Cache-Control, CDN-Cache-Control}. */
    public Builder targetedCacheControlNames(List<String> names) {
      targetedCacheControlNames = List.copyOf(names);
      return this;
    }

    /** @throws IllegalArgumentException if negative */
    public Builder hitForPassDuration(Duration duration) {
      Objects.requireNonNull(duration, "hitForPassDuration");
      check(!duration.isNegative(), "hitForPassDuration", duration, ">= 0");
      hitForPassDuration = duration;
      return this;
    }

    /** @throws IllegalArgumentException unless within 0..{@value CacheConfig#MAX_DISK_PROMOTION_HIT_COUNT} */
    public Builder diskPromotionHitCount(int count) {
      checkPromotion(count);
      diskPromotionHitCount = count;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if a targeted name is not {@code <Name>-Cache-Control}
     */
    public CacheConfig build() {
      return new CacheConfig(
          memoryBudgetBytes, maxObjectBytes, Optional.ofNullable(diskDirectory), diskBudgetBytes,
          heuristicFraction, heuristicMaxLifetime, targetedCacheControlNames, hitForPassDuration,
          diskPromotionHitCount);
    }
  }
}
