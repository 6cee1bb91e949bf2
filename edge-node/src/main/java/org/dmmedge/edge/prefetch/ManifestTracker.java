package org.dmmedge.edge.prefetch;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.dmmedge.edge.config.PrefetchConfig;
import org.dmmedge.mpd.MpdException;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.predict.NextSegmentPredictor;
import org.dmmedge.mpd.predict.SegmentPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MPDs that passed through this node, parsed, and what each client is playing.
 *
 * <p>Manifests are kept by the URL clients fetched them with (scheme and authority as the
 * client used them, so every URL derived from them is a cache key clients will ask for), least
 * recently used forgotten first once more than {@code manifests} are held or their documents
 * together exceed {@link PrefetchConfig#manifestBudgetBytes()}. A dynamic MPD is read again when
 * served after its {@code minimumUpdatePeriod} (players re-fetch it at that pace; a static one
 * is read once). A segment URL is matched against every remembered MPD, most recently used
 * first, with mpd-tools' {@link NextSegmentPredictor}.
 *
 * <p>Playback contexts (for the mobility integration: what a mobile node was playing when it
 * moved) are kept per client address, the most recent {@value #MAX_CLIENTS} clients.
 *
 * <p>Concurrency: every method is synchronized and cheap (a segment match is a template match
 * per Representation); parsing ({@link #remember}) runs outside the lock. Callers run it off
 * the event loops (the {@link DashAwareness} worker).
 */
public final class ManifestTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestTracker.class);
  static final int MAX_CLIENTS = 4096;

  private final PrefetchConfig config;
  private final Clock clock;
  private final MpdParser parser;
  private final LinkedHashMap<String, Manifest> manifests = new LinkedHashMap<>(16, 0.75f, true);
  private final LinkedHashMap<InetAddress, PlaybackContext> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, PlaybackContext> eldest) {
          return size() > MAX_CLIENTS;
        }
      };
  private final LongAdder parsed = new LongAdder();
  private final LongAdder invalid = new LongAdder();
  private long bytes;

  /** One remembered MPD: its parsed predictor and when it was read. */
  record Manifest(String url, NextSegmentPredictor predictor, long bytes, Instant readAt) {
    /** Whether a newer version should be read when this MPD is served again. */
    boolean stale(Instant now) {
      Mpd mpd = predictor.mpd();
      Optional<Duration> period = mpd.minimumUpdatePeriod();
      return mpd.isDynamic() && (period.isEmpty() || !now.isBefore(readAt.plus(period.get())));
    }
  }

  /** A segment request matched to its manifest and position. */
  record Located(Manifest manifest, SegmentPosition position) {}

  public ManifestTracker(PrefetchConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parser = new MpdParser(config.manifestMaxBytes());
  }

  /** Whether {@code url} should be (re)read: unknown, or a dynamic MPD due for an update. */
  synchronized boolean wants(String url) {
    Manifest m = manifests.get(url);
    return m == null || m.stale(clock.instant());
  }

  /**
   * Parses {@code document} (fetched from {@code url}) and remembers it, replacing an older
   * version. A document that does not parse is counted and logged, and an older version of it
   * is kept.
   *
   * @return whether it was remembered
   */
  boolean remember(String url, byte[] document) {
    NextSegmentPredictor predictor;
    try {
      Mpd mpd = parser.parse(document, Optional.of(url));
      predictor = new NextSegmentPredictor(mpd, clock);
    } catch (MpdException | IllegalArgumentException e) {
      invalid.increment();
      LOG.info("MPD {} not tracked: {}", url, e.getMessage());
      return false;
    }
    parsed.increment();
    Manifest manifest = new Manifest(url, predictor, document.length, clock.instant());
    synchronized (this) {
      Manifest old = manifests.put(url, manifest);
      bytes += manifest.bytes() - (old == null ? 0 : old.bytes());
      Iterator<Manifest> eldest = manifests.values().iterator();
      while ((manifests.size() > config.manifests() || bytes > config.manifestBudgetBytes())
          && eldest.hasNext()) {
        Manifest gone = eldest.next();
        if (gone == manifest) {
          break;
        }
        bytes -= gone.bytes();
        eldest.remove();
      }
    }
    return true;
  }

  /**
   * The segment named by {@code url} (absolute, without CMCD; {@code range} the requested
   * byte range), in the most recently used manifest that has it.
   */
  Optional<Located> locate(String url, Optional<ByteRange> range) {
    List<Manifest> candidates;
    synchronized (this) {
      candidates = new ArrayList<>(manifests.values());
    }
    for (int i = candidates.size() - 1; i >= 0; i--) {
      Manifest m = candidates.get(i);
      Optional<SegmentPosition> at = m.predictor().locate(url, range);
      if (at.isPresent()) {
        synchronized (this) {
          manifests.get(m.url()); // touch: most recently used
        }
        return Optional.of(new Located(m, at.get()));
      }
    }
    return Optional.empty();
  }

  /** Records that {@code client} was served the segment at {@code at}. */
  synchronized void played(InetAddress client, Located at) {
    var ctx = at.position().context();
    clients.put(client, new PlaybackContext(at.manifest().url(), ctx.periodIndex(),
        ctx.representation().id(), ctx.representation().bandwidth(),
        at.position().segment().url(), at.position().segment().number(), clock.instant()));
  }

  /**
   * What {@code client} played last: the MPD, Representation and last segment served to it
   * (for a mobility peer that wants to prefetch before the client asks).
   */
  public synchronized Optional<PlaybackContext> playback(InetAddress client) {
    Objects.requireNonNull(client, "client");
    return Optional.ofNullable(clients.get(client));
  }

  /** MPDs remembered now. */
  public synchronized int size() {
    return manifests.size();
  }

  /** Bytes of the MPD documents remembered now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** MPDs parsed since start (each version counts). */
  public long parsed() {
    return parsed.sum();
  }

  /** MPD documents that did not parse. */
  public long invalid() {
    return invalid.sum();
  }
}
