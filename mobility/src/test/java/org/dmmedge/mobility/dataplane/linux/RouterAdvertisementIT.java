package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Router Advertisements as the MN's kernel sees them (SLAAC, accept_ra 2, no software of ours
 * in the MN): the serving MAR's prefix autoconfigured preferred, the old prefix deprecated
 * after a move, the MTU option applied; and attach detection from link-up and from a Router
 * Solicitation.
 */
@ResourceLock(Testbed.LOCK)
class RouterAdvertisementIT {

  @Test
  void newPrefixPreferredOldPrefixDeprecatedAfterAMove() {
    Testbed.assumeCapable();
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.AUTO, c -> c.advertisedMtu(1400))) {
      String first = mobility.mnAddress(1);
      assertThat(mobility.mnAddressLine(first)).doesNotContain("deprecated");
      MobilityBed.await("MN link MTU 1400 from the RA MTU option",
          () -> mobility.bed.exec("mn", "cat", "/proc/sys/net/ipv6/conf/eth0/mtu").strip().equals("1400"));

      mobility.moveTo(2);
      String second = mobility.mnAddress(2);
      MobilityBed.await(first + " deprecated", () -> mobility.mnAddressLine(first).contains("deprecated"));

      assertThat(mobility.mnAddressLine(first)).contains("preferred_lft 0sec");
      assertThat(mobility.mnAddressLine(second)).doesNotContain("deprecated");
      assertThat(mobility.bed.exec("mn", "ip", "-6", "route", "show", "default")).contains("via fe80::");
    }
  }

  @Test
  void attachDetectedFromLinkUpAndFromRouterSolicitation() {
    Testbed.assumeCapable();
    try (MobilityBed mobility = new MobilityBed(TunnelBackendKind.AUTO)) {
      String accMac = mac(mobility.bed.exec("mar1", "ip", "-o", "link", "show", "acc0"));
      MobilityBed.await("link-up attach at mar1", () -> mobility.attaches.contains("mar1 acc0 " + accMac));

      mobility.moveTo(2);
      MobilityBed.await("link-up attach at mar2", () -> mobility.attaches.contains("mar2 acc0 " + accMac));

      String mnMac = mac(mobility.bed.exec("mn", "ip", "-o", "link", "show", "eth0"));
      mobility.bed.exec("mn", "ip", "link", "set", "eth0", "down");
      mobility.bed.exec("mn", "ip", "link", "set", "eth0", "up");
      MobilityBed.await("RS attach of " + mnMac + " at mar2", () -> mobility.attaches.contains("mar2 acc0 " + mnMac));
      assertThat(mobility.attaches).noneMatch(a -> a.startsWith("mar3"));
    }
  }

  private static String mac(String ipLinkLine) {
    Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(ipLinkLine);
    assertThat(m.find()).as(ipLinkLine).isTrue();
    return m.group(1);
  }
}
