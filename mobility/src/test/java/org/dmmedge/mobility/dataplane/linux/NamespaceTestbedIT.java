package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dmmedge.testkit.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The test bed scripts themselves: teardown leaves nothing behind even with processes still
 * running inside and state a failed test left; stale test beds of dead processes are removed
 * at the next start; the handover script really moves the access link.
 */
@ResourceLock(Testbed.LOCK)
class NamespaceTestbedIT {

  @Test
  void teardownAfterAFailedTestLeavesNothing() {
    Testbed bed = Testbed.up();
    Process leftover = bed.start("mn", "sleep", "600");
    bed.exec("mar1", "ip", "-6", "rule", "add", "from", "2001:db8:1::/64", "lookup", "1234");
    bed.exec("mar1", "ip", "-6", "route", "add", "2001:db8:1::/64", "dev", "acc0", "table", "1234");

    bed.close(); // asserts check-clean.sh finds nothing

    assertThat(leftover.isAlive()).isFalse();
  }

  @Test
  void staleTestBedsOfDeadProcessesAreRemovedAtStart() throws Exception {
    Testbed.assumeCapable();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String stale = "dmmtb" + gone.pid() + "-mn";
    assertThat(Commands.run(List.of("ip", "netns", "add", stale)).exitCode()).isZero();

    try (Testbed bed = Testbed.up()) {
      assertThat(Commands.run(List.of("ip", "netns", "list")).output()).doesNotContain(stale)
          .contains(bed.ns("mar1"));
    } finally {
      Commands.run(List.of("ip", "netns", "del", stale));
    }
  }

  @Test
  void handoverMovesTheAccessLinkBetweenMars() {
    try (Testbed bed = Testbed.up()) {
      bed.handover("mar1", "mar3");

      assertThat(bed.exec("mar3", "ip", "link", "show", "acc0")).contains("state UP");
      assertThat(Commands.run(List.of("ip", "-n", bed.ns("mar1"), "link", "show", "acc0")).exitCode()).isNotZero();
    }
  }
}
