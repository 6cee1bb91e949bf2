package org.dmmedge.edge.config;

/**
 * How a MAR names the mobile node behind an attach (config {@code mobility.mnIdentity}).
 */
public enum MnIdentity {
  /**
   * Point-to-point access links: each access link carries one MN, named by the link's own
   * hardware address (which moves with the link in the test bed); Router Solicitations and
   * link-up on that link are the same MN.
   */
  ACCESS_LINK,
  /**
   * Shared access links: an MN is named by the source link-layer address of its Router
   * Solicitation; link-up events are not attaches.
   */
  SOLICITATION
}
