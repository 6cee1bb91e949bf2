package org.dmmedge.mpd.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mpd.Corpus;
import org.dmmedge.mpd.model.Mpd;
import org.junit.jupiter.api.Test;

/** One parser instance serves several threads (the edge parses MPDs on many connections). */
class MpdParserConcurrencyTest {
  @Test
  void sharedParserGivesTheSameModelsOnFourThreads() throws Exception {
    MpdParser parser = new MpdParser();
    List<byte[]> docs = new ArrayList<>();
    List<Mpd> expected = new ArrayList<>();
    for (Path f : Corpus.files()) {
      byte[] doc = Files.readAllBytes(f);
      try {
        expected.add(parser.parse(doc, Optional.of("https://x/m.mpd")));
        docs.add(doc);
      } catch (MpdParseException e) {
        // the corpus's two malformed files: covered by CorpusParseTest
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Mpd>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          List<Mpd> out = new ArrayList<>();
          for (int round = 0; round < 5; round++) {
            out.clear();
            for (byte[] doc : docs) {
              out.add(parser.parse(doc, Optional.of("https://x/m.mpd")));
            }
          }
          return out;
        }));
      }
      for (Future<List<Mpd>> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
