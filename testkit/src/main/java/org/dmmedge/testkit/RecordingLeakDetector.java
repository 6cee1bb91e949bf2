package org.dmmedge.testkit;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Netty leak detector that, besides logging, records every leak it finds so that
 * {@link LeakCheckExtension} can fail the test that caused it.
 *
 * <p>Installed through the system property {@code io.netty.customResourceLeakDetector}, which
 * {@code ResourceLeakDetectorFactory} reads when Netty creates its first detector; the
 * {@code (Class, int)} constructor is the one it looks up. Thread-safe: reports arrive from
 * whichever thread allocates after the garbage collector found a leaked buffer.
 *
 * @param <T> the tracked resource type
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  /**
   * The constructor Netty's factory looks up first; without it the factory logs a spurious
   * "Could not load custom resource leak detector" before falling back to the one above.
   */
  @SuppressWarnings("deprecation")
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval, maxActive);
  }

  /** Returns and clears the leaks recorded so far. */
  static List<String> drain() {
    List<String> found = List.copyOf(LEAKS);
    LEAKS.removeAll(found);
    return found;
  }

  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add("LEAK: " + resourceType + " was not released" + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add("LEAK: " + resourceType + " was not released (no access records)");
    super.reportUntracedLeak(resourceType);
  }
}
