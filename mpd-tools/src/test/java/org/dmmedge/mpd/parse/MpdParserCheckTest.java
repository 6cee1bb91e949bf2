package org.dmmedge.mpd.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MpdParser#check}: problems make an MPD unusable, warnings are tolerated. */
class MpdParserCheckTest {
  private static MpdParser.CheckResult check(String xml) {
    return new MpdParser().check(new ByteArrayInputStream(xml.getBytes(UTF_8)), Optional.empty());
  }

  @Test
  void absentRepresentationIdAndBandwidthAreWarnings() {
    MpdParser.CheckResult r = check("""
        <MPD type="static" mediaPresentationDuration="PT4S"><Period><AdaptationSet>
          <SegmentTemplate media="s$Number$.m4s" duration="2"/>
          <Representation/>
        </AdaptationSet></Period></MPD>""");
    assertThat(r.problems()).isEmpty();
    assertThat(r.mpd()).isPresent();
    assertThat(r.mpd().get().representations().findFirst().orElseThrow().representation().id())
        .isEmpty();
    assertThat(r.warnings()).extracting(Problem::toString).containsExactly(
        "line 3: Representation@id: (absent) (expected: an identifier)",
        "line 3: Representation@bandwidth: (absent) (expected: bits per second)");
  }

  @Test
  void problemsMakeItUnusableAndWarningsFoundBeforeAreKept() {
    MpdParser.CheckResult r = check("""
        <MPD type="static"><Period><AdaptationSet>
          <Representation bandwidth="1"/>
          <Representation id="x" bandwidth="-1"/>
        </AdaptationSet></Period></MPD>""");
    assertThat(r.mpd()).isEmpty();
    assertThat(r.problems()).extracting(Problem::toString).containsExactly(
        "line 3: Representation@bandwidth: -1 (expected: an integer in 0..9223372036854775807)");
    assertThat(r.warnings()).extracting(Problem::attribute).containsExactly("id");
  }
}
