package org.dmmedge.mobility.cmd;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bindings in a concurrent map, lost on exit: for tests and for a CMD without a journal. */
public final class InMemoryBindingStore implements BindingStore {
  private final Map<String, MobileNodeBindings> byMn = new ConcurrentHashMap<>();

  @Override
  public Optional<MobileNodeBindings> get(String mnId) {
    return Optional.ofNullable(byMn.get(mnId));
  }

  @Override
  public Collection<MobileNodeBindings> all() {
    return List.copyOf(byMn.values());
  }

  @Override
  public int size() {
    return byMn.size();
  }

  @Override
  public void put(MobileNodeBindings bindings) {
    byMn.put(bindings.mnId(), bindings);
  }

  @Override
  public void remove(String mnId) {
    byMn.remove(mnId);
  }

  @Override
  public void sync() {
    // Nothing to make durable.
  }

  @Override
  public void close() {
    byMn.clear();
  }
}
