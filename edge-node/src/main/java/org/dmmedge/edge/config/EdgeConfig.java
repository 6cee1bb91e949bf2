package org.dmmedge.edge.config;

import java.util.Objects;
import java.util.Optional;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.origin.OriginClientConfig;

/**
 * Everything one edge node is configured with: the root of the record tree that
 * {@link ConfigLoader} reads from one YAML file (documented option by option in
 * {@code conf/edge.yaml}).
 *
 * @param name this node's name, sent in {@code X-Served-By} and {@code Via}; default
 *     {@value #DEFAULT_NAME}
 * @param server the client-facing server
 * @param origins origins for reverse mode
 * @param originClient how origins are fetched from
 * @param cache the cache (its memory budget defaults to 512 MiB here)
 * @param accessLog whether requests are logged (logger {@code access}; format in {@code logging})
 * @param admin the admin API, pre-warming and who may PURGE
 * @param logging access log format and destination, application log levels
 * @param mobility the MAR agent and data plane, when this node is a MAR (section
 *     {@code mobility:}); empty for a plain edge cache
 * @param prefetch DASH awareness: manifest tracking, segment prefetch, CMCD
 */
public record EdgeConfig(
    String name,
    ServerConfig server,
    OriginsConfig origins,
    OriginClientConfig originClient,
    CacheConfig cache,
    boolean accessLog,
    AdminConfig admin,
    LoggingConfig logging,
    Optional<MobilityConfig> mobility,
    PrefetchConfig prefetch) {

  public static final String DEFAULT_NAME = "dmm-edge";
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 512L << 20;

  public EdgeConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(origins, "origins");
    Objects.requireNonNull(originClient, "originClient");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(mobility, "mobility");
    Objects.requireNonNull(prefetch, "prefetch");
    if (server.mode() == ProxyMode.REVERSE && origins.isEmpty()) {
      throw new IllegalArgumentException(
          "origins: none (expected: a default origin or one per host in reverse mode)");
    }
  }

  /**
   * A node built in code without a prefetch section: no DASH prefetch (CMCD still stays out of
   * cache keys); {@link #withPrefetch} turns it on. Files and {@link #defaults()} have it on.
   */
  public EdgeConfig(String name, ServerConfig server, OriginsConfig origins,
      OriginClientConfig originClient, CacheConfig cache, boolean accessLog, AdminConfig admin,
      LoggingConfig logging, Optional<MobilityConfig> mobility) {
    this(name, server, origins, originClient, cache, accessLog, admin, logging, mobility,
        PrefetchConfig.disabled());
  }

  /** A node that is no MAR, without admin server, default logging, no prefetch (proxy tests). */
  public EdgeConfig(String name, ServerConfig server, OriginsConfig origins,
      OriginClientConfig originClient, CacheConfig cache, boolean accessLog) {
    this(name, server, origins, originClient, cache, accessLog, AdminConfig.disabled(),
        LoggingConfig.defaults(), Optional.empty(), PrefetchConfig.disabled());
  }

  /**
   * The embedded default: a forward proxy on 127.0.0.1:8080 with a memory cache, the admin
   * API on 127.0.0.1:9090.
   */
  public static EdgeConfig defaults() {
    return new EdgeConfig(DEFAULT_NAME, ServerConfig.defaults(), OriginsConfig.none(),
        OriginClientConfig.defaults(),
        CacheConfig.builder().memoryBudgetBytes(DEFAULT_MEMORY_BUDGET_BYTES).build(), true,
        AdminConfig.defaults(), LoggingConfig.defaults(), Optional.empty(),
        PrefetchConfig.defaults());
  }

  /** A copy with another server section. */
  public EdgeConfig withServer(ServerConfig newServer) {
    return new EdgeConfig(name, newServer, origins, originClient, cache, accessLog, admin,
        logging, mobility, prefetch);
  }

  /** A copy with another admin section. */
  public EdgeConfig withAdmin(AdminConfig newAdmin) {
    return new EdgeConfig(name, server, origins, originClient, cache, accessLog, newAdmin,
        logging, mobility, prefetch);
  }

  /** A copy with another prefetch section. */
  public EdgeConfig withPrefetch(PrefetchConfig newPrefetch) {
    return new EdgeConfig(name, server, origins, originClient, cache, accessLog, admin,
        logging, mobility, newPrefetch);
  }
}
