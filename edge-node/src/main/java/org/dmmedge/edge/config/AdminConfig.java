package org.dmmedge.edge.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin API (section {@code admin:}): where it listens, who may change things, and how
 * pre-warming jobs run.
 *
 * <p>A node whose admin API listens beyond loopback must have a token: the compact constructor
 * refuses the combination, so neither the loader nor a programmatic caller can start one.
 *
 * @param enabled whether the admin server runs; default true
 * @param listen where it listens; default {@value #DEFAULT_LISTEN_TEXT}
 * @param token the Bearer token mutating requests must carry; empty: no token (loopback only)
 * @param maxBodyBytes largest request body accepted (larger: 413); default 1 MiB
 * @param purgeNetworks client networks allowed to send {@code PURGE} to the proxy port;
 *     default loopback only
 * @param prewarmConcurrency fills a pre-warming job runs at once; default 4
 * @param prewarmBandwidthBytes a job's cap in bytes per second, 0 for none; default 0
 * @param prewarmMaxUrls the most URLs one job may have; default 100 000
 */
public record AdminConfig(
    boolean enabled,
    HostPort listen,
    Optional<String> token,
    long maxBodyBytes,
    List<Cidr> purgeNetworks,
    int prewarmConcurrency,
    long prewarmBandwidthBytes,
    int prewarmMaxUrls) {

  static final String DEFAULT_LISTEN_TEXT = "127.0.0.1:9090";
  public static final HostPort DEFAULT_LISTEN = HostPort.parse(DEFAULT_LISTEN_TEXT);
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
  public static final List<Cidr> DEFAULT_PURGE_NETWORKS =
      List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
  public static final int DEFAULT_PREWARM_CONCURRENCY = 4;
  public static final int DEFAULT_PREWARM_MAX_URLS = 100_000;

  public AdminConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(token, "token");
    purgeNetworks = List.copyOf(purgeNetworks);
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 1)");
    }
    if (prewarmConcurrency < 1) {
      throw new IllegalArgumentException(
          "prewarmConcurrency: " + prewarmConcurrency + " (expected: >= 1)");
    }
    if (prewarmBandwidthBytes < 0) {
      throw new IllegalArgumentException(
          "prewarmBandwidthBytes: " + prewarmBandwidthBytes + " (expected: >= 0)");
    }
    if (prewarmMaxUrls < 1) {
      throw new IllegalArgumentException(
          "prewarmMaxUrls: " + prewarmMaxUrls + " (expected: >= 1)");
    }
    if (enabled && token.isEmpty() && !isLoopback(listen)) {
      throw new IllegalArgumentException("admin.token: none (expected: a token when "
          + "admin.listen " + listen + " is not a loopback address)");
    }
    if (token.isPresent() && token.get().isBlank()) {
      throw new IllegalArgumentException("admin.token: \"\" (expected: a non-blank token)");
    }
  }

  /** The defaults: enabled on 127.0.0.1:9090 without a token. */
  public static AdminConfig defaults() {
    return new AdminConfig(true, DEFAULT_LISTEN, Optional.empty(), DEFAULT_MAX_BODY_BYTES,
        DEFAULT_PURGE_NETWORKS, DEFAULT_PREWARM_CONCURRENCY, 0, DEFAULT_PREWARM_MAX_URLS);
  }

  /** No admin server (programmatic configurations that predate it, tests of the proxy). */
  public static AdminConfig disabled() {
    return new AdminConfig(false, DEFAULT_LISTEN, Optional.empty(), DEFAULT_MAX_BODY_BYTES,
        DEFAULT_PURGE_NETWORKS, DEFAULT_PREWARM_CONCURRENCY, 0, DEFAULT_PREWARM_MAX_URLS);
  }

  /** Whether {@code hp} names a loopback address (literal or {@code localhost}). */
  public static boolean isLoopback(HostPort hp) {
    String h = hp.host();
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }
}
