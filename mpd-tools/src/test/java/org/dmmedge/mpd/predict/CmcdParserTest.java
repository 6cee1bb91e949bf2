package org.dmmedge.mpd.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.dmmedge.mpd.model.ByteRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CTA-5004 payloads: the specification's examples, each key's type, and the cache key. */
class CmcdParserTest {
  /** CTA-5004 §4 example, as the query parameter (percent-encoded once, nor twice). */
  private static final String QUERY = "CMCD=bl%3D21300%2Cbr%3D3200%2Cbs%2Ccid%3D%2221cf726cfe3d"
      + "937b5f974f72bb5bd06a%22%2Cd%3D4004%2Cdl%3D18500%2Cmtp%3D48100%2Cnor%3D%22..%252F300kbps"
      + "%252Ftrack.m4v%22%2Cnrr%3D%2212323-48763%22%2Cot%3Dv%2Cpr%3D1.08%2Crtp%3D12000%2Csf%3Dd"
      + "%2Csid%3D%226e2fb550-c457-11e9-bb97-0800200c9a66%22%2Cst%3Dv%2Csu%2Ctb%3D6000";

  @Test
  void parsesEveryKeyOfTheSpecificationExampleFromTheQuery() {
    Cmcd c = CmcdParser.fromQuery("x=1&" + QUERY);
    assertThat(c.bl()).hasValue(21300);
    assertThat(c.br()).hasValue(3200);
    assertThat(c.bs()).isTrue();
    assertThat(c.cid()).contains("21cf726cfe3d937b5f974f72bb5bd06a");
    assertThat(c.d()).hasValue(4004);
    assertThat(c.dl()).hasValue(18500);
    assertThat(c.mtp()).hasValue(48100);
    assertThat(c.nor()).contains("..%2F300kbps%2Ftrack.m4v");
    assertThat(c.nrr()).contains("12323-48763");
    assertThat(c.ot()).contains("v");
    assertThat(c.pr()).contains("1.08");
    assertThat(c.rtp()).hasValue(12000);
    assertThat(c.sf()).contains("d");
    assertThat(c.sid()).contains("6e2fb550-c457-11e9-bb97-0800200c9a66");
    assertThat(c.st()).contains("v");
    assertThat(c.su()).isTrue();
    assertThat(c.tb()).hasValue(6000);
    assertThat(c.v()).isEmpty();
    assertThat(c.other()).isEmpty();
    assertThat(c.nextObjectUrl("https://cdn.example/v/600kbps/track.m4v?CMCD=x"))
        .contains("https://cdn.example/v/300kbps/track.m4v");
    assertThat(c.nextRange()).contains(new ByteRange(12323, 48763));
  }

  @Test
  void mergesTheFourHeaders() {
    Cmcd c = CmcdParser.fromHeaders(Map.of(
        "cmcd-object", "br=3200,d=4004,ot=v,tb=6000",
        "CMCD-Request", "bl=21300,dl=18500,mtp=48100,nor=\"..%2F300kbps%2Ftrack.m4v\","
            + "nrr=\"12323-48763\",su",
        "CMCD-Session", "cid=\"21cf726cfe3d937b5f974f72bb5bd06a\",pr=1.08,sf=d,"
            + "sid=\"6e2fb550-c457-11e9-bb97-0800200c9a66\",st=v",
        "CMCD-Status", "bs,rtp=12000"));
    assertThat(c).isEqualTo(CmcdParser.fromQuery(QUERY));
  }

  @Test
  void absentPayloadIsEmptyAndFalseBooleansAndCustomKeysAreKept() {
    assertThat(CmcdParser.fromQuery("a=1&b=2").isEmpty()).isTrue();
    assertThat(CmcdParser.fromHeaders(name -> Optional.empty())).isEqualTo(Cmcd.EMPTY);
    Cmcd c = CmcdParser.fromHeaders(Map.of("CMCD-Status", "bs=?0,com.example-x=\"a,b\",v=1"));
    assertThat(c.bs()).isFalse();
    assertThat(c.v()).isEqualTo(OptionalLong.of(1));
    assertThat(c.other()).containsEntry("com.example-x", "a,b");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "br=abc|CMCD br: abc (expected: a non-negative integer)",
      "bl=-1|CMCD bl: -1 (expected: a non-negative integer)",
      "sid=abc|CMCD sid: abc (expected: a quoted string)",
      "ot=\"v\"|CMCD ot: \"v\" (expected: a token)",
      "su=1|CMCD su: 1 (expected: the key alone (true) or ?0)",
      "pr=fast|CMCD pr: fast (expected: a decimal)",
      "sid=\"open|(expected: a closing quote)",
      "sid=\"a\"x|(expected: a comma between members)",
      "b r=1|CMCD key: b r (expected: letters, digits, - . _)"})
  void badMembersNameKeyAndValue(String payload, String message) {
    assertThatThrownBy(() -> CmcdParser.fromHeaders(Map.of("CMCD-Request", payload)))
        .isInstanceOf(CmcdParseException.class)
        .hasMessageContaining(message);
  }

  @Property
  void strippingRemovesOnlyCmcdAndIsIdempotent(
      @ForAll @Size(max = 5) List<@AlphaChars @StringLength(min = 1, max = 4) String> names,
      @ForAll @IntRange(min = 0, max = 5) int cmcdAt) {
    List<String> params = new ArrayList<>();
    for (String n : names) {
      params.add(n + "=" + n.length());
    }
    params.add(Math.min(cmcdAt, params.size()), "CMCD=br%3D1%2Csu");
    String stripped = Cmcd.stripQueryParameter("/p/s.m4s?" + String.join("&", params));
    params.removeIf(p -> p.startsWith("CMCD="));
    assertThat(stripped).isEqualTo(params.isEmpty() ? "/p/s.m4s"
        : "/p/s.m4s?" + String.join("&", params));
    assertThat(Cmcd.stripQueryParameter(stripped)).isEqualTo(stripped);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      "/v/1.m4s?CMCD=br%3D3200 /v/1.m4s",
      "/v/1.m4s?a=1&CMCD=br%3D3200&b=2 /v/1.m4s?a=1&b=2",
      "/v/1.m4s?CMCD=x&a=1 /v/1.m4s?a=1",
      "/v/1.m4s?a=1&CMCD=x /v/1.m4s?a=1",
      "/v/1.m4s?CMCDX=1 /v/1.m4s?CMCDX=1",
      "/v/1.m4s /v/1.m4s",
      "/v/1.m4s?CMCD=x#f /v/1.m4s#f"})
  void cmcdIsRemovedFromTheCacheKey(String pathAndQuery, String expected) {
    assertThat(Cmcd.stripQueryParameter(pathAndQuery)).isEqualTo(expected);
  }
}
