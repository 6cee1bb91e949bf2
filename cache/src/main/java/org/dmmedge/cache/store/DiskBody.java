package org.dmmedge.cache.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.dmmedge.cache.CachedBody;

/**
 * A body stored as a file of the disk tier, sent with zero-copy file regions.
 *
 * <p>Concurrency: like {@link MemoryBody}, a CAS reference count that never resurrects; the
 * last release deletes the body and metadata files, unless the store is shutting down
 * ({@code keepFiles}) so the entry survives a restart. A channel opened before the deletion
 * stays readable (POSIX unlink semantics).
 *
 * <p>Promotion: the body counts the hits served from it ({@link #hitStartsPromotion}); a
 * refreshed entry shares the body and so the count. At most one promotion read runs at a time.
 */
final class DiskBody implements BodySource {
  private final Path bodyFile;
  private final Path metaFile;
  private final long length;
  private final BooleanSupplier keepFiles;
  private final RefCount refs = new RefCount();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicBoolean promoting = new AtomicBoolean();

  DiskBody(Path bodyFile, Path metaFile, long length, BooleanSupplier keepFiles) {
    this.bodyFile = bodyFile;
    this.metaFile = metaFile;
    this.length = length;
    this.keepFiles = keepFiles;
  }

  Path bodyFile() {
    return bodyFile;
  }

  Path metaFile() {
    return metaFile;
  }

  /**
   * Counts one hit served from this body; true when it is an {@code everyHits}-th one and no
   * promotion runs, in which case the caller must call {@link #promotionDone()} when done.
   */
  boolean hitStartsPromotion(int everyHits) {
    return hits.incrementAndGet() % everyHits == 0 && promoting.compareAndSet(false, true);
  }

  /** Ends the promotion {@link #hitStartsPromotion} started (whatever its outcome). */
  void promotionDone() {
    promoting.set(false);
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public CachedBody open(long offset, long count) throws IOException {
    if (!tryRetain()) {
      return null;
    }
    try {
      return new CachedBody.File(
          FileChannel.open(bodyFile, StandardOpenOption.READ), offset, count);
    } catch (NoSuchFileException deleted) {
      return null;
    } finally {
      release();
    }
  }

  @Override
  public ByteBuf retainedContent(ByteBufAllocator alloc) throws IOException {
    if (!tryRetain()) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(bodyFile, StandardOpenOption.READ)) {
      ByteBuf content = alloc.directBuffer((int) length, (int) length);
      try {
        while (content.writableBytes() > 0) {
          if (content.writeBytes(channel, content.writerIndex(), content.writableBytes()) < 0) {
            throw new IOException(bodyFile + ": shorter than " + length + " bytes");
          }
        }
        return content;
      } catch (IOException | RuntimeException e) {
        content.release();
        throw e;
      }
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
    if (refs.release() && !keepFiles.getAsBoolean()) {
      try {
        Files.deleteIfExists(metaFile);
        Files.deleteIfExists(bodyFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
