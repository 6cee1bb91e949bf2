package org.dmmedge.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.dmmedge.cache.CacheKey;
import org.dmmedge.cache.Headers;

class MetaCodecTest {
  @Property(tries = 300)
  void decodeOfEncodeIsIdentity(@ForAll("metas") MetaCodec.Meta meta) throws IOException {
    assertThat(MetaCodec.decode(MetaCodec.encode(meta))).isEqualTo(meta);
  }

  @Property(tries = 300)
  void truncatedMetadataIsRejected(
      @ForAll("metas") MetaCodec.Meta meta, @ForAll @IntRange(min = 0, max = 400) int cut) {
    byte[] encoded = MetaCodec.encode(meta);
    byte[] truncated = Arrays.copyOf(encoded, Math.min(cut, encoded.length - 1));

    assertThatThrownBy(() -> MetaCodec.decode(truncated)).isInstanceOf(IOException.class);
  }

  @Property(tries = 300)
  void anyFlippedByteIsRejected(
      @ForAll("metas") MetaCodec.Meta meta, @ForAll @IntRange(min = 0, max = 10_000) int where) {
    byte[] encoded = MetaCodec.encode(meta);
    encoded[where % encoded.length] ^= 0x5a;

    assertThatThrownBy(() -> MetaCodec.decode(encoded)).isInstanceOf(IOException.class);
  }

  @Provide
  Arbitrary<MetaCodec.Meta> metas() {
    Arbitrary<String> paths = Arbitraries.strings().alpha().numeric().withChars("/?=&%é")
        .ofMaxLength(40).map(p -> "/" + p);
    Arbitrary<String> secondaries = Arbitraries.strings().ofMaxLength(30);
    Arbitrary<Headers> headers = Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
            Arbitraries.strings().alpha().numeric().withChars(" ,;=\"").ofMaxLength(30))
        .as((n, v) -> new String[] {n, v}).list().ofMaxSize(8)
        .map(fields -> {
          Headers.Builder builder = Headers.builder();
          fields.forEach(f -> builder.add(f[0], f[1]));
          return builder.build();
        });
    return Combinators.combine(paths, secondaries, headers,
            Arbitraries.integers().between(200, 599), Arbitraries.longs().greaterOrEqual(0))
        .as((path, secondary, fields, status, length) -> new MetaCodec.Meta(
            new VariantKey(new CacheKey("GET", "http", "origin.test", path), secondary),
            List.of("accept-encoding"), status, fields, 1_000L, 2_000L, length));
  }
}
