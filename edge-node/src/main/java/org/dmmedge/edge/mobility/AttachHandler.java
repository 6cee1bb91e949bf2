package org.dmmedge.edge.mobility;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.dmmedge.edge.config.MnIdentity;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.MobilityListener;
import org.dmmedge.mobility.dataplane.AttachDetector;
import org.dmmedge.mobility.mar.MarAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the data plane's attach events (a Router Solicitation from a new link-layer address,
 * an access link coming up) into {@link MarAgent#attach} calls, naming the MN as
 * {@link MnIdentity} says. An MN already attached on a link is not attached again by a later
 * event on that link (a solicitation after the link-up); once the agent says it left, its next
 * arrival attaches it again.
 *
 * <p>Called on a data-plane thread ({@link #attach}) and the agent's thread (listener). The
 * agent is set once, after it started: the data plane it drives starts first and reports the
 * access links already up at once, so events before that wait and are replayed.
 */
final class AttachHandler implements AttachDetector, MobilityListener {
  private static final Logger log = LoggerFactory.getLogger(AttachHandler.class);
  private static final HexFormat MAC = HexFormat.ofDelimiter(":");

  private final MnIdentity identity;
  private final Function<String, Optional<byte[]>> linkAddress;
  private final Map<String, String> attachedOnLink = new ConcurrentHashMap<>();
  private final List<String[]> early = new ArrayList<>();
  private MarAgent agent;

  /**
   * @param linkAddress an access link's own hardware address (empty when the link is gone)
   */
  AttachHandler(MnIdentity identity, Function<String, Optional<byte[]>> linkAddress) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.linkAddress = Objects.requireNonNull(linkAddress, "linkAddress");
  }

  /** The started agent: attach events seen so far are handed to it now. */
  synchronized void agent(MarAgent started) {
    agent = Objects.requireNonNull(started, "agent");
    early.forEach(e -> attach(e[0], e[1]));
    early.clear();
  }

  @Override
  public synchronized void attach(String mnLinkLayerId, String link) {
    if (agent == null) {
      early.add(new String[] {mnLinkLayerId, link});
      return;
    }
    Optional<String> own = linkAddress.apply(link).map(MAC::formatHex);
    Optional<String> mn = identity == MnIdentity.ACCESS_LINK ? own
        : Optional.of(mnLinkLayerId).filter(id -> !own.equals(Optional.of(id)));
    if (mn.isEmpty()) {
      log.debug("attach event on {} from {} ignored (not an MN under {})", link, mnLinkLayerId,
          identity);
      return;
    }
    String id = mn.get();
    if (id.equals(attachedOnLink.put(link, id))) {
      log.debug("{} on {} is already attached", id, link);
      return;
    }
    long start = System.nanoTime();
    agent.attach(id, link, MAC.parseHex(id)).whenComplete((attachment, failure) -> {
      if (failure != null) {
        attachedOnLink.remove(link, id);
        log.warn("{} on {}: attach failed: {}", id, link, failure.getMessage());
      } else {
        log.info("{} attached on {}: prefix {}, remote {}, registered in {} us", id, link,
            attachment.localPrefix(), attachment.remotePrefixes(),
            (System.nanoTime() - start) / 1000);
      }
    });
  }

  @Override
  public void arrived(String mnId, Optional<InetAddress> from, List<Ipv6Prefix> prefixes) {
    // attachments are recorded when they start
  }

  @Override
  public void left(String mnId, Optional<InetAddress> to, List<Ipv6Prefix> prefixes) {
    attachedOnLink.values().removeIf(mnId::equals);
  }
}
