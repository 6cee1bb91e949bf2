package org.dmmedge.mobility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose time moves only when a test calls {@link #advance}: due tasks then
 * run in time order on the test's thread. Thread-safe.
 */
public final class ManualScheduler implements Scheduler {
  private record Task(Instant due, long order, Runnable run) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      Comparator.comparing(Task::due).thenComparingLong(Task::order));
  private Instant now;
  private long order;

  public ManualScheduler(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable run) {
    Task task = new Task(now.plus(delay), order++, run);
    tasks.add(task);
    return () -> {
      synchronized (this) {
        tasks.remove(task);
      }
    };
  }

  /** Moves time forward by {@code step}, running every task that falls due on the way. */
  public void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      List<Runnable> due = new ArrayList<>();
      synchronized (this) {
        Task next = tasks.peek();
        if (next == null || next.due().isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.due();
        due.add(next.run());
      }
      due.forEach(Runnable::run);
    }
  }

  /** How many tasks wait. */
  public synchronized int pending() {
    return tasks.size();
  }
}
