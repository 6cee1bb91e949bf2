package org.dmmedge.mobility.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link DataPlane} that moves no packets and remembers: the actions installed now and the
 * history of calls. For tests of the control plane and of the edge node; thread-safe.
 */
public final class RecordingDataPlane implements DataPlane {

  /** One call: install or remove of an action. */
  public record Call(boolean install, DataPlaneAction action) {}

  private final Set<DataPlaneAction> installed = new LinkedHashSet<>();
  private final List<Call> history = new ArrayList<>();

  @Override
  public synchronized void install(DataPlaneAction action) {
    history.add(new Call(true, action));
    installed.add(action);
  }

  @Override
  public synchronized void remove(DataPlaneAction action) {
    history.add(new Call(false, action));
    installed.remove(action);
  }

  /** The actions installed now, in installation order. */
  public synchronized Set<DataPlaneAction> installed() {
    return Set.copyOf(installed);
  }

  /** Every install and remove so far. */
  public synchronized List<Call> history() {
    return List.copyOf(history);
  }

  @Override
  public synchronized void close() {
    new ArrayList<>(installed).forEach(this::remove);
  }
}
