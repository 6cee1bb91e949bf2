package org.dmmedge.cache.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.dmmedge.cache.CachedBody;

/**
 * A body held in off-heap (pooled direct) memory; readers get retained slices, never copies.
 *
 * <p>Concurrency: {@link #open} acquires a reference with a CAS that never resurrects a
 * released body, slices, then drops it; so the buffer cannot be freed between an index lookup
 * and the slice. Owns one reference of the {@code ByteBuf} given to it and releases it when its
 * own count reaches zero.
 */
public final class MemoryBody implements BodySource {
  private final ByteBuf content;
  private final RefCount refs = new RefCount();

  /**
   * @param content the body, readable from its reader index; ownership passes to this object
   */
  public MemoryBody(ByteBuf content) {
    this.content = content;
  }

  @Override
  public long length() {
    return content.readableBytes();
  }

  @Override
  public CachedBody open(long offset, long length) {
    if (length == 0) {
      return new CachedBody.Memory(Unpooled.EMPTY_BUFFER);
    }
    if (!tryRetain()) {
      return null;
    }
    try {
      return new CachedBody.Memory(
          content.retainedSlice(content.readerIndex() + (int) offset, (int) length));
    } finally {
      release();
    }
  }

  @Override
  public ByteBuf retainedContent(ByteBufAllocator alloc) {
    if (!tryRetain()) {
      return null;
    }
    try {
      return content.retainedDuplicate();
    } finally {
      release();
    }
  }

  @Override
  public boolean tryRetain() {
    return refs.tryRetain();
  }

  @Override
  public void release() {
    if (refs.release()) {
      content.release();
    }
  }
}
