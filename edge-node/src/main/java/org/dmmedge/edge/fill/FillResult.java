package org.dmmedge.edge.fill;

import java.util.Objects;

/**
 * How one {@link CacheFiller#fill} ended.
 *
 * @param url the URL asked for
 * @param outcome what happened
 * @param bytes body bytes fetched from the origin by this fill (0 when it was cached or joined)
 * @param reason why it failed, empty otherwise
 */
public record FillResult(String url, Outcome outcome, long bytes, String reason) {
  /** What a fill did. */
  public enum Outcome {
    /** This fill fetched the object and the cache stored it. */
    STORED,
    /** A usable copy was already stored: nothing fetched. */
    ALREADY_CACHED,
    /** A fill for the key was running (a client miss or another job); it was joined. */
    JOINED,
    /** Nothing stored: the origin failed, the response is not storable, or bad URL. */
    FAILED;

    /** Whether the object is (or was just) in the cache. */
    public boolean cached() {
      return this != FAILED;
    }
  }

  public FillResult {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  static FillResult failed(String url, String reason) {
    return new FillResult(url, Outcome.FAILED, 0, reason);
  }
}
