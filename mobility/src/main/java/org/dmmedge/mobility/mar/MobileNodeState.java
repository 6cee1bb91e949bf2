package org.dmmedge.mobility.mar;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.Scheduler;

/**
 * What one MAR holds for one MN. Roles: {@code SERVING} (the MN is attached here; this MAR
 * anchors {@link #localPrefix} and reaches the MN's older prefixes through tunnels to their
 * anchors) or {@code ANCHOR} (the MN moved on; this MAR only forwards {@link #localPrefix} to
 * the MAR serving it). The agent's thread only.
 */
final class MobileNodeState {
  enum Role { SERVING, ANCHOR }

  final String mnId;
  final Ipv6Prefix localPrefix;
  Role role = Role.SERVING;
  String accessLink;
  byte[] linkLayerId;
  /** Where the MN is now, while {@link Role#ANCHOR}. */
  Optional<InetAddress> servingElsewhere = Optional.empty();
  /** Older prefixes reached through a tunnel, by prefix: their anchor (confirmed). */
  final Map<Ipv6Prefix, InetAddress> remoteAnchors = new LinkedHashMap<>();
  /** Relay-mode PBUs to previous anchors still unanswered, by prefix. */
  final Map<Ipv6Prefix, Retransmitter.Request> relayRequests = new LinkedHashMap<>();
  Optional<Retransmitter.Request> registration = Optional.empty();
  Scheduler.Cancellable refresh = () -> { };
  /** While {@link Role#ANCHOR}: the end of the forwarding's lifetime unless refreshed. */
  Scheduler.Cancellable expiry = () -> { };
  /** Whether the CMD has accepted a registration since the MN attached here. */
  boolean registered;
  /** Attach callers waiting for the first PBA. */
  final List<CompletableFuture<Attachment>> waiting = new ArrayList<>();
  private int nextSequence;

  MobileNodeState(String mnId, Ipv6Prefix localPrefix, int firstSequence) {
    this.mnId = mnId;
    this.localPrefix = localPrefix;
    this.nextSequence = firstSequence;
  }

  int nextSequence() {
    int sequence = nextSequence;
    nextSequence = (nextSequence + 1) & 0xffff;
    return sequence;
  }

  /** After a status 135: continue after the number the peer last accepted. */
  void resynchronise(int lastAccepted) {
    nextSequence = (lastAccepted + 1) & 0xffff;
  }

  /** The local prefix first, then the remote ones. */
  List<Ipv6Prefix> prefixes() {
    List<Ipv6Prefix> all = new ArrayList<>();
    all.add(localPrefix);
    all.addAll(remoteAnchors.keySet());
    return all;
  }

  void stopTimers() {
    registration.ifPresent(Retransmitter.Request::cancel);
    registration = Optional.empty();
    relayRequests.values().forEach(Retransmitter.Request::cancel);
    relayRequests.clear();
    refresh.cancel();
    expiry.cancel();
  }
}
