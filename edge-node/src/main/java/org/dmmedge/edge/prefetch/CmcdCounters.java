package org.dmmedge.edge.prefetch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.dmmedge.mpd.predict.Cmcd;

/** Accumulates the CMCD values clients send (see {@link CmcdStats}). Thread-safe. */
final class CmcdCounters {
  private static final int SESSIONS = 4096;

  private final LongAdder requests = new LongAdder();
  private final LongAdder invalid = new LongAdder();
  private final LongAdder hints = new LongAdder();
  private final LongAdder starvations = new LongAdder();
  private final LongAdder bufferReports = new LongAdder();
  private final LongAdder bufferSum = new LongAdder();
  private final LongAdder throughputReports = new LongAdder();
  private final LongAdder throughputSum = new LongAdder();
  private final Map<String, Boolean> sessions = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > SESSIONS;
    }
  };

  void invalid() {
    requests.increment();
    invalid.increment();
  }

  void hint() {
    hints.increment();
  }

  void record(Cmcd cmcd) {
    requests.increment();
    if (cmcd.bs()) {
      starvations.increment();
    }
    cmcd.bl().ifPresent(bl -> {
      bufferReports.increment();
      bufferSum.add(bl);
    });
    cmcd.mtp().ifPresent(mtp -> {
      throughputReports.increment();
      throughputSum.add(mtp);
    });
    cmcd.sid().ifPresent(sid -> {
      synchronized (sessions) {
        sessions.put(sid, Boolean.TRUE);
      }
    });
  }

  CmcdStats stats() {
    int sessionCount;
    synchronized (sessions) {
      sessionCount = sessions.size();
    }
    return new CmcdStats(requests.sum(), invalid.sum(), hints.sum(), starvations.sum(),
        bufferReports.sum(), bufferSum.sum(), throughputReports.sum(), throughputSum.sum(),
        sessionCount);
  }
}
