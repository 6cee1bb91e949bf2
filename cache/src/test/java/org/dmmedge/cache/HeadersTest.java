package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HeadersTest {
  @Test
  void lookupsIgnoreCaseAndKeepOrder() {
    Headers headers = Headers.of("Vary", "Accept", "ETag", "\"a\"", "vary", "Accept-Encoding");

    assertThat(headers.get("VARY")).isEqualTo("Accept");
    assertThat(headers.getAll("Vary")).containsExactly("Accept", "Accept-Encoding");
    assertThat(headers.getJoined("vary")).isEqualTo("Accept, Accept-Encoding");
    assertThat(headers.get("Missing")).isNull();
    assertThat(headers.name(1)).isEqualTo("ETag");
  }

  @Test
  void setReplacesEveryValueAtTheFirstPlace() {
    Headers headers = Headers.of("A", "1", "B", "2", "a", "3").toBuilder().set("A", "9").build();

    assertThat(headers).isEqualTo(Headers.of("A", "9", "B", "2"));
  }

  @Test
  void removeDropsEveryCase() {
    Headers headers = Headers.of("A", "1", "a", "2", "B", "3").toBuilder().remove("A").build();

    assertThat(headers).isEqualTo(Headers.of("B", "3"));
  }

  /** RFC 9110 §5.6.2: tchar is ALPHA, DIGIT and these 15 marks; nothing else, no non-ASCII. */
  @Test
  void nameCharactersAreExactlyTheTokenCharacters() {
    String marks = "!#$%&'*+-.^_`|~";
    for (char c = 0; c < 0x180; c++) {
      boolean tchar = c < 128 && (Character.isLetterOrDigit(c) || marks.indexOf(c) >= 0);
      String name = "X" + c;
      if (tchar) {
        assertThat(Headers.of(name, "v").name(0)).isEqualTo(name);
      } else {
        assertThatThrownBy(() -> Headers.of(name, "v"))
            .as("char %d", (int) c).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void rejectsBadNamesAndValues() {
    assertThatThrownBy(() -> Headers.of("Bad Name", "x"))
        .hasMessage("name: \"Bad Name\" (expected: RFC 9110 token characters)");
    assertThatThrownBy(() -> Headers.of("X", "a\r\nInjected: 1"))
        .hasMessage("X: value with CR, LF or NUL (expected: a single-line field value)");
    assertThatThrownBy(() -> Headers.of("X")).hasMessageContaining("expected: an even count");
  }

  @Property
  void builderRoundTripKeepsEveryField(@ForAll("fields") List<String[]> fields) {
    Headers.Builder builder = Headers.builder();
    fields.forEach(field -> builder.add(field[0], field[1]));
    Headers headers = builder.build();

    assertThat(headers.toBuilder().build()).isEqualTo(headers);
    assertThat(headers.size()).isEqualTo(fields.size());
    List<String[]> seen = new ArrayList<>();
    headers.forEach((name, value) -> seen.add(new String[] {name, value}));
    assertThat(seen).containsExactlyElementsOf(fields);
    for (String[] field : fields) {
      assertThat(headers.getAll(field[0].toUpperCase())).contains(field[1]);
    }
  }

  @Provide
  Arbitrary<List<String[]>> fields() {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ-09!#")
        .ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> values = Arbitraries.strings().ascii().ofMaxLength(20)
        .filter(v -> v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && v.indexOf('\0') < 0);
    return Combinators.combine(names, values).as((n, v) -> new String[] {n, v})
        .list().ofMaxSize(12);
  }
}
