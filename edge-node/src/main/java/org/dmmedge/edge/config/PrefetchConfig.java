package org.dmmedge.edge.config;

/**
 * DASH awareness: which MPDs the node remembers, what it prefetches after a segment request,
 * and how Common Media Client Data (CTA-5004) is treated. Read from the {@code prefetch:}
 * section (documented in {@code conf/edge.yaml}).
 *
 * @param enabled whether MPDs are tracked and segments prefetched; default true (CMCD is
 *     always removed from cache keys, whatever this says)
 * @param segments how many segments after the requested one (same Representation) are
 *     prefetched; default {@value #DEFAULT_SEGMENTS}
 * @param concurrency prefetch fills in flight at once, node-wide; default
 *     {@value #DEFAULT_CONCURRENCY}
 * @param queueSize prefetches waiting for a slot; more are dropped (and counted); default
 *     {@value #DEFAULT_QUEUE_SIZE}
 * @param neighbours whether the next segment of the Representations of the next lower and
 *     higher bandwidth is prefetched too (where an ABR switch lands); default false
 * @param manifests how many MPDs are remembered (least recently used forgotten first); default
 *     {@value #DEFAULT_MANIFESTS}
 * @param manifestMaxBytes the largest MPD document parsed, and the bytes all remembered MPDs
 *     may hold together is {@code manifests × manifestMaxBytes / 4}; default 1 MiB
 * @param cmcdHints whether CMCD {@code nor}/{@code nrr} hints are prefetched (before MPD-based
 *     prediction); default true
 * @param cmcdForward whether the CMCD query parameter and headers are forwarded to origins;
 *     default false (they are removed from the cache key either way)
 */
public record PrefetchConfig(
    boolean enabled,
    int segments,
    int concurrency,
    int queueSize,
    boolean neighbours,
    int manifests,
    long manifestMaxBytes,
    boolean cmcdHints,
    boolean cmcdForward) {
  public static final int DEFAULT_SEGMENTS = 2;
  public static final int MAX_SEGMENTS = 32;
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int DEFAULT_QUEUE_SIZE = 256;
  public static final int DEFAULT_MANIFESTS = 64;
  public static final long DEFAULT_MANIFEST_MAX_BYTES = 1L << 20;
  public static final long MAX_MANIFEST_MAX_BYTES = 16L << 20;

  public PrefetchConfig {
    check("segments", segments, 0, MAX_SEGMENTS);
    check("concurrency", concurrency, 1, 1024);
    check("queueSize", queueSize, 0, 1_000_000);
    check("manifests", manifests, 1, 100_000);
    if (manifestMaxBytes < 1024 || manifestMaxBytes > MAX_MANIFEST_MAX_BYTES) {
      throw new IllegalArgumentException(
          "manifestMaxBytes: " + manifestMaxBytes + " (expected: >= 1KiB and <= 16MiB)");
    }
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + ": " + value + " (expected: an integer in " + min + ".." + max + ")");
    }
  }

  /** The defaults: on, two segments ahead, no neighbours, CMCD hints used and not forwarded. */
  public static PrefetchConfig defaults() {
    return new PrefetchConfig(true, DEFAULT_SEGMENTS, DEFAULT_CONCURRENCY, DEFAULT_QUEUE_SIZE,
        false, DEFAULT_MANIFESTS, DEFAULT_MANIFEST_MAX_BYTES, true, false);
  }

  /** Nothing tracked or prefetched (CMCD is still kept out of cache keys). */
  public static PrefetchConfig disabled() {
    return builder().enabled(false).build();
  }

  /** The bytes all remembered MPD documents may hold together. */
  public long manifestBudgetBytes() {
    return Math.max(manifestMaxBytes, manifests * manifestMaxBytes / 4);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts from {@link #defaults()}; {@link #build()} checks every value. */
  public static final class Builder {
    private boolean enabled = true;
    private int segments = DEFAULT_SEGMENTS;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private boolean neighbours;
    private int manifests = DEFAULT_MANIFESTS;
    private long manifestMaxBytes = DEFAULT_MANIFEST_MAX_BYTES;
    private boolean cmcdHints = true;
    private boolean cmcdForward;

    private Builder() {}

    public Builder enabled(boolean value) {
      enabled = value;
      return this;
    }

    public Builder segments(int value) {
      segments = value;
      return this;
    }

    public Builder concurrency(int value) {
      concurrency = value;
      return this;
    }

    public Builder queueSize(int value) {
      queueSize = value;
      return this;
    }

    public Builder neighbours(boolean value) {
      neighbours = value;
      return this;
    }

    public Builder manifests(int value) {
      manifests = value;
      return this;
    }

    public Builder manifestMaxBytes(long value) {
      manifestMaxBytes = value;
      return this;
    }

    public Builder cmcdHints(boolean value) {
      cmcdHints = value;
      return this;
    }

    public Builder cmcdForward(boolean value) {
      cmcdForward = value;
      return this;
    }

    public PrefetchConfig build() {
      return new PrefetchConfig(enabled, segments, concurrency, queueSize, neighbours, manifests,
          manifestMaxBytes, cmcdHints, cmcdForward);
    }
  }
}
