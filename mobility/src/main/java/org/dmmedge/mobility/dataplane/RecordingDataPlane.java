package org.dmmedge.mobility.dataplane;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link DataPlane} that only records, for tests of what drives a data plane (the MAR agent,
 * the edge node). It follows the contract: installing an installed action or removing an
 * absent one changes nothing and records nothing; {@link #close()} removes every installed
 * action (recorded, in reverse order of installation). Thread-safe.
 */
public final class RecordingDataPlane implements DataPlane {

  /** One change of state: {@code installed} true for an install, false for a removal. */
  public record Change(boolean installed, DataPlaneAction action) {
    public Change {
      Objects.requireNonNull(action, "action");
    }
  }

  private final Set<DataPlaneAction> installed = new LinkedHashSet<>();
  private final List<Change> changes = new ArrayList<>();
  private boolean closed;

  @Override
  public synchronized void install(DataPlaneAction action) {
    Objects.requireNonNull(action, "action");
    if (closed) {
      throw new IllegalStateException("install " + action + ": data plane closed");
    }
    if (installed.add(action)) {
      changes.add(new Change(true, action));
    }
  }

  @Override
  public synchronized void remove(DataPlaneAction action) {
    Objects.requireNonNull(action, "action");
    if (installed.remove(action)) {
      changes.add(new Change(false, action));
    }
  }

  @Override
  public synchronized void close() {
    List<DataPlaneAction> all = new ArrayList<>(installed);
    for (int i = all.size() - 1; i >= 0; i--) {
      remove(all.get(i));
    }
    closed = true;
  }

  /** The actions installed now, in installation order (a snapshot with set equality). */
  public synchronized Set<DataPlaneAction> installed() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(installed));
  }

  /** Every change so far, in order. */
  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  public synchronized boolean isClosed() {
    return closed;
  }
}
