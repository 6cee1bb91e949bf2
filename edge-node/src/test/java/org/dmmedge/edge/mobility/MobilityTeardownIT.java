package org.dmmedge.edge.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dmmedge.testkit.Commands;
import org.junit.jupiter.api.Test;

/**
 * A test that fails in the middle of a running test bed (CMD and a MAR with routes, a tunnel
 * table and interception installed) still leaves nothing behind: no process, namespace, link,
 * rule or route (check-clean.sh, run by {@link RealTestbed#close()}).
 */
class MobilityTeardownIT {

  @Test
  void aFailureMidRunLeavesNoProcessNamespaceLinkRuleOrRoute() throws Exception {
    RealTestbed.assumeCapable();
    List<Process> started = new ArrayList<>();
    RealTestbed[] opened = new RealTestbed[1];
    Throwable failure = catchThrowable(() -> {
      try (RealTestbed bed = RealTestbed.up()) {
        opened[0] = bed;
        started.add(bed.startDmmEdge("teardown-cmd", "cmd", "cmd", "--config",
            "conf/testbed/cmd.yaml"));
        started.add(bed.startDmmEdge("teardown-mar1", "mar1", "edge", "--config",
            "conf/testbed/mar1.yaml"));
        RealTestbed.await("MAR1 registering the MN", Duration.ofSeconds(90),
            () -> bed.log("teardown-mar1").contains("attached on acc0"));
        assertThat(bed.exec("mar1", "ip", "-6", "route", "show", "proto", "201")).isNotBlank();
        assertThat(bed.exec("mar1", "nft", "list", "tables")).contains("dmm_edge");
        throw new IllegalStateException("a test failing mid-run");
      }
    });
    assertThat(failure).hasMessage("a test failing mid-run").hasNoSuppressedExceptions();
    assertThat(opened[0]).isNotNull();
    assertThat(started).allSatisfy(p -> assertThat(p.isAlive()).isFalse());
    String prefix = opened[0].prefix;
    assertThat(Commands.run(List.of("ip", "netns", "list")).output()).doesNotContain(prefix);
    assertThat(Commands.run(List.of(RealTestbed.SCRIPTS.resolve("check-clean.sh").toString(),
        prefix)).exitCode()).isZero();
  }
}
