package org.dmmedge.edge.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.config.AdminConfig;
import org.dmmedge.edge.fill.Bandwidth;

/**
 * The pre-warming jobs of a node, by id (1, 2, ...). Finished jobs are kept for their progress
 * until more than {@value #KEEP_FINISHED} have finished (oldest go first). Thread-safe.
 */
final class PrewarmJobs {
  static final int KEEP_FINISHED = 100;

  private final EdgeNode node;
  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentSkipListMap<Long, PrewarmJob> jobs = new ConcurrentSkipListMap<>();

  PrewarmJobs(EdgeNode node) {
    this.node = node;
  }

  /** Starts a job over {@code urls} with the node's concurrency and bandwidth settings. */
  PrewarmJob start(String source, List<String> urls) {
    AdminConfig config = node.config().admin();
    Optional<Bandwidth> cap = config.prewarmBandwidthBytes() == 0 ? Optional.empty()
        : Optional.of(new Bandwidth(config.prewarmBandwidthBytes(), System::nanoTime,
            node.background()));
    long id = ids.incrementAndGet();
    PrewarmJob job = new PrewarmJob(Long.toString(id), source, urls,
        config.prewarmConcurrency(), cap, node.filler(), node.background(), System::nanoTime);
    jobs.put(id, job);
    forgetOldFinished();
    job.start();
    return job;
  }

  Optional<PrewarmJob> get(String id) {
    try {
      return Optional.ofNullable(jobs.get(Long.parseLong(id)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  List<Map<String, Object>> progress() {
    List<Map<String, Object>> all = new ArrayList<>();
    jobs.values().forEach(job -> all.add(job.progress()));
    return all;
  }

  void cancelAll() {
    jobs.values().forEach(PrewarmJob::cancel);
  }

  private void forgetOldFinished() {
    long finished = jobs.values().stream()
        .filter(j -> j.state() != PrewarmJob.State.RUNNING).count();
    for (var it = jobs.entrySet().iterator(); it.hasNext() && finished > KEEP_FINISHED; ) {
      if (it.next().getValue().state() != PrewarmJob.State.RUNNING) {
        it.remove();
        finished--;
      }
    }
  }
}
