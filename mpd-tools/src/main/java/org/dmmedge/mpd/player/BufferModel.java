package org.dmmedge.mpd.player;

/**
 * The playback buffer of an emulated player, in nanoseconds of media, driven by the times at
 * which segments arrive.
 *
 * <p>States: WAITING (before the first start: the buffer fills until it holds
 * {@code startThreshold}, the startup delay is the time from creation until then), PLAYING
 * (the buffer drains in real time; reaching zero is a stall), STALLED (fills again until it
 * holds {@code resumeThreshold}; the time spent is stall time). {@link #advance} must be called
 * with non-decreasing times. Not thread-safe (one player thread).
 */
public final class BufferModel {
  private enum State { WAITING, PLAYING, STALLED }

  private final long startThreshold;
  private final long resumeThreshold;
  private final long created;
  private State state = State.WAITING;
  private long level;
  private long now;
  private long startupDelay = -1;
  private long stallStarted;
  private int stalls;
  private long stallNanos;

  /**
   * @param createdNanos when the player started (the origin of the startup delay)
   * @param startThresholdNanos buffer needed to start playing, {@code > 0}
   * @param resumeThresholdNanos buffer needed to resume after a stall, {@code > 0}
   */
  public BufferModel(long createdNanos, long startThresholdNanos, long resumeThresholdNanos) {
    if (startThresholdNanos <= 0 || resumeThresholdNanos <= 0) {
      throw new IllegalArgumentException("thresholds: " + startThresholdNanos + ", "
          + resumeThresholdNanos + " (expected: > 0)");
    }
    this.created = createdNanos;
    this.now = createdNanos;
    this.startThreshold = startThresholdNanos;
    this.resumeThreshold = resumeThresholdNanos;
  }

  /** Lets time pass until {@code nanos}: playing drains the buffer, an empty buffer stalls. */
  public void advance(long nanos) {
    long elapsed = Math.max(0, nanos - now);
    if (state == State.PLAYING) {
      if (elapsed >= level) {
        stallStarted = now + level;
        level = 0;
        state = State.STALLED;
        stalls++;
      } else {
        level -= elapsed;
      }
    }
    now = Math.max(now, nanos);
  }

  /** A segment of {@code durationNanos} arrived at {@code nanos}. */
  public void append(long durationNanos, long nanos) {
    advance(nanos);
    level += durationNanos;
    if (state == State.WAITING && level >= startThreshold) {
      state = State.PLAYING;
      startupDelay = now - created;
    } else if (state == State.STALLED && level >= resumeThreshold) {
      state = State.PLAYING;
      stallNanos += now - stallStarted;
    }
  }

  /**
   * Everything is downloaded at {@code nanos}: playback starts or resumes with what is
   * buffered (nothing more can arrive to reach a threshold).
   */
  public void finish(long nanos) {
    advance(nanos);
    if (state == State.WAITING) {
      startupDelay = now - created;
    } else if (state == State.STALLED) {
      stallNanos += now - stallStarted;
    }
    state = level > 0 ? State.PLAYING : state;
  }

  public long levelNanos() {
    return level;
  }

  public boolean playing() {
    return state == State.PLAYING;
  }

  /** Time from creation to the start of playback, or -1 before. */
  public long startupDelayNanos() {
    return startupDelay;
  }

  public int stallCount() {
    return stalls;
  }

  /** Time spent stalled (stalls still in progress are not counted until they end). */
  public long stallNanos() {
    return stallNanos;
  }
}
