package org.dmmedge.edge.mobility;

import java.util.Objects;
import org.dmmedge.mobility.dataplane.DataPlane;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DataPlane} that logs each install and remove with how long it took: the tunnel
 * set-up time of a handover is the sum of its installs on the MARs involved (the test bed
 * reads these lines). Same threading as the data plane it wraps.
 */
final class TimedDataPlane implements DataPlane {
  private static final Logger log = LoggerFactory.getLogger(TimedDataPlane.class);

  private final DataPlane delegate;

  TimedDataPlane(DataPlane delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void install(DataPlaneAction action) {
    long start = System.nanoTime();
    delegate.install(action);
    log.info("installed {} in {} us", action, (System.nanoTime() - start) / 1000);
  }

  @Override
  public void remove(DataPlaneAction action) {
    long start = System.nanoTime();
    delegate.remove(action);
    log.info("removed {} in {} us", action, (System.nanoTime() - start) / 1000);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
