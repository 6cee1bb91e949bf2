package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.policy.PolicyFixtures.headers;

import java.util.List;
import org.dmmedge.cache.Headers;
import org.junit.jupiter.api.Test;

class TargetedCacheControlTest {
  private final TargetedCacheControl targeted =
      new TargetedCacheControl(List.of("Edge-Cache-Control", "CDN-Cache-Control"));

  @Test
  void mostSpecificTargetedFieldWins() {
    TargetedCacheControl.Selection selection = targeted.select(headers(
        "Cache-Control: max-age=1|CDN-Cache-Control: max-age=2|Edge-Cache-Control: max-age=3"));

    assertThat(selection.fieldName()).isEqualTo("Edge-Cache-Control");
    assertThat(selection.targeted()).isTrue();
    assertThat(selection.directives().maxAge()).isEqualTo(3);
  }

  @Test
  void withoutTargetedFieldCacheControlIsUsed() {
    TargetedCacheControl.Selection selection = targeted.select(headers("Cache-Control: no-store"));

    assertThat(selection.targeted()).isFalse();
    assertThat(selection.directives().noStore()).isTrue();
  }

  @Test
  void targetedFieldsAreStrippedForClients() {
    Headers client = targeted.stripTargeted(headers(
        "Cache-Control: max-age=1|cdn-cache-control: max-age=2|Edge-Cache-Control: x|ETag: \"a\""));

    assertThat(client.contains("CDN-Cache-Control")).isFalse();
    assertThat(client.contains("Edge-Cache-Control")).isFalse();
    assertThat(client.get("Cache-Control")).isEqualTo("max-age=1");
    assertThat(client.get("ETag")).isEqualTo("\"a\"");
    assertThat(targeted.names()).containsExactly("Edge-Cache-Control", "CDN-Cache-Control");
  }
}
