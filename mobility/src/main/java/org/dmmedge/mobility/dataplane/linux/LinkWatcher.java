package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.dmmedge.mobility.dataplane.AttachDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attach detection from the link layer: listens to RTNLGRP_LINK in the node's namespace and
 * reports an access link that becomes operational (IFF_UP and IFF_LOWER_UP) — including the
 * MN's link arriving in this namespace at a handover — to the {@link AttachDetector}, with
 * the link's own hardware address as the MN's link-layer id (point-to-point access link).
 * Links already up at start are reported once. One thread; stops within its poll interval.
 */
final class LinkWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LinkWatcher.class);
  private static final int POLL_MILLIS = 200;

  private final Set<String> accessLinks;
  private final AttachDetector detector;
  private final NetlinkSocket events;
  private final Set<String> operational = new HashSet<>();
  private final Thread thread;
  private volatile boolean running = true;

  LinkWatcher(NetNamespace namespace, Rtnetlink rtnl, Set<String> accessLinks, AttachDetector detector) {
    this.accessLinks = Set.copyOf(accessLinks);
    this.detector = detector;
    this.events = namespace.open(() -> NetlinkSocket.open(RtMessages.RTNLGRP_LINK));
    events.setReceiveTimeout(POLL_MILLIS);
    this.thread = Workers.start("link-watch-" + namespace.name().orElse("main"), () -> {
      // Subscribed before the scan, so a link coming up in between is not missed; reported
      // from this thread, so the detector may call into the data plane that started us.
      try {
        this.accessLinks.forEach(name -> rtnl.findLink(name).ifPresent(this::seen));
      } catch (RuntimeException e) {
        log.warn("link watch: initial scan: {}", e.getMessage());
      }
      run();
    });
  }

  @Override
  public void close() {
    running = false;
    Workers.join(thread);
    events.close();
  }

  private void run() {
    while (running) {
      try {
        for (ByteBuffer m : events.nextEvents()) {
          int type = m.getShort(4);
          if (type == RtMessages.RTM_NEWLINK) {
            seen(Rtnetlink.parseLink(m));
          } else if (type == RtMessages.RTM_DELLINK) {
            forget(Rtnetlink.parseLink(m).name());
          }
        }
      } catch (RuntimeException e) {
        log.warn("link watch: {}", e.getMessage());
      }
    }
  }

  private void seen(Rtnetlink.Link link) {
    if (!accessLinks.contains(link.name())) {
      return;
    }
    boolean up = link.up() && link.lowerUp();
    boolean fresh = false;
    synchronized (this) {
      if (up) {
        fresh = operational.add(link.name());
      } else {
        operational.remove(link.name());
      }
    }
    if (fresh) {
      String id = RouterAdvertiser.linkLayerText(link.hardwareAddress());
      log.info("attach: access link {} up ({})", link.name(), id);
      detector.attach(id, link.name());
    }
  }

  private synchronized void forget(String name) {
    operational.remove(name);
  }
}
