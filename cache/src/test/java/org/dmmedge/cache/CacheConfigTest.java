package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheConfigTest {
  @Test
  void defaultsAreTheNamedConstants() {
    CacheConfig config = CacheConfig.defaults();

    assertThat(config.memoryBudgetBytes()).isEqualTo(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES);
    assertThat(config.maxObjectBytes()).isEqualTo(CacheConfig.DEFAULT_MAX_OBJECT_BYTES);
    assertThat(config.diskDirectory()).isEmpty();
    assertThat(config.heuristicFraction()).isEqualTo(0.1);
    assertThat(config.heuristicMaxLifetime()).isEqualTo(Duration.ofDays(1));
    assertThat(config.targetedCacheControlNames()).containsExactly("CDN-Cache-Control");
    assertThat(config.hitForPassDuration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void builderSetsEveryField() {
    CacheConfig config = CacheConfig.builder()
        .memoryBudgetBytes(1).maxObjectBytes(2).diskDirectory(Path.of("/tmp/x"))
        .diskBudgetBytes(3).heuristicFraction(0.5).heuristicMaxLifetime(Duration.ofHours(1))
        .targetedCacheControlNames(List.of("Edge-Cache-Control"))
        .hitForPassDuration(Duration.ZERO).diskPromotionHitCount(5).build();

    assertThat(config).isEqualTo(new CacheConfig(1, 2, Optional.of(Path.of("/tmp/x")), 3, 0.5,
        Duration.ofHours(1), List.of("Edge-Cache-Control"), Duration.ZERO, 5));
  }

  @Test
  void settersNameTheBadFieldAndValue() {
    CacheConfig.Builder builder = CacheConfig.builder();

    assertThatThrownBy(() -> builder.memoryBudgetBytes(-1))
        .hasMessage("memoryBudgetBytes: -1 (expected: >= 0)");
    assertThatThrownBy(() -> builder.diskPromotionHitCount(-1))
        .hasMessage("diskPromotionHitCount: -1 (expected: 0..1000000)");
    assertThatThrownBy(() -> builder.maxObjectBytes(Integer.MAX_VALUE))
        .hasMessage("maxObjectBytes: 2147483647 (expected: 0..2147482623)");
    assertThatThrownBy(() -> builder.diskBudgetBytes(-5))
        .hasMessage("diskBudgetBytes: -5 (expected: >= 0)");
    assertThatThrownBy(() -> builder.heuristicFraction(1.5))
        .hasMessage("heuristicFraction: 1.5 (expected: 0.0..1.0)");
    assertThatThrownBy(() -> builder.heuristicMaxLifetime(Duration.ofSeconds(-1)))
        .hasMessage("heuristicMaxLifetime: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> builder.hitForPassDuration(Duration.ofSeconds(-1)))
        .hasMessage("hitForPassDuration: PT-1S (expected: >= 0)");
  }

  @Test
  void targetedNamesMustBeCacheControlFieldsOtherThanCacheControl() {
    assertThatThrownBy(() -> CacheConfig.builder()
        .targetedCacheControlNames(List.of("Cache-Control")).build())
        .hasMessage("targetedCacheControlNames: \"Cache-Control\" "
            + "(expected: names like <Name>-Cache-Control)");
    assertThatThrownBy(() -> CacheConfig.builder()
        .targetedCacheControlNames(List.of("Edge Cache-Control")).build())
        .hasMessage("targetedCacheControlNames: \"Edge Cache-Control\" "
            + "(expected: names like <Name>-Cache-Control)");
  }
}
