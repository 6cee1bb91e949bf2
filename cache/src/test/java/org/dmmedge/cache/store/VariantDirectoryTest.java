package org.dmmedge.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmmedge.cache.CacheKey;
import org.dmmedge.cache.policy.VarySelector;
import org.junit.jupiter.api.Test;

class VariantDirectoryTest {
  private final VariantDirectory directory = new VariantDirectory();
  private final CacheKey key = CacheKey.parse("GET", "http://origin.test/v");
  private final Set<VariantKey> stored = new HashSet<>();

  @Test
  void keysWithoutVaryAreNotTracked() {
    directory.stored(new VariantKey(key, VarySelector.NONE), List.of());

    assertThat(directory.size()).isZero();
    assertThat(directory.variants(key)).containsExactly(new VariantKey(key, VarySelector.NONE));
  }

  @Test
  void everyVariantIsListedUntilTheLastLeavesTheTiers() {
    VariantKey gzip = store("accept-encoding:gzip\n");
    VariantKey br = store("accept-encoding:br\n");

    assertThat(directory.varyNames(key)).containsExactly("accept-encoding");
    assertThat(directory.variants(key)).containsExactlyInAnyOrder(
        gzip, br, new VariantKey(key, VarySelector.NONE));

    remove(gzip);
    assertThat(directory.variants(key)).contains(br).doesNotContain(gzip);
    remove(br);
    assertThat(directory.size()).isZero();
    assertThat(directory.varyNames(key)).isEmpty();
  }

  @Test
  void aVariantStillInAnotherTierIsKept() {
    VariantKey gzip = store("accept-encoding:gzip\n");

    directory.removed(gzip, stored::contains); // left memory, still on disk

    assertThat(directory.variants(key)).contains(gzip);
  }

  private VariantKey store(String secondary) {
    VariantKey variant = new VariantKey(key, secondary);
    stored.add(variant);
    directory.stored(variant, List.of("accept-encoding"));
    return variant;
  }

  private void remove(VariantKey variant) {
    stored.remove(variant);
    directory.removed(variant, stored::contains);
  }
}
