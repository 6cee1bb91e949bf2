package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISO/IEC 23009-1 §5.3.9.4.4 identifiers and format tags. */
class TemplateExpanderTest {
  @ParameterizedTest(name = "§5.3.9.4.4: {0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      "$Number$.m4s 42.m4s",
      "$Number%05d$.m4s 00042.m4s",
      "$Number%01d$ 42",
      "$Number%d$ 42",
      "t$Time$.m4s t9000.m4s",
      "$Time%012d$ 000000009000",
      "$RepresentationID$/$Number$ v1/42",
      "$Bandwidth$/$RepresentationID$ 300000/v1",
      "$Bandwidth%08d$ 00300000",
      "cost$$$Number$$$ cost$42$",
      "$$$$ $$",
      "$SubNumber$-$Number$ 7-42",
      "plain plain"})
  void expands(String template, String expected) {
    assertThat(TemplateExpander.compile(template).expand("v1", 300_000, 42, 9000, 7))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource(delimiter = '|', value = {
      "$Foo$.m4s|identifiers among",
      "seg-$Number.m4s|every $ closed",
      "$RepresentationID%05d$|no format tag on $RepresentationID$",
      "$Number%5x$|format tag %0<width>d",
      "$Number%099d$|width <= 64",
      "$Number%0ad$|format tag"})
  void refusesInvalidTemplates(String template, String message) {
    assertThatThrownBy(() -> TemplateExpander.compile(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(template + " (expected: ")
        .hasMessageContaining(message);
  }

  @Test
  void bindAndResolveKeepFieldsAndDollarsInRepresentationIds() {
    TemplateExpander t = TemplateExpander.compile("../$RepresentationID$/$Number%03d$.m4s")
        .bind("a$Number$b", 1).resolveAgainst("http://cdn/x/y/manifest.mpd");
    assertThat(t.expand("ignored", 0, 7, 0, 0)).isEqualTo("http://cdn/x/a$Number$b/007.m4s");
    assertThat(t.match("http://cdn/x/a$Number$b/007.m4s").orElseThrow().number())
        .isEqualTo(OptionalLong.of(7));
  }

  @Test
  void matchReadsNumberAndTimeBack() {
    TemplateExpander t = TemplateExpander.compile("http://c/$Number$-$Time$.m4s");
    TemplateExpander.Match m = t.match("http://c/12-34000.m4s").orElseThrow();
    assertThat(m.number()).isEqualTo(OptionalLong.of(12));
    assertThat(m.time()).isEqualTo(OptionalLong.of(34000));
    assertThat(t.match("http://c/12-x.m4s")).isEmpty();
    assertThat(t.match("http://other/12-34000.m4s")).isEmpty();
  }

  @Test
  void matchBacktracksWhenDigitsFollowAField() {
    TemplateExpander t = TemplateExpander.compile("s$Number$0.m4s");
    assertThat(t.match("s1230.m4s").orElseThrow().number()).isEqualTo(OptionalLong.of(123));
  }

  @Test
  void hostileUrlsAreRejectedInBoundedTime() {
    TemplateExpander adjacent = TemplateExpander.compile("s$Number$$Time$$SubNumber$$Number$x");
    String digits = "1".repeat(100_000);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
        () -> {
          assertThat(adjacent.match("s" + digits + "y")).isEmpty();
          assertThat(adjacent.match("s" + "12".repeat(40) + "x")).isEmpty();
        });
    assertThat(adjacent.match("s1231x").orElseThrow().time()).hasValue(2);
  }

  @Property
  void widthFormatIsPrintfAndMatchRoundTrips(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 10) long number,
      @ForAll @IntRange(min = 1, max = 20) int width) {
    TemplateExpander t = TemplateExpander.compile("seg-$Number%0" + width + "d$.m4s");
    String url = t.expand("r", 0, number, 0, 0);
    assertThat(url).isEqualTo("seg-" + String.format("%0" + width + "d", number) + ".m4s");
    assertThat(t.match(url).orElseThrow().number()).isEqualTo(OptionalLong.of(number));
  }
}
