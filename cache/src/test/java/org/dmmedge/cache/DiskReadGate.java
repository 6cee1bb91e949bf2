package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real (unpooled, direct) allocator that holds the disk thread ({@code cache-disk-io}) at
 * its first buffer allocation, which for a cache that stores nothing is a promotion read's
 * copy, until {@link #open}: lets a test act while that read is in flight, without sleeps.
 */
final class DiskReadGate extends AbstractByteBufAllocator {
  private static final long WAIT_SECONDS = 10;

  private final CountDownLatch readStarted = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  DiskReadGate() {
    super(true);
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    if (Thread.currentThread().getName().equals("cache-disk-io") && readStarted.getCount() > 0) {
      readStarted.countDown();
      try {
        opened.await(WAIT_SECONDS, TimeUnit.SECONDS); // bounded: a failing test cannot hang
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  /** Waits (bounded) until the disk thread is held in its first allocation. */
  void awaitReadStarted() throws InterruptedException {
    assertThat(readStarted.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("promotion read started on the disk thread").isTrue();
  }

  /** Lets the held disk thread go on (idempotent). */
  void open() {
    opened.countDown();
  }
}
