package org.dmmedge.origin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the origin client connects, waits and retries.
 *
 * @param connectTimeout how long a TCP (and TLS) connect may take; default 5 s
 * @param responseTimeout how long the origin may stay silent during an exchange (waiting for
 *     the head or between body bytes); default 30 s
 * @param idleTimeout how long a pooled keep-alive connection may stay unused; default 60 s
 * @param maxConnectionsPerOrigin pool size per origin; default 64
 * @param maxConnectionsTotal pool size over all origins; default 512
 * @param connectRetries retries of idempotent bodyless requests after a failed connect; 0..10,
 *     default 2
 * @param retryBackoff the first retry's delay, doubled per retry and jittered; default 50 ms
 * @param h2 negotiate HTTP/2 by ALPN with TLS origins (HTTP/1.1 otherwise); default true
 * @param ioThreads I/O reactor threads; default 1
 * @param trustStore the certificates TLS origins must chain to instead of the JVM's default
 *     trust; default empty (the JVM's cacerts)
 */
public record OriginClientConfig(
    Duration connectTimeout,
    Duration responseTimeout,
    Duration idleTimeout,
    int maxConnectionsPerOrigin,
    int maxConnectionsTotal,
    int connectRetries,
    Duration retryBackoff,
    boolean h2,
    int ioThreads,
    Optional<TrustStore> trustStore) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 64;
  public static final int DEFAULT_MAX_CONNECTIONS_TOTAL = 512;
  public static final int DEFAULT_CONNECT_RETRIES = 2;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(50);
  public static final int MAX_CONNECT_RETRIES = 10;

  public OriginClientConfig {
    positive("connectTimeout", connectTimeout);
    positive("responseTimeout", responseTimeout);
    positive("idleTimeout", idleTimeout);
    positive("retryBackoff", retryBackoff);
    atLeast("maxConnectionsPerOrigin", maxConnectionsPerOrigin, 1);
    atLeast("maxConnectionsTotal", maxConnectionsTotal, maxConnectionsPerOrigin);
    atLeast("ioThreads", ioThreads, 1);
    Objects.requireNonNull(trustStore, "trustStore");
    if (connectRetries < 0 || connectRetries > MAX_CONNECT_RETRIES) {
      throw new IllegalArgumentException(
          "connectRetries: " + connectRetries + " (expected: 0.." + MAX_CONNECT_RETRIES + ")");
    }
  }

  /** Every option at its default. */
  public static OriginClientConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
    }
  }

  /** Builds an {@link OriginClientConfig}; {@link #build()} validates every field. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxConnectionsPerOrigin = DEFAULT_MAX_CONNECTIONS_PER_ORIGIN;
    private int maxConnectionsTotal = DEFAULT_MAX_CONNECTIONS_TOTAL;
    private int connectRetries = DEFAULT_CONNECT_RETRIES;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private boolean h2 = true;
    private int ioThreads = 1;
    private TrustStore trustStore;

    private Builder() {}

    public Builder connectTimeout(Duration connectTimeout) {
      positive("connectTimeout", connectTimeout);
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder responseTimeout(Duration responseTimeout) {
      positive("responseTimeout", responseTimeout);
      this.responseTimeout = responseTimeout;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      positive("idleTimeout", idleTimeout);
      this.idleTimeout = idleTimeout;
      return this;
    }

    public Builder maxConnectionsPerOrigin(int maxConnectionsPerOrigin) {
      atLeast("maxConnectionsPerOrigin", maxConnectionsPerOrigin, 1);
      this.maxConnectionsPerOrigin = maxConnectionsPerOrigin;
      return this;
    }

    public Builder maxConnectionsTotal(int maxConnectionsTotal) {
      atLeast("maxConnectionsTotal", maxConnectionsTotal, 1);
      this.maxConnectionsTotal = maxConnectionsTotal;
      return this;
    }

    public Builder connectRetries(int connectRetries) {
      this.connectRetries = connectRetries;
      return this;
    }

    public Builder retryBackoff(Duration retryBackoff) {
      positive("retryBackoff", retryBackoff);
      this.retryBackoff = retryBackoff;
      return this;
    }

    public Builder h2(boolean h2) {
      this.h2 = h2;
      return this;
    }

    public Builder ioThreads(int ioThreads) {
      atLeast("ioThreads", ioThreads, 1);
      this.ioThreads = ioThreads;
      return this;
    }

    /** Trusts exactly {@code store}'s certificates for TLS origins (see {@link TrustStore}). */
    public Builder trustStore(TrustStore store) {
      this.trustStore = Objects.requireNonNull(store, "trustStore");
      return this;
    }

    public OriginClientConfig build() {
      return new OriginClientConfig(
          connectTimeout, responseTimeout, idleTimeout, maxConnectionsPerOrigin,
          maxConnectionsTotal, connectRetries, retryBackoff, h2, ioThreads,
          Optional.ofNullable(trustStore));
    }
  }
}
