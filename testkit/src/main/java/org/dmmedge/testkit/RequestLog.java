package org.dmmedge.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The requests a test origin received, with a bounded wait for more. Thread-safe. */
final class RequestLog {
  private final List<RecordedRequest> requests = new ArrayList<>();

  synchronized void add(RecordedRequest request) {
    requests.add(request);
    notifyAll();
  }

  synchronized void clear() {
    requests.clear();
  }

  synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  synchronized List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  synchronized void await(String path, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests(path).size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected " + count + " request(s) for " + path + ", got " + requests(path).size());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
