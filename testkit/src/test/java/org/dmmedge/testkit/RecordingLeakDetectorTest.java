package org.dmmedge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the build really fails on a leak: a dropped buffer must be recorded. */
class RecordingLeakDetectorTest {

  @Test
  void recordsABufferThatWasNeverReleased() throws InterruptedException {
    leakOneBuffer();
    List<String> found = new ArrayList<>();
    for (int round = 0; round < 20 && found.isEmpty(); round++) {
      System.gc();
      Thread.sleep(20);
      for (int i = 0; i < 64; i++) {
        PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
      }
      found.addAll(RecordingLeakDetector.drain());
    }
    assertThat(found).isNotEmpty();
    assertThat(found.get(0)).startsWith("LEAK: ByteBuf was not released");
  }

  @Test
  void releasedBuffersAreNotReported() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
      buf.writeLong(i);
      buf.release();
    }
    System.gc();
    Thread.sleep(20);
    PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
    assertThat(RecordingLeakDetector.drain()).isEmpty();
  }

  private static void leakOneBuffer() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(8);
    leaked.writeLong(42);
  }
}
