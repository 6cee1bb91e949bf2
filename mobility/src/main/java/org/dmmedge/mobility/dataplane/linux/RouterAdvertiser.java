package org.dmmedge.mobility.dataplane.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.dataplane.AttachDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Router Advertisements on access links and listens for Router Solicitations.
 *
 * <p>Design: the data plane tells it, per access link, which prefixes to advertise and
 * whether each is preferred (anchored here) or deprecated (anchored elsewhere, preferred
 * lifetime 0). A change sends an RA on that link at once; one thread ("ra-...") re-sends every
 * interval and answers each solicitation with an RA. A solicitation from a link-layer address
 * not seen on that link before is an attach: the {@link AttachDetector} hears it. A link that
 * is not in the namespace (the MN's link moved away) is skipped until it returns; interface
 * indexes are looked up again for every send because a returning link may get a new one.
 * State is guarded by this object's monitor; the socket is used by the thread and by callers
 * of {@link #advertise}, which the kernel allows.
 */
final class RouterAdvertiser implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RouterAdvertiser.class);
  private static final int RECEIVE_TIMEOUT_MILLIS = 100;

  private final Rtnetlink rtnl;
  private final LinuxDataPlaneConfig config;
  private final int mtu;
  private final AttachDetector detector;
  private final LongSupplier nanoTicker;
  private final IcmpV6Socket socket;
  private final Map<String, Map<Ipv6Prefix, Boolean>> advertised = new LinkedHashMap<>();
  private final Map<String, Set<String>> seenSolicitors = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  RouterAdvertiser(Rtnetlink rtnl, LinuxDataPlaneConfig config, int mtu, AttachDetector detector,
      LongSupplier nanoTicker) {
    this.rtnl = rtnl;
    this.config = config;
    this.mtu = mtu;
    this.detector = detector;
    this.nanoTicker = nanoTicker;
    this.socket = config.namespace().open(() -> IcmpV6Socket.open(RECEIVE_TIMEOUT_MILLIS));
    this.thread = Workers.start("ra-" + config.namespace().name().orElse("main"), this::run);
  }

  /** Advertises {@code prefix} on {@code link}, preferred or deprecated, and sends an RA now. */
  void advertise(String link, Ipv6Prefix prefix, boolean preferred) {
    synchronized (this) {
      advertised.computeIfAbsent(link, l -> new LinkedHashMap<>()).put(prefix, preferred);
    }
    send(link);
  }

  /** Stops advertising {@code prefix} on {@code link} (the MN keeps its address until it expires). */
  void withdraw(String link, Ipv6Prefix prefix) {
    synchronized (this) {
      Map<Ipv6Prefix, Boolean> prefixes = advertised.get(link);
      if (prefixes == null || prefixes.remove(prefix) == null) {
        return;
      }
      if (prefixes.isEmpty()) {
        // Nothing left to advertise: the MN has left this link, and its next RS here is a new attach.
        advertised.remove(link);
        seenSolicitors.remove(link);
        return;
      }
    }
    send(link);
  }

  /** The RA this node sends on {@code link} now. */
  synchronized RouterAdvertisement advertisement(String link, Optional<byte[]> linkLayer) {
    List<RouterAdvertisement.PrefixInfo> infos = new ArrayList<>();
    advertised.getOrDefault(link, Map.of()).forEach((prefix, preferred) -> infos.add(
        new RouterAdvertisement.PrefixInfo(prefix, config.prefixValidLifetime(),
            preferred ? config.prefixPreferredLifetime() : Duration.ZERO)));
    return new RouterAdvertisement(config.routerLifetime(), mtu, linkLayer, infos);
  }

  @Override
  public void close() {
    running = false;
    Workers.join(thread);
    socket.close();
  }

  private void send(String link) {
    Optional<Rtnetlink.Link> found = rtnl.findLink(link);
    if (found.isEmpty() || !found.get().up()) {
      return;
    }
    Rtnetlink.Link l = found.get();
    byte[] ra = advertisement(link, Optional.of(l.hardwareAddress()).filter(a -> a.length == 6)).encode();
    try {
      socket.sendToAllNodes(ra, l.index());
    } catch (KernelException e) {
      // No link-local address yet (link just came up) or link gone: the next round retries.
      log.debug("RA on {}: {}", link, e.getMessage());
    }
  }

  private void run() {
    byte[] buffer = new byte[1500];
    long intervalNanos = config.routerAdvertisementInterval().toNanos();
    long next = nanoTicker.getAsLong() + intervalNanos;
    while (running) {
      try {
        int n = socket.receive(buffer);
        if (n > 0) {
          solicited(buffer, n, socket.lastInterface());
        }
        if (nanoTicker.getAsLong() - next >= 0) {
          next = nanoTicker.getAsLong() + intervalNanos;
          List<String> links;
          synchronized (this) {
            links = List.copyOf(advertised.keySet());
          }
          links.forEach(this::send);
        }
      } catch (RuntimeException e) {
        log.warn("router advertiser: {}", e.getMessage());
      }
    }
  }

  private void solicited(byte[] icmp, int length, int ifindex) {
    Optional<String> link = accessLinkWithIndex(ifindex);
    if (link.isEmpty()) {
      return;
    }
    Optional<String> source = RouterAdvertisement.solicitationSource(icmp, length);
    send(link.get());
    if (source.isPresent()) {
      boolean fresh;
      synchronized (this) {
        fresh = seenSolicitors.computeIfAbsent(link.get(), l -> new HashSet<>()).add(source.get());
      }
      if (fresh) {
        log.info("attach: {} solicited on {}", source.get(), link.get());
        detector.attach(source.get(), link.get());
      }
    }
  }

  private Optional<String> accessLinkWithIndex(int ifindex) {
    Set<String> links = new HashSet<>(config.accessLinks());
    synchronized (this) {
      links.addAll(advertised.keySet());
    }
    for (String name : links) {
      Optional<Rtnetlink.Link> l = rtnl.findLink(name);
      if (l.isPresent() && l.get().index() == ifindex) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  static String linkLayerText(byte[] address) {
    return HexFormat.ofDelimiter(":").formatHex(address);
  }
}
