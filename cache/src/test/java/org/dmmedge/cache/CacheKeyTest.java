package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheKeyTest {
  @ParameterizedTest(name = "RFC 3986 §6.2.2 {0} -> {1}")
  @CsvSource({
      "http://Example.COM/a, http://example.com/a",
      "HTTP://example.com:80/a, http://example.com/a",
      "https://example.com:443/a, https://example.com/a",
      "http://example.com:443/a, http://example.com:443/a",
      "http://example.com:/a, http://example.com/a",
      "http://example.com, http://example.com/",
      "http://example.com?q=1, http://example.com/?q=1",
      "http://example.com/%7euser/%41b, http://example.com/~user/Ab",
      "http://example.com/a%2fb, http://example.com/a%2Fb",
      "http://example.com/a%2Fb, http://example.com/a%2Fb",
      "http://example.com/a%zz, http://example.com/a%zz",
      "http://example.com/seg.m4s#frag, http://example.com/seg.m4s",
      "http://[::1]:8080/a, http://[::1]:8080/a",
      "http://[::1]:80/a, http://[::1]/a",
      "http://user@example.com/a, http://example.com/a"})
  void normalisesUris(String raw, String expected) {
    assertThat(CacheKey.parse("GET", raw).uri()).isEqualTo(expected);
  }

  @Test
  void headIsKeyedAsGet() {
    CacheRequest head = new CacheRequest("HEAD", "http", "example.com", "/a", Headers.empty());
    CacheRequest get = new CacheRequest("GET", "http", "EXAMPLE.com:80", "/a", Headers.empty());

    assertThat(CacheKey.of(head)).isEqualTo(CacheKey.of(get));
  }

  @Test
  void queryIsPartOfTheKey() {
    assertThat(CacheKey.parse("GET", "http://e/a?x=1"))
        .isNotEqualTo(CacheKey.parse("GET", "http://e/a?x=2"));
  }

  @Test
  void normalisingTwiceChangesNothing() {
    CacheKey key = CacheKey.parse("GET", "http://Example.com:80/%7e%2f");

    assertThat(new CacheKey(key.method(), key.scheme(), key.authority(), key.pathAndQuery()))
        .isEqualTo(key);
  }

  @Test
  void rejectsRelativeAndNonHttpUris() {
    assertThatThrownBy(() -> CacheKey.parse("GET", "/relative"))
        .hasMessage("uri: \"/relative\" (expected: an absolute http or https URI)");
    assertThatThrownBy(() -> CacheKey.parse("GET", "ftp://x/y"))
        .hasMessageContaining("expected: an absolute http or https URI");
    assertThatThrownBy(() -> CacheKey.parse("GET", "http:///y"))
        .hasMessageContaining("expected: an authority");
  }

  @Property(tries = 500)
  void normalisationIsIdempotentAndKeepsUnreservedMeaning(@ForAll("paths") String path) {
    CacheKey key = CacheKey.parse("GET", "HTTP://Example.COM:80" + path);

    assertThat(CacheKey.parse("GET", key.uri())).isEqualTo(key);
    assertThat(key.pathAndQuery()).doesNotContainPattern("%(4[1-9A-F]|5[0-9A]|6[1-9a-fA-F]|7[0-9aA]"
        + "|3[0-9]|2[dDeE]|5[fF]|7[eE])");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ019-._~/?=&").ofMinLength(1).ofMaxLength(5),
        Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02x", b)),
        Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b)));
    return piece.list().ofMinSize(1).ofMaxSize(8).map(parts -> "/" + String.join("", parts));
  }
}
