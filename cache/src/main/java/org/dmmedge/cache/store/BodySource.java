package org.dmmedge.cache.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import org.dmmedge.cache.CachedBody;

/**
 * The stored bytes of one response in one tier, shared by every reader of the entry.
 *
 * <p>Reference counted on its own (not through the body's ByteBuf): the index entry holds one
 * reference and releases it on removal; {@link #open} takes a reference only while the entry
 * is still alive, so a reader racing an eviction gets {@code null} instead of freed memory.
 */
public interface BodySource {
  /** Number of body bytes. */
  long length();

  /**
   * Bytes {@code offset .. offset+length} for one response, owned by the caller; {@code null}
   * when this source was released meanwhile (treat as a miss).
   *
   * @throws IOException if a disk body cannot be opened
   */
  CachedBody open(long offset, long length) throws IOException;

  /**
   * The whole body in one off-heap buffer owned by the caller (a retained duplicate for memory,
   * a read of the file for disk), or null when this source was released meanwhile.
   *
   * @throws IOException if a disk body cannot be read
   */
  ByteBuf retainedContent(ByteBufAllocator alloc) throws IOException;

  /** Takes one more reference; false when already released. */
  boolean tryRetain();

  /** Drops one reference; the last frees the memory or deletes the file. */
  void release();
}
