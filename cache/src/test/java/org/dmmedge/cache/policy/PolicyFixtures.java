package org.dmmedge.cache.policy;

import org.dmmedge.cache.Headers;

/** Compact header notation for RFC tables: "Name: value|Name: value". */
final class PolicyFixtures {
  private PolicyFixtures() {}

  static Headers headers(String compact) {
    Headers.Builder builder = Headers.builder();
    if (compact.isEmpty()) {
      return builder.build();
    }
    for (String field : compact.split("\\|")) {
      int colon = field.indexOf(':');
      builder.add(field.substring(0, colon).trim(), field.substring(colon + 1).trim());
    }
    return builder.build();
  }
}
