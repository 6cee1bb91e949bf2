package org.dmmedge.mpd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dmmedge.mpd.Corpus;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.segment.SegmentEnumerationException;
import org.dmmedge.mpd.segment.SegmentEnumerator;
import org.dmmedge.mpd.segment.SegmentSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every MPD of the shared corpus parses, and every Representation of it enumerates. */
class CorpusParseTest {
  /**
   * Files of the corpus that are not well-formed XML as committed upstream (no whitespace
   * between two attributes of the MPD element): they must fail with a located message.
   */
  private static final Map<String, Integer> NOT_WELL_FORMED = Map.of(
      "dashif-livesim2__testpic_2s_Manifest.mpd", 2,
      "dashif-livesim2__testpic_2s_Manifest_endNumber.mpd", 2);

  /** A BaseURL fixture whose SegmentTemplates are empty: it parses but has no segments. */
  private static final String NO_MEDIA_TEMPLATE = "androidx-media__mpd_sample_mpd_multiple_baseUrls.mpd";

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static Stream<Path> corpus() {
    return Corpus.files().stream();
  }

  @Test
  void corpusIsThere() {
    assertThat(Corpus.files()).hasSizeGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void parsesAndEnumerates(Path file) {
    String name = file.getFileName().toString();
    MpdParser parser = new MpdParser();
    Optional<String> url = Optional.of("https://cdn.example/content/" + name);
    if (NOT_WELL_FORMED.containsKey(name)) {
      assertThatThrownBy(() -> parser.parse(file, url))
          .isInstanceOf(MpdParseException.class)
          .satisfies(e -> assertThat(((MpdParseException) e).first().line())
              .isEqualTo(NOT_WELL_FORMED.get(name)))
          .hasMessageStartingWith("line 2: ");
      return;
    }
    Mpd mpd = parser.parse(file, url);
    assertThat(mpd.periods()).isNotEmpty();
    SegmentEnumerator enumerator = new SegmentEnumerator();
    if (name.equals(NO_MEDIA_TEMPLATE)) {
      mpd.representations().forEach(rep ->
          assertThatThrownBy(() -> enumerator.enumerate(rep, Optional.of(NOW)))
              .isInstanceOf(SegmentEnumerationException.class)
              .hasMessageContaining("SegmentTemplate@media: (absent)"));
      return;
    }
    mpd.representations().forEach(rep -> {
      SegmentSequence seq = enumerator.enumerate(rep, Optional.of(NOW));
      seq.stream().limit(5).forEach(s -> assertThat(s.url()).startsWith("http"));
      seq.initialization().ifPresent(s -> assertThat(s.url()).startsWith("http"));
    });
  }
}
