package org.dmmedge.mobility.cmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings in memory, made durable by an append-only journal in one directory.
 *
 * <p>Files: {@code bindings.journal} (records appended by {@link #put}/{@link #remove}, forced
 * to disk by {@link #sync()}) and {@code bindings.snapshot} (every MN's state at compaction).
 * Opening loads the snapshot, then replays the journal up to its first torn record (a crash in
 * the middle of a write) and cuts the journal there. Compaction, when the journal holds more
 * than twice as many records as there are MNs (and at least {@code compactAfterRecords}),
 * writes a snapshot to a temporary file, forces it, renames it over the old one, forces the
 * directory, then empties the journal. A crash between the rename and the truncation is
 * harmless: journal records are whole MN states, so replaying them over the newer snapshot
 * ends in the same state.
 *
 * <p>Concurrency: one writer thread (the CMD worker); readers on any thread see the in-memory
 * map. Not for two processes at once.
 */
public final class FileBindingStore implements BindingStore {
  private static final Logger log = LoggerFactory.getLogger(FileBindingStore.class);
  /** Default journal size before a compaction is considered. */
  public static final int DEFAULT_COMPACT_AFTER_RECORDS = 10_000;

  private final Path directory;
  private final Path journalPath;
  private final Path snapshotPath;
  private final int compactAfterRecords;
  private final InMemoryBindingStore memory = new InMemoryBindingStore();
  private FileChannel journal;
  private long journalRecords;
  private boolean dirty;

  private FileBindingStore(Path directory, int compactAfterRecords) {
    this.directory = directory;
    this.journalPath = directory.resolve("bindings.journal");
    this.snapshotPath = directory.resolve("bindings.snapshot");
    this.compactAfterRecords = compactAfterRecords;
  }

  /** Opens (creating if needed) the store in {@code directory} and loads what it holds. */
  public static FileBindingStore open(Path directory, int compactAfterRecords) {
    if (compactAfterRecords < 1) {
      throw new IllegalArgumentException(
          "compactAfterRecords: " + compactAfterRecords + " (expected: >= 1)");
    }
    FileBindingStore store = new FileBindingStore(directory, compactAfterRecords);
    try {
      Files.createDirectories(directory);
      store.load();
    } catch (IOException e) {
      throw new UncheckedIOException("journal directory: " + directory, e);
    }
    return store;
  }

  private void load() throws IOException {
    if (Files.exists(snapshotPath)) {
      ByteBuffer snapshot = ByteBuffer.wrap(Files.readAllBytes(snapshotPath));
      JournalFormat.Entry entry;
      while ((entry = JournalFormat.read(snapshot)) != null) {
        apply(entry);
      }
      if (snapshot.hasRemaining()) {
        throw new IOException(snapshotPath + " is damaged at offset " + snapshot.position());
      }
    }
    journal = FileChannel.open(journalPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    ByteBuffer records = ByteBuffer.allocate((int) journal.size());
    while (records.hasRemaining() && journal.read(records, records.position()) > 0) {
      // fill
    }
    records.flip();
    JournalFormat.Entry entry;
    while ((entry = JournalFormat.read(records)) != null) {
      apply(entry);
      journalRecords++;
    }
    if (records.hasRemaining()) {
      log.warn("{}: cutting a torn record at offset {} ({} bytes)", journalPath,
          records.position(), records.remaining());
      journal.truncate(records.position());
      journal.force(true);
    }
    journal.position(records.position());
    log.info("loaded {} MN binding(s) from {}", memory.size(), directory);
  }

  private void apply(JournalFormat.Entry entry) {
    if (entry.op() == JournalFormat.PUT) {
      memory.put(entry.bindings());
    } else {
      memory.remove(entry.mnId());
    }
  }

  @Override
  public Optional<MobileNodeBindings> get(String mnId) {
    return memory.get(mnId);
  }

  @Override
  public Collection<MobileNodeBindings> all() {
    return memory.all();
  }

  @Override
  public int size() {
    return memory.size();
  }

  @Override
  public void put(MobileNodeBindings bindings) {
    append(JournalFormat.put(bindings));
    memory.put(bindings);
  }

  @Override
  public void remove(String mnId) {
    append(JournalFormat.remove(mnId));
    memory.remove(mnId);
  }

  private void append(byte[] record) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(record);
      while (buf.hasRemaining()) {
        journal.write(buf);
      }
      journalRecords++;
      dirty = true;
    } catch (IOException e) {
      throw new UncheckedIOException("journal write: " + journalPath, e);
    }
  }

  @Override
  public void sync() {
    if (!dirty) {
      return;
    }
    try {
      journal.force(false);
      dirty = false;
      if (journalRecords >= compactAfterRecords && journalRecords > 2L * memory.size()) {
        compact();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("journal sync: " + journalPath, e);
    }
  }

  private void compact() throws IOException {
    Path temporary = directory.resolve("bindings.snapshot.tmp");
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (MobileNodeBindings mn : memory.all()) {
        ByteBuffer buf = ByteBuffer.wrap(JournalFormat.put(mn));
        while (buf.hasRemaining()) {
          out.write(buf);
        }
      }
      out.force(true);
    }
    Files.move(temporary, snapshotPath, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
    journal.truncate(0);
    journal.position(0);
    journal.force(true);
    log.debug("compacted {} journal records into a snapshot of {} MNs", journalRecords,
        memory.size());
    journalRecords = 0;
  }

  @Override
  public void close() {
    try {
      journal.force(true);
      journal.close();
    } catch (IOException e) {
      log.warn("closing {}: {}", journalPath, e.toString());
    }
  }
}
