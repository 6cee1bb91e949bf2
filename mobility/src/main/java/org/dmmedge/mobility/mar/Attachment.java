package org.dmmedge.mobility.mar;

import java.util.List;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * The outcome of an attach the CMD accepted.
 *
 * @param mnId the MN
 * @param localPrefix the prefix this MAR anchors for it (new, or kept from an earlier visit)
 * @param remotePrefixes older prefixes the CMD named, anchored at other MARs
 */
public record Attachment(String mnId, Ipv6Prefix localPrefix, List<Ipv6Prefix> remotePrefixes) {
  public Attachment {
    remotePrefixes = List.copyOf(remotePrefixes);
  }
}
