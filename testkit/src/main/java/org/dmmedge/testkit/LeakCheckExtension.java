package org.dmmedge.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector found an unreleased buffer while it ran.
 *
 * <p>Registered for every test class through JUnit's extension auto-detection (the
 * {@code junit-platform.properties} and service file shipped in this jar). After all tests of
 * a class it asks the garbage collector to collect, then allocates a few tracked buffers: Netty
 * reports collected-but-unreleased buffers only when the next tracked buffer is created.
 * Without {@code -Dio.netty.customResourceLeakDetector=org.dmmedge.testkit.RecordingLeakDetector}
 * (set by the parent pom's test argLine) it does nothing but the extra GC.
 */
public final class LeakCheckExtension implements AfterAllCallback {
  private static final int GC_ROUNDS = 3;

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    List<String> leaks = new ArrayList<>();
    for (int round = 0; round < GC_ROUNDS; round++) {
      System.gc();
      Thread.sleep(20);
      // Each tracked allocation polls the detector's reference queue.
      for (int i = 0; i < 64; i++) {
        release(PooledByteBufAllocator.DEFAULT.directBuffer(1));
        release(UnpooledByteBufAllocator.DEFAULT.directBuffer(1));
        release(PooledByteBufAllocator.DEFAULT.heapBuffer(1));
      }
      leaks.addAll(RecordingLeakDetector.drain());
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " Netty buffer leak(s) in " + context.getDisplayName() + ":\n"
              + String.join("\n", leaks));
    }
  }

  private static void release(ByteBuf buf) {
    buf.release();
  }
}
