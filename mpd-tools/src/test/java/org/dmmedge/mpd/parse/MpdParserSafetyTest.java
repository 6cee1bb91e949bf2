package org.dmmedge.mpd.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hostile and broken documents: refused with a located message, never read, never hang. */
class MpdParserSafetyTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  private static MpdParseException fail(String xml) {
    return fail(new MpdParser(), xml);
  }

  private static MpdParseException fail(MpdParser parser, String xml) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        parser.parse(xml.getBytes(UTF_8), Optional.empty());
      } catch (MpdParseException e) {
        return e;
      }
      throw new AssertionError("parsed: " + xml);
    });
  }

  @Test
  void externalEntityIsRefusedAndTheFileIsNeverRead() {
    MpdParseException e = fail("""
        <?xml version="1.0"?>
        <!DOCTYPE MPD [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <MPD type="static"><BaseURL>&xxe;</BaseURL></MPD>
        """);
    assertThat(e.first().element()).isEqualTo("DOCTYPE");
    assertThat(e.getMessage()).contains("line 2").doesNotContain("root:");
  }

  @Test
  void externalDtdIsRefused() {
    MpdParseException e = fail("""
        <?xml version="1.0"?>
        <!DOCTYPE MPD SYSTEM "http://127.0.0.1:9/evil.dtd">
        <MPD/>
        """);
    assertThat(e.first().element()).isEqualTo("DOCTYPE");
  }

  @Test
  void billionLaughsIsRefusedBeforeAnyExpansion() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE MPD [\n"
        + " <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append(" <!ENTITY lol").append(i).append(" \"");
      xml.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    xml.append("]>\n<MPD><BaseURL>&lol9;</BaseURL></MPD>\n");
    MpdParseException e = fail(xml.toString());
    assertThat(e.first().element()).isEqualTo("DOCTYPE");
  }

  @Test
  void undeclaredEntityIsAnXmlError() {
    MpdParseException e = fail("<MPD>\n<BaseURL>&nope;</BaseURL></MPD>");
    assertThat(e.first().line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("nope");
  }

  @Test
  void malformedXmlNamesTheLine() {
    MpdParseException e = fail("<MPD>\n  <Period>\n    <AdaptationSet>\n</MPD>");
    assertThat(e.first().line()).isEqualTo(4);
    assertThat(e.getMessage()).startsWith("line 4: ");
  }

  @Test
  void truncatedDocumentIsAnError() {
    MpdParseException e = fail("<MPD><Period><AdaptationSet><Representation id=\"a\" ");
    assertThat(e.first().expected()).contains("well-formed XML");
  }

  @Test
  void wrongRootIsNamed() {
    MpdParseException e = fail("<html>\n<body/></html>");
    assertThat(e.first().toString()).isEqualTo("line 1: html: (absent) (expected: the root element MPD)");
  }

  @Test
  void documentsAboveTheSizeLimitAreRefused() {
    String xml = "<MPD>" + "<!-- padding -->".repeat(200) + "</MPD>";
    MpdParseException e = fail(new MpdParser(1000), xml);
    assertThat(e.getMessage()).contains("more than 1000 bytes").contains("expected: <= 1000 bytes");
  }

  @Test
  void everyBadValueIsReportedWithElementAttributeValueAndLine() {
    MpdParseException e = fail("""
        <MPD type="static" mediaPresentationDuration="ten seconds">
          <Period>
            <AdaptationSet>
              <SegmentTemplate timescale="0" duration="0" startNumber="x" media="$Foo$"
                               availabilityTimeOffset="-1"/>
              <Representation id="v" bandwidth="-5">
                <SegmentTemplate timescale="4294967296">
                  <SegmentTimeline><S d="0"/><S d="2" r="-2"/></SegmentTimeline>
                </SegmentTemplate>
              </Representation>
            </AdaptationSet>
          </Period>
        </MPD>
        """);
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "line 1: MPD@mediaPresentationDuration: ten seconds (expected: xs:duration such as PT2S or P1DT1H)",
        "line 5: SegmentTemplate@timescale: 0 (expected: an integer in 1..4294967295)",
        "line 5: SegmentTemplate@availabilityTimeOffset: -1 (expected: seconds >= 0 or INF)",
        "line 5: SegmentTemplate@duration: 0 (expected: an integer in 1..4294967295)",
        "line 5: SegmentTemplate@startNumber: x (expected: an integer in 0..4294967295)",
        "line 5: SegmentTemplate@media: $Foo$ (expected: identifiers among RepresentationID, Number, Time, Bandwidth, SubNumber; found $Foo$)",
        "line 7: SegmentTemplate@timescale: 4294967296 (expected: an integer in 1..4294967295)",
        "line 8: S@d: 0 (expected: an integer in 1..9223372036854775807)",
        "line 8: S@r: -2 (expected: an integer in -1..9223372036854775807)",
        "line 6: Representation@bandwidth: -5 (expected: an integer in 0..9223372036854775807)");
    assertThat(e.getMessage()).endsWith("(and 9 more)");
  }

  @Test
  void dynamicWithoutAvailabilityStartTimeAndStaticPeriodWithoutStart() {
    assertThat(fail("<MPD type=\"dynamic\"><Period/></MPD>").first().toString())
        .isEqualTo("line 1: MPD@availabilityStartTime: (absent) (expected: present when MPD@type is dynamic)");
    assertThat(fail("<MPD type=\"static\">\n<Period/>\n<Period/></MPD>").first().toString())
        .startsWith("line 3: Period@start: (absent)");
  }
}
