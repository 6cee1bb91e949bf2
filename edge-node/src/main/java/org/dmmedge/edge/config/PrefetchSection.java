package org.dmmedge.edge.config;

/** Reads the {@code prefetch:} section into a {@link PrefetchConfig} (see conf/edge.yaml). */
final class PrefetchSection {
  private PrefetchSection() {}

  static PrefetchConfig read(ConfigReader r) {
    PrefetchConfig d = PrefetchConfig.defaults();
    PrefetchConfig.Builder b = PrefetchConfig.builder()
        .enabled(r.bool("enabled", d.enabled()))
        .segments(r.integer("segments", d.segments(), 0, PrefetchConfig.MAX_SEGMENTS))
        .concurrency(r.integer("concurrency", d.concurrency(), 1, 1024))
        .queueSize(r.integer("queueSize", d.queueSize(), 0, 1_000_000))
        .neighbours(r.bool("neighbours", d.neighbours()))
        .manifests(r.integer("manifests", d.manifests(), 1, 100_000))
        .manifestMaxBytes(r.parsed("manifestMaxSize", d.manifestMaxBytes(), Units::bytes,
            n -> n >= 1024 && n <= PrefetchConfig.MAX_MANIFEST_MAX_BYTES, ">= 1KiB and <= 16MiB"));
    ConfigReader cmcd = r.object("cmcd");
    b.cmcdHints(cmcd.bool("hints", d.cmcdHints())).cmcdForward(cmcd.bool("forward",
        d.cmcdForward()));
    cmcd.finish();
    r.finish();
    return b.build();
  }
}
