package org.dmmedge.mpd.player;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link PlayerEmulator} run.
 *
 * @param proxy HTTP proxy for every request (an edge in forward mode), e.g.
 *     {@code http://127.0.0.1:8080}
 * @param maxContent stop after this much media was downloaded (default: the whole
 *     presentation; {@link #DEFAULT_LIVE_CONTENT} for a dynamic MPD)
 * @param bufferTarget the buffer the player fills up to before waiting (default 30 s)
 * @param startThreshold buffer needed to start and to resume after a stall (default 2 s)
 * @param requestTimeout per request (default 10 s)
 * @param safetyFactor of the throughput estimate the ABR may use (default 0.8)
 * @param audio also fetch the audio (lowest-bandwidth Representation of the first audio
 *     AdaptationSet), interleaved with the video; playback needs both (default true)
 */
public record PlayerConfig(
    Optional<URI> proxy,
    Optional<Duration> maxContent,
    Duration bufferTarget,
    Duration startThreshold,
    Duration requestTimeout,
    double safetyFactor,
    boolean audio) {
  public static final Duration DEFAULT_BUFFER_TARGET = Duration.ofSeconds(30);
  public static final Duration DEFAULT_START_THRESHOLD = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LIVE_CONTENT = Duration.ofSeconds(60);
  public static final double DEFAULT_SAFETY_FACTOR = 0.8;

  public PlayerConfig {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(maxContent, "maxContent");
    positive("bufferTarget", bufferTarget);
    positive("startThreshold", startThreshold);
    positive("requestTimeout", requestTimeout);
    maxContent.ifPresent(d -> positive("maxContent", d));
    proxy.ifPresent(PlayerConfig::checkProxy);
    if (!(safetyFactor > 0 && safetyFactor <= 1)) {
      throw new IllegalArgumentException("safetyFactor: " + safetyFactor + " (expected: (0, 1])");
    }
  }

  private static void checkProxy(URI p) {
    Objects.requireNonNull(p, "proxy");
    if (p.getHost() == null || p.getPort() < 0) {
      throw new IllegalArgumentException("proxy: " + p + " (expected: http://host:port)");
    }
  }

  static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder; every setter checks its argument at once, {@link #build} checks them again. */
  public static final class Builder {
    private Optional<URI> proxy = Optional.empty();
    private Optional<Duration> maxContent = Optional.empty();
    private Duration bufferTarget = DEFAULT_BUFFER_TARGET;
    private Duration startThreshold = DEFAULT_START_THRESHOLD;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private double safetyFactor = DEFAULT_SAFETY_FACTOR;
    private boolean audio = true;

    public Builder proxy(URI proxy) {
      checkProxy(proxy);
      this.proxy = Optional.of(proxy);
      return this;
    }

    public Builder maxContent(Duration maxContent) {
      positive("maxContent", maxContent);
      this.maxContent = Optional.of(maxContent);
      return this;
    }

    public Builder bufferTarget(Duration bufferTarget) {
      positive("bufferTarget", bufferTarget);
      this.bufferTarget = bufferTarget;
      return this;
    }

    public Builder startThreshold(Duration startThreshold) {
      positive("startThreshold", startThreshold);
      this.startThreshold = startThreshold;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      positive("requestTimeout", requestTimeout);
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder safetyFactor(double safetyFactor) {
      this.safetyFactor = safetyFactor;
      return this;
    }

    public Builder audio(boolean audio) {
      this.audio = audio;
      return this;
    }

    public PlayerConfig build() {
      return new PlayerConfig(proxy, maxContent, bufferTarget, startThreshold, requestTimeout,
          safetyFactor, audio);
    }
  }
}
