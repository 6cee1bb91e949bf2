package org.dmmedge.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The hit path of {@link HitPathBenchmark} measured in CPU time per hit (the thread's CPU time,
 * not wall time), which other load on a shared machine disturbs far less than JMH's
 * throughput. Per size: 400 000 hits to warm the JIT, then the best of 7 rounds of 100 000.
 * Run: {@code java -Dio.netty.leakDetection.level=disabled -cp benchmarks/target/benchmarks.jar
 * org.dmmedge.bench.jmh.HitPathCpu [SIZE...]}.
 */
public final class HitPathCpu {
  private static final int WARM_UP_HITS = 400_000;
  private static final int ROUNDS = 7;
  private static final int HITS_PER_ROUND = 100_000;

  private HitPathCpu() {}

  public static void main(String[] args) throws Exception {
    String[] sizes = args.length > 0 ? args : new String[] {"4096", "102400", "2097152"};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String size : sizes) {
      HitPathBenchmark bench = new HitPathBenchmark();
      bench.size = Integer.parseInt(size);
      bench.setUp();
      try {
        long bytes = 0;
        for (int i = 0; i < WARM_UP_HITS; i++) {
          bytes += bench.hit();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
          long start = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < HITS_PER_ROUND; i++) {
            bytes += bench.hit();
          }
          best = Math.min(best,
              (threads.getCurrentThreadCpuTime() - start) / (double) HITS_PER_ROUND);
        }
        System.out.printf("size %s: %.0f ns CPU per hit (%d response bytes in all)%n", size,
            best, bytes);
      } finally {
        bench.tearDown();
      }
    }
  }
}
