package org.dmmedge.mobility.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dmmedge.mobility.Ipv6Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: reload, torn last record, compaction into a snapshot. */
class FileBindingStoreTest {
  @TempDir
  Path dir;

  @Test
  void reopeningReplaysPutsAndRemoves() {
    try (FileBindingStore store = FileBindingStore.open(dir, 1000)) {
      store.put(mn(1, "127.0.0.1"));
      store.put(mn(2, "127.0.0.1"));
      store.put(mn(1, "127.0.0.2"));
      store.remove("mn2");
      store.sync();
    }
    try (FileBindingStore store = FileBindingStore.open(dir, 1000)) {
      assertThat(store.all()).containsExactly(mn(1, "127.0.0.2"));
    }
  }

  @Test
  void aTornLastRecordIsCutAndTheRestKept() throws IOException {
    try (FileBindingStore store = FileBindingStore.open(dir, 1000)) {
      store.put(mn(1, "127.0.0.1"));
      store.put(mn(2, "127.0.0.1"));
      store.sync();
    }
    Path journal = dir.resolve("bindings.journal");
    long size = Files.size(journal);
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
      channel.truncate(size - 5);
    }
    try (FileBindingStore store = FileBindingStore.open(dir, 1000)) {
      assertThat(store.all()).containsExactly(mn(1, "127.0.0.1"));
      store.put(mn(3, "127.0.0.1"));
      store.sync();
    }
    try (FileBindingStore store = FileBindingStore.open(dir, 1000)) {
      assertThat(store.all()).containsExactlyInAnyOrder(mn(1, "127.0.0.1"), mn(3, "127.0.0.1"));
    }
  }

  @Test
  void compactionWritesASnapshotAndEmptiesTheJournal() throws IOException {
    try (FileBindingStore store = FileBindingStore.open(dir, 10)) {
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 3; i++) {
          store.put(mn(i, "127.0.0." + (round + 1)));
        }
        store.sync();
      }
    }
    assertThat(dir.resolve("bindings.snapshot")).exists();
    assertThat(Files.size(dir.resolve("bindings.journal")))
        .isLessThan(10L * JournalFormat.put(mn(0, "127.0.0.1")).length);
    try (FileBindingStore store = FileBindingStore.open(dir, 10)) {
      assertThat(store.all()).containsExactlyInAnyOrder(mn(0, "127.0.0.5"), mn(1, "127.0.0.5"),
          mn(2, "127.0.0.5"));
    }
  }

  private static MobileNodeBindings mn(int n, String serving) {
    try {
      InetAddress mar = InetAddress.getByName(serving);
      return new MobileNodeBindings("mn" + n, mar, new byte[] {1, 2, 3}, List.of(
          new Binding(Ipv6Prefix.parse("2001:db8:" + (n + 1) + "::/64"), mar,
              Duration.ofSeconds(40), Instant.parse("2026-01-01T00:00:00Z"))));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
