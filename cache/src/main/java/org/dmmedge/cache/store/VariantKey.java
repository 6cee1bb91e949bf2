package org.dmmedge.cache.store;

import java.util.Objects;
import org.dmmedge.cache.CacheKey;

/**
 * The full key of one stored response: the primary key plus the secondary key chosen by Vary
 * ({@link org.dmmedge.cache.policy.VarySelector#NONE} when the response has no Vary).
 *
 * @param key primary key
 * @param secondary secondary key
 */
public record VariantKey(CacheKey key, String secondary) {
  /** Checks both parts are present. */
  public VariantKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secondary, "secondary");
  }
}
