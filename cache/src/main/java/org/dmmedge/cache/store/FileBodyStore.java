package org.dmmedge.cache.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.dmmedge.cache.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk tier: one directory holding, per entry, {@code <id>.body} (the raw body, sent with
 * zero-copy file regions) and {@code <id>.meta} (see {@link MetaCodec}), indexed by a
 * {@link CacheIndex} under the disk budget. Entries survive a restart: {@link #open} rebuilds
 * the index from the directory and deletes partial or corrupt files.
 *
 * <p>Concurrency: lookups are lock-free (the index). Disk I/O (writes, metadata rewrites and
 * the reads of {@link #hit promotions}) runs on one background thread, so no caller ever
 * waits for the disk: {@link #write} takes a retained duplicate of the memory body and
 * returns. A write whose key was invalidated before it finished is discarded
 * ({@code pending} map). The metadata file is written to a temporary name and moved into place
 * atomically last, so a crash leaves a body without metadata, which the next start deletes.
 */
public final class FileBodyStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileBodyStore.class);
  private static final String BODY = ".body";
  private static final String META = ".meta";
  private static final String TEMP = ".tmp";

  /** Rebuilds a stored response from disk metadata (freshness is computed by the cache). */
  public interface Rebuilder {
    /** The stored response for {@code meta} with body {@code body}. */
    StoredResponse rebuild(
        VariantKey key, List<String> varyNames, int status, Headers headers,
        long requestTimeMillis, long responseTimeMillis, BodySource body);
  }

  /** Receives the body of a disk entry read back for the memory tier; runs on the disk thread. */
  public interface Promotion {
    /**
     * {@code content} holds the whole body of {@code entry} (never a part of it) and is owned
     * by the callee, who must store or release it, also when it throws.
     */
    void promote(StoredResponse entry, ByteBuf content);
  }

  private final Path directory;
  private final CacheIndex index;
  private final ByteBufAllocator alloc;
  private final ExecutorService io;
  private final ConcurrentHashMap<VariantKey, StoredResponse> pending = new ConcurrentHashMap<>();
  private volatile boolean closing;

  private FileBodyStore(
      Path directory, long budgetBytes, ByteBufAllocator alloc, Consumer<VariantKey> onRemoved) {
    this.directory = directory;
    this.alloc = alloc;
    this.index = new CacheIndex(budgetBytes, onRemoved);
    this.io = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "cache-disk-io");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Opens the tier in {@code directory} (created if missing) and loads every intact entry.
   *
   * @throws UncheckedIOException if the directory cannot be created or listed
   */
  public static FileBodyStore open(
      Path directory, long budgetBytes, ByteBufAllocator alloc, Rebuilder rebuilder,
      Consumer<VariantKey> onRemoved) {
    FileBodyStore store = new FileBodyStore(directory, budgetBytes, alloc, onRemoved);
    try {
      Files.createDirectories(directory);
      store.load(rebuilder);
    } catch (IOException e) {
      store.io.shutdownNow();
      throw new UncheckedIOException("diskDirectory: " + directory + " (expected: a writable directory)", e);
    }
    return store;
  }

  private void load(Rebuilder rebuilder) throws IOException {
    int loaded = 0;
    int dropped = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(TEMP)) {
          Files.deleteIfExists(file);
          dropped++;
        } else if (name.endsWith(BODY)) {
          if (!Files.exists(sibling(file, BODY, META))) {
            Files.deleteIfExists(file);
            dropped++;
          }
        } else if (name.endsWith(META)) {
          if (loadEntry(file, rebuilder)) {
            loaded++;
          } else {
            dropped++;
          }
        }
      }
    }
    log.info("disk tier {}: {} entries loaded, {} partial or corrupt files dropped",
        directory, loaded, dropped);
  }

  private boolean loadEntry(Path metaFile, Rebuilder rebuilder) throws IOException {
    Path bodyFile = sibling(metaFile, META, BODY);
    try {
      MetaCodec.Meta meta = MetaCodec.decode(Files.readAllBytes(metaFile));
      if (!Files.exists(bodyFile) || Files.size(bodyFile) != meta.bodyLength()) {
        throw new IOException("body file missing or of the wrong length");
      }
      DiskBody body = new DiskBody(bodyFile, metaFile, meta.bodyLength(), () -> closing);
      index.put(rebuilder.rebuild(
          meta.key(), meta.varyNames(), meta.status(), meta.headers(), meta.requestTimeMillis(),
          meta.responseTimeMillis(), body));
      return true;
    } catch (IOException corrupt) {
      log.warn("disk tier: dropping {}: {}", metaFile.getFileName(), corrupt.getMessage());
      Files.deleteIfExists(metaFile);
      Files.deleteIfExists(bodyFile);
      return false;
    }
  }

  private static Path sibling(Path file, String suffix, String otherSuffix) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - suffix.length()) + otherSuffix);
  }

  /** The disk entry of {@code key}, or null. */
  public StoredResponse get(VariantKey key) {
    return index.get(key);
  }

  /**
   * Whether {@code entry} is still this tier's entry of its key: not evicted, invalidated or
   * refreshed, and no newer response for the key is being written.
   */
  public boolean isCurrent(StoredResponse entry) {
    return index.get(entry.variantKey()) == entry && !pending.containsKey(entry.variantKey());
  }

  /** Whether {@code key} is on disk or being written. */
  public boolean contains(VariantKey key) {
    return index.contains(key) || pending.containsKey(key);
  }

  /**
   * Counts one hit served from {@code entry}, an entry of this tier. Every {@code everyHits}-th
   * hit (unless a read of it is still running) its whole body is read on the disk thread, never
   * the caller's, and handed to {@code promotion}, provided the entry is still {@link
   * #isCurrent current} when the read starts. A file that is gone, short or unreadable
   * promotes nothing. {@code everyHits} 0 does nothing.
   */
  public void hit(StoredResponse entry, int everyHits, Promotion promotion) {
    if (everyHits <= 0 || closing || !(entry.body() instanceof DiskBody body)
        || !body.hitStartsPromotion(everyHits)) {
      return;
    }
    try {
      io.execute(() -> readForPromotion(entry, body, promotion));
    } catch (RejectedExecutionException shuttingDown) {
      body.promotionDone();
    }
  }

  private void readForPromotion(StoredResponse entry, DiskBody body, Promotion promotion) {
    try {
      if (!io.isShutdown() && isCurrent(entry)) {
        ByteBuf content = body.retainedContent(alloc);
        if (content != null) {
          promotion.promote(entry, content);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("disk tier: cannot promote {}: {}", entry.key().uri(), e.toString());
    } finally {
      body.promotionDone();
    }
  }

  /**
   * Writes a copy of a complete memory entry to disk in the background. The caller keeps its
   * own references; this takes a retained duplicate of the body for the write.
   */
  public void write(StoredResponse stored) {
    if (closing) {
      return;
    }
    ByteBuf content;
    try {
      content = stored.body().retainedContent(alloc);
    } catch (IOException impossible) {
      return; // memory bodies do not do I/O
    }
    if (content == null) {
      return;
    }
    pending.put(stored.variantKey(), stored);
    try {
      io.execute(() -> writeNow(stored, content));
    } catch (RejectedExecutionException shuttingDown) {
      pending.remove(stored.variantKey(), stored);
      content.release();
    }
  }

  private void writeNow(StoredResponse stored, ByteBuf content) {
    String id = UUID.randomUUID().toString();
    Path bodyFile = directory.resolve(id + BODY);
    Path metaFile = directory.resolve(id + META);
    try {
      try (FileChannel channel = FileChannel.open(bodyFile, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        int index = content.readerIndex();
        int end = content.writerIndex();
        long position = 0;
        while (index < end) {
          int written = content.getBytes(index, channel, position, end - index);
          index += written;
          position += written;
        }
      }
      writeMeta(stored, metaFile);
      DiskBody body = new DiskBody(bodyFile, metaFile, content.readableBytes(), () -> closing);
      if (pending.remove(stored.variantKey(), stored)) {
        index.put(stored.withBody(body, stored.clientHeaders()));
      } else {
        body.release(); // invalidated while writing
      }
    } catch (IOException | RuntimeException e) {
      pending.remove(stored.variantKey(), stored);
      log.warn("disk tier: cannot write {}: {}", stored.key().uri(), e.toString());
      deleteQuietly(bodyFile);
      deleteQuietly(metaFile);
    } finally {
      content.release();
    }
  }

  private void writeMeta(StoredResponse stored, Path metaFile) throws IOException {
    Path temp = metaFile.resolveSibling(metaFile.getFileName() + TEMP);
    Files.write(temp, MetaCodec.encode(new MetaCodec.Meta(
        stored.variantKey(), stored.varyNames(), stored.status(), stored.headers(),
        stored.requestTimeMillis(), stored.responseTimeMillis(), stored.body() == null
            ? 0 : stored.body().length())));
    Files.move(temp, metaFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Replaces the disk entry of {@code refreshed}'s key after a 304 (RFC 9111 §4.3.4): its
   * metadata file is rewritten in the background. {@code refreshed} must share the current disk
   * entry's body (with its own reference).
   */
  public void refresh(StoredResponse refreshed) {
    if (!(refreshed.body() instanceof DiskBody body)) {
      throw new IllegalArgumentException("refreshed: not a disk entry (expected: a DiskBody)");
    }
    index.put(refreshed);
    try {
      io.execute(() -> {
        try {
          if (index.get(refreshed.variantKey()) == refreshed) {
            writeMeta(refreshed, body.metaFile());
          }
        } catch (IOException e) {
          log.warn("disk tier: cannot refresh {}: {}", refreshed.key().uri(), e.toString());
        }
      });
    } catch (RejectedExecutionException closing) {
      log.debug("disk tier closing: refresh of {} kept in memory only", refreshed.key().uri());
    }
  }

  /** Removes the entry of {@code key} (and a write in progress for it); deletes its files. */
  public boolean invalidate(VariantKey key) {
    boolean pendingWrite = pending.remove(key) != null;
    return index.invalidate(key) || pendingWrite;
  }

  /** Removes every entry whose key matches; returns how many. */
  public int invalidateIf(Predicate<VariantKey> matches) {
    pending.keySet().removeIf(matches);
    return index.invalidateIf(matches);
  }

  /**
   * Waits until the writes submitted so far are on disk.
   *
   * @return false when {@code timeout} passed first
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    Future<?> marker = io.submit(() -> { });
    try {
      marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Entries on disk. */
  public long size() {
    return index.size();
  }

  /** Body bytes on disk. */
  public long bodyBytes() {
    return index.bodyBytes();
  }

  /** Entries evicted for the disk budget. */
  public long evictions() {
    return index.evictions();
  }

  /** The files of this tier's directory stay for the next start; pending writes finish. */
  @Override
  public void close() {
    io.shutdown();
    try {
      if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("disk tier: writes still running after 10 s, abandoning them");
        io.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closing = true;
    index.invalidateAll();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("disk tier: cannot delete {}: {}", file, e.toString());
    }
  }
}
