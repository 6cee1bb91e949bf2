package org.dmmedge.mobility.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.dmmedge.mobility.Ipv6Prefix;
import org.junit.jupiter.api.Test;

class RecordingDataPlaneTest {

  private final DataPlaneAction local =
      new DataPlaneAction.AnchorLocal("mn-1", Ipv6Prefix.parse("2001:db8:2:1::/64"), "acc0");
  private final DataPlaneAction remote = new DataPlaneAction.ReachRemoteAnchor("mn-1",
      Ipv6Prefix.parse("2001:db8:1:1::/64"), InetAddress.getLoopbackAddress(), "acc0");

  @Test
  void repeatedInstallsAndAbsentRemovalsRecordNothing() {
    RecordingDataPlane plane = new RecordingDataPlane();

    plane.install(local);
    plane.install(local);
    plane.remove(remote);

    assertThat(plane.installed()).containsExactly(local);
    assertThat(plane.changes()).containsExactly(new RecordingDataPlane.Change(true, local));
  }

  @Test
  void closeRemovesEverythingInReverseAndRefusesMore() {
    RecordingDataPlane plane = new RecordingDataPlane();
    plane.install(local);
    plane.install(remote);

    plane.close();

    assertThat(plane.installed()).isEmpty();
    assertThat(plane.changes()).endsWith(new RecordingDataPlane.Change(false, remote),
        new RecordingDataPlane.Change(false, local));
    assertThat(plane.isClosed()).isTrue();
    assertThatThrownBy(() -> plane.install(local)).isInstanceOf(IllegalStateException.class);
  }
}
