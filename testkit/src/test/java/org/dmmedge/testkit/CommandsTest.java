package org.dmmedge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real processes: output, exit codes, the time bound, a program that does not exist. */
class CommandsTest {

  @Test
  void outputAndExitCodeOfACommandThatEnds() {
    assertThat(Commands.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3")))
        .isEqualTo(new Commands.Result(3, "out\nerr\n"));
    assertThat(Commands.checked(List.of("echo", "fine"))).isEqualTo("fine\n");
  }

  @Test
  void aFailingCommandIsNamedWithItsExitAndOutput() {
    assertThatThrownBy(() -> Commands.checked(List.of("sh", "-c", "echo nope; exit 2")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sh -c echo nope; exit 2 exited 2: nope\n");
  }

  @Test
  void aCommandThatHangsIsKilledAtTheBound() {
    long start = System.nanoTime();
    Commands.Result r = Commands.run(List.of("sleep", "30"), Duration.ofMillis(300));
    assertThat(r.exitCode()).isEqualTo(-1);
    assertThat(r.output()).isEqualTo("sleep 30: no exit within 300 ms");
    assertThat(System.nanoTime() - start).as("returned long before the command's end")
        .isLessThan(Duration.ofSeconds(20).toNanos());
  }

  @Test
  void aMissingProgramIsAResultNotAnException() {
    Commands.Result r = Commands.run(List.of("/nonexistent/program"));
    assertThat(r.exitCode()).isEqualTo(-1);
    assertThat(r.output()).contains("/nonexistent/program");
  }

  @Test
  void theCommandReadsAClosedStdin() {
    assertThat(Commands.run(List.of("cat"), Duration.ofSeconds(10)))
        .isEqualTo(new Commands.Result(0, ""));
  }
}
