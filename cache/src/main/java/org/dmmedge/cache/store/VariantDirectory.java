package org.dmmedge.cache.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.dmmedge.cache.CacheKey;
import org.dmmedge.cache.policy.VarySelector;

/**
 * Per primary key: the Vary field names of its latest stored response (to compute a request's
 * secondary key at lookup) and the secondary keys stored under it in any tier (to invalidate
 * every variant of a URI, RFC 9111 §4.4). Only keys with Vary appear here: a key without is
 * always stored under {@link VarySelector#NONE}.
 *
 * <p>Concurrency: a {@link ConcurrentHashMap} whose values are replaced atomically with
 * {@code compute}; {@link #removed} drops a secondary only when no tier holds it any more.
 */
public final class VariantDirectory {
  private record Variants(List<String> varyNames, Set<String> secondaries) {}

  private final ConcurrentHashMap<CacheKey, Variants> byKey = new ConcurrentHashMap<>();

  /** The Vary names to use for a request of {@code key} (empty when none known). */
  public List<String> varyNames(CacheKey key) {
    Variants variants = byKey.get(key);
    return variants == null ? List.of() : variants.varyNames();
  }

  /** Records a stored response with these Vary names. */
  public void stored(VariantKey key, List<String> varyNames) {
    if (varyNames.isEmpty() && !byKey.containsKey(key.key())) {
      return;
    }
    byKey.compute(
        key.key(),
        (k, old) -> {
          Set<String> secondaries = old == null ? ConcurrentHashMap.newKeySet() : old.secondaries();
          secondaries.add(key.secondary());
          return new Variants(varyNames, secondaries);
        });
  }

  /** Every variant key known for {@code key}, including the one without Vary. */
  public List<VariantKey> variants(CacheKey key) {
    Variants variants = byKey.get(key);
    if (variants == null) {
      return List.of(new VariantKey(key, VarySelector.NONE));
    }
    Set<String> all = new HashSet<>(variants.secondaries());
    all.add(VarySelector.NONE);
    return all.stream().map(secondary -> new VariantKey(key, secondary)).toList();
  }

  /** A key's entry left a tier; forget it when {@code stillStored} says no tier has it. */
  public void removed(VariantKey key, Predicate<VariantKey> stillStored) {
    byKey.computeIfPresent(
        key.key(),
        (k, variants) -> {
          if (!stillStored.test(key)) {
            variants.secondaries().remove(key.secondary());
          }
          return variants.secondaries().isEmpty() ? null : variants;
        });
  }

  /** Forgets {@code key} entirely (after invalidating its variants). */
  public void forget(CacheKey key) {
    byKey.remove(key);
  }

  /** Number of primary keys with Vary (for tests). */
  int size() {
    return byKey.size();
  }
}
