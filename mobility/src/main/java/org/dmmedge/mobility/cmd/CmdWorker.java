package org.dmmedge.mobility.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.transport.MobilityTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CMD's single worker thread, with group commit: it takes every queued task (received
 * messages, timers), runs them in order, makes the store durable once for the whole batch
 * ({@link BindingStore#sync()}), and only then sends what the batch put in the {@link Outbox}.
 * A task that throws is logged and the worker carries on. Tasks may be submitted from any
 * thread through {@link #execute}.
 */
final class CmdWorker implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CmdWorker.class);
  private static final int MAX_BATCH = 1024;
  private static final Runnable STOP = () -> { };

  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final BindingStore store;
  private final Outbox outbox;
  private final MobilityTransport[] transport = new MobilityTransport[1];
  private final Thread thread;

  CmdWorker(BindingStore store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
    this.thread = new Thread(this::run, "dmm-cmd-worker");
  }

  void start(MobilityTransport sender) {
    transport[0] = sender;
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    queue.add(task);
  }

  private void run() {
    List<Runnable> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
      } catch (InterruptedException e) {
        return;
      }
      boolean stop = false;
      for (Runnable task : batch) {
        if (task == STOP) {
          stop = true;
          break;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("CMD task failed; carrying on", e);
        }
      }
      batch.clear();
      try {
        store.sync();
        for (OutgoingMessage message : outbox.drain()) {
          transport[0].send(message);
        }
      } catch (RuntimeException e) {
        // Not durable: nothing of this batch is acknowledged.
        log.error("binding store sync failed; dropping {} answer(s)", outbox.drain().size(), e);
      }
      if (stop) {
        return;
      }
    }
  }

  @Override
  public void close() {
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
