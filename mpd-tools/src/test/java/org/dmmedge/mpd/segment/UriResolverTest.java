package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 3986 §5.4 examples, and where {@link URI#resolve} differs (why we do not use it). */
class UriResolverTest {
  private static final String BASE = "http://a/b/c/d;p?q";

  @ParameterizedTest(name = "RFC 3986 §5.4: {0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      // §5.4.1 normal examples
      "g:h g:h", "g http://a/b/c/g", "./g http://a/b/c/g", "g/ http://a/b/c/g/",
      "/g http://a/g", "//g http://g", "?y http://a/b/c/d;p?y", "g?y http://a/b/c/g?y",
      "#s http://a/b/c/d;p?q#s", "g#s http://a/b/c/g#s", "g?y#s http://a/b/c/g?y#s",
      ";x http://a/b/c/;x", "g;x http://a/b/c/g;x", "g;x?y#s http://a/b/c/g;x?y#s",
      "'' http://a/b/c/d;p?q", ". http://a/b/c/", "./ http://a/b/c/", ".. http://a/b/",
      "../ http://a/b/", "../g http://a/b/g", "../.. http://a/", "../../ http://a/",
      "../../g http://a/g",
      // §5.4.2 abnormal examples
      "../../../g http://a/g", "../../../../g http://a/g", "/./g http://a/g",
      "/../g http://a/g", "g. http://a/b/c/g.", ".g http://a/b/c/.g", "g.. http://a/b/c/g..",
      "..g http://a/b/c/..g", "./../g http://a/b/g", "./g/. http://a/b/c/g/",
      "g/./h http://a/b/c/g/h", "g/../h http://a/b/c/h", "g;x=1/./y http://a/b/c/g;x=1/y",
      "g;x=1/../y http://a/b/c/y", "g?y/./x http://a/b/c/g?y/./x",
      "g?y/../x http://a/b/c/g?y/../x", "g#s/./x http://a/b/c/g#s/./x",
      "g#s/../x http://a/b/c/g#s/../x", "http:g http:g"})
  void resolvesAsRfc3986(String reference, String expected) {
    assertThat(UriResolver.resolve(BASE, reference.equals("''") ? "" : reference))
        .isEqualTo(expected);
  }

  @Test
  void emptyBasePathGetsASlash() {
    assertThat(UriResolver.resolve("http://a", "b")).isEqualTo("http://a/b");
    assertThat(UriResolver.resolve("http://a?x", "b")).isEqualTo("http://a/b");
  }

  @Test
  void queryOnlyReferenceKeepsTheBasePathWhereJavaNetUriDropsIt() {
    assertThat(URI.create(BASE).resolve("?y").toString()).isEqualTo("http://a/b/c/?y");
    assertThat(UriResolver.resolve(BASE, "?y")).isEqualTo("http://a/b/c/d;p?y");
  }

  @Test
  void dotSegmentsAboveTheRootAreRemovedWhereJavaNetUriKeepsThem() {
    assertThat(URI.create(BASE).resolve("../../../g").toString()).isEqualTo("http://a/../g");
    assertThat(UriResolver.resolve(BASE, "../../../g")).isEqualTo("http://a/g");
  }

  @Test
  void emptyReferenceIsTheBaseWhereJavaNetUriGivesItsDirectory() {
    assertThat(URI.create(BASE).resolve("").toString()).isEqualTo("http://a/b/c/");
    assertThat(UriResolver.resolve(BASE, "")).isEqualTo(BASE);
  }

  @Test
  void charactersOutsideRfc2396PassThroughWhereJavaNetUriThrows() {
    assertThatThrownBy(() -> URI.create(BASE).resolve("a b|c.m4s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(UriResolver.resolve(BASE, "a b|c.m4s")).isEqualTo("http://a/b/c/a b|c.m4s");
  }

  /** Where java.net.URI follows RFC 3986 (plain segments, no dots, no empty path), we agree. */
  @Property
  void agreesWithJavaNetUriOnPlainPaths(
      @ForAll @Size(min = 1, max = 4) List<@AlphaChars @StringLength(min = 1, max = 5) String> base,
      @ForAll boolean directory,
      @ForAll @Size(min = 1, max = 3) List<@AlphaChars @StringLength(min = 1, max = 5) String> ref,
      @ForAll boolean rooted) {
    String b = "http://h.example/" + String.join("/", base) + (directory ? "/" : "");
    String r = (rooted ? "/" : "") + String.join("/", ref);
    assertThat(UriResolver.resolve(b, r)).isEqualTo(URI.create(b).resolve(r).toString());
  }

  @Test
  void longDotPathsResolveInLinearTime() {
    String hostile = "/./a/..".repeat(200_000) + "/g";
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
        () -> assertThat(UriResolver.resolve("http://a/b", hostile)).isEqualTo("http://a/g"));
  }

  @Test
  void relativeBaseStaysRelativeAndAbsoluteIsRecognised() {
    assertThat(UriResolver.resolve("", "video/1.m4s")).isEqualTo("video/1.m4s");
    // §5.2.4 applied to a relative merged path "media/../x" yields "/x".
    assertThat(UriResolver.resolve("media/", "../x")).isEqualTo("/x");
    assertThat(UriResolver.isAbsolute("https://x/y")).isTrue();
    assertThat(UriResolver.isAbsolute("x/y")).isFalse();
  }
}
