package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.dataplane.AttachDetector;
import org.dmmedge.mobility.dataplane.DataPlane;
import org.dmmedge.mobility.dataplane.DataPlaneAction;
import org.dmmedge.mobility.dataplane.DataPlaneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DataPlane} of a MAR on Linux: routes, source-prefix policy rules and tunnels over
 * rtnetlink, Router Advertisements on access links, optional nftables interception and MSS
 * clamping.
 *
 * <p>What each action becomes:
 * <ul>
 *   <li>{@code AnchorLocal}: route {@code prefix dev accessLink} (main table); the prefix
 *       advertised preferred on the access link.
 *   <li>{@code ReachRemoteAnchor}: a table of its own whose default route enters the tunnel to
 *       the anchor; rule {@code from prefix iif accessLink lookup <table>}; route
 *       {@code prefix dev accessLink} (main) for what comes out of the tunnel; the prefix
 *       advertised deprecated (preferred lifetime 0).
 *   <li>{@code ForwardToServing}: route {@code prefix} into the tunnel to the serving MAR
 *       (main).
 * </ul>
 * Every main-table route of a prefix has the same kernel key (prefix, table, metric
 * {@value #ROUTE_METRIC}), so installing an action switches the prefix's traffic at once, in
 * one route replace, whatever older action is still installed.
 *
 * <p>Concurrency: {@link #install}, {@link #remove} and {@link #close} are serialized on this
 * object; each blocks for a few netlink round trips. Every kernel change an action made is
 * recorded as an undo step; a failure half-way undoes the steps done and throws a
 * {@link DataPlaneException} naming the action. Two actions may want a route with the same
 * kernel key (a prefix re-forwarded from one serving MAR to the next): the later one replaces
 * the route and owns it, and removing the earlier action leaves it alone. {@link #close}
 * undoes every installed action
 * in reverse order, then removes the backend's tunnels, the RA socket, the nftables table.
 */
public final class LinuxDataPlane implements DataPlane {

  private static final Logger log = LoggerFactory.getLogger(LinuxDataPlane.class);

  static final int ROUTE_METRIC = 1024;
  static final int RULE_PRIORITY = 1000;
  static final int FIRST_TABLE = 1000;
  private static final int TUNNEL_OVERHEAD = 40;
  private static final int FULL_SIZE = 1500;
  private static final int TCP_IPV6_HEADERS = 60;
  private static final Ipv6Prefix DEFAULT = Ipv6Prefix.parse("::/0");
  private static final Ipv6Prefix WARM_UP_PREFIX = Ipv6Prefix.parse("100::/64"); // RFC 6666
  private static final int WARM_UP_TABLE = 2_000_000_001;
  private static final int WARM_UP_ROUNDS = 100;

  private final LinuxDataPlaneConfig config;
  private final Rtnetlink rtnl;
  private final TunnelBackend backend;
  private final RouterAdvertiser advertiser;
  private final Optional<LinkWatcher> linkWatcher;
  private final Optional<NftRules> nft;
  private final int advertisedMtu;
  private final Map<DataPlaneAction, Deque<Runnable>> installed = new LinkedHashMap<>();
  private final Map<Inet6Address, Integer> tunnelUsers = new HashMap<>();
  /** Peers whose tunnels {@link #openTunnels} keeps: one user each that never releases. */
  private final Set<Inet6Address> kept = new java.util.HashSet<>();
  /** Route key (destination, table, metric) to the action whose route holds it now. */
  private final Map<List<Object>, DataPlaneAction> routeOwners = new HashMap<>();
  private final Deque<Integer> freeTables = new ArrayDeque<>();
  private int nextTable = FIRST_TABLE;
  private boolean closed;

  private LinuxDataPlane(LinuxDataPlaneConfig config, Rtnetlink rtnl, TunnelBackend backend,
      RouterAdvertiser advertiser, Optional<LinkWatcher> linkWatcher, Optional<NftRules> nft, int advertisedMtu) {
    this.config = config;
    this.rtnl = rtnl;
    this.backend = backend;
    this.advertiser = advertiser;
    this.linkWatcher = linkWatcher;
    this.nft = nft;
    this.advertisedMtu = advertisedMtu;
  }

  /**
   * Starts a data plane: opens rtnetlink in the configured namespace, removes routes and
   * rules a crashed earlier run left (protocol {@value RtMessages#RTPROT_DMM}), picks the tunnel
   * backend (saying in one line why each skipped one is unavailable), warns when the core
   * link cannot carry 1500 + 40 bytes, starts Router Advertisements and attach detection
   * ({@code detector} hears attaches), installs the nftables table when configured.
   *
   * @throws DataPlaneException when the core link is missing, the configured backend is
   *     unavailable, or a kernel call fails; nothing is left behind then
   */
  public static LinuxDataPlane start(LinuxDataPlaneConfig config, AttachDetector detector) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(detector, "detector");
    Rtnetlink rtnl = Rtnetlink.open(config.namespace());
    List<AutoCloseable> started = new ArrayList<>(List.of(rtnl));
    try {
      Rtnetlink.Link core = rtnl.findLink(config.coreLink()).orElseThrow(() -> new DataPlaneException(
          "coreLink: " + config.coreLink() + " (expected: an interface in " + config.namespace() + ")"));
      int leftovers = rtnl.flushOwn();
      if (leftovers > 0) {
        log.warn("removed {} routes and rules an earlier run left in {}", leftovers, config.namespace());
      }
      // A leftover device with the endpoints of a tunnel this run opens would make the kernel
      // refuse the new one (EEXIST: same local and remote address).
      int devices = rtnl.removeIp6Tunnels(name -> Ip6TnlBackend.DEVICE_NAME.matcher(name).matches());
      if (devices > 0) {
        log.warn("removed {} ip6tnl devices an earlier run left in {}", devices, config.namespace());
      }
      if (!config.namespace().ipv6Forwarding()) {
        log.warn("IPv6 forwarding is off in {}: MN traffic will not be routed (expected:"
            + " net.ipv6.conf.all.forwarding=1)", config.namespace());
      }
      int tunnelMtu = core.mtu() - TUNNEL_OVERHEAD;
      int mtu = config.advertisedMtu() != 0 ? config.advertisedMtu() : Math.min(FULL_SIZE, tunnelMtu);
      if (tunnelMtu < FULL_SIZE) {
        log.warn("tunnel path {} has MTU {}: it cannot carry {} + {} bytes of IPv6-in-IPv6; access links"
            + " advertise MTU {}{}", config.coreLink(), core.mtu(), FULL_SIZE, TUNNEL_OVERHEAD, mtu,
            config.clampMss() ? " and clamp TCP MSS" : " (consider clampMss)");
      }
      TunnelBackend backend = TunnelBackends.create(config, rtnl, core.index(), tunnelMtu, log::warn);
      started.add(backend);
      log.info("tunnel backend: {} ({})", backend.kind().configName(), config.namespace());
      RouterAdvertiser advertiser = new RouterAdvertiser(rtnl, config, mtu, detector, System::nanoTime);
      started.add(advertiser);
      Optional<LinkWatcher> watcher = config.accessLinks().isEmpty() ? Optional.empty()
          : Optional.of(new LinkWatcher(config.namespace(), rtnl, Set.copyOf(config.accessLinks()), detector));
      watcher.ifPresent(started::add);
      Optional<NftRules> nft = config.interceptPort() > 0 || config.clampMss()
          ? Optional.of(NftRules.install(config.namespace(), config.accessLinks(), config.localAddress(),
              config.interceptPort(),
              config.clampMss() ? mtu - TCP_IPV6_HEADERS : 0))
          : Optional.empty();
      return new LinuxDataPlane(config, rtnl, backend, advertiser, watcher, nft, mtu);
    } catch (RuntimeException e) {
      java.util.Collections.reverse(started);
      closeAll(started);
      throw e;
    }
  }

  /** The MTU this node advertises on access links. */
  public int advertisedMtu() {
    return advertisedMtu;
  }

  /** Tunnelled packets dropped because they came from a node that is not an open tunnel peer. */
  public long droppedFromUnknownPeers() {
    return backend.droppedFromUnknownPeers();
  }

  /** The tunnel backend in use. */
  public TunnelBackendKind tunnelBackend() {
    return backend.kind();
  }

  @Override
  public synchronized void install(DataPlaneAction action) {
    Objects.requireNonNull(action, "action");
    if (closed) {
      throw new IllegalStateException("install " + action + ": data plane closed");
    }
    if (installed.containsKey(action)) {
      return;
    }
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      if (action instanceof DataPlaneAction.AnchorLocal a) {
        anchorLocal(a, undo);
      } else if (action instanceof DataPlaneAction.ReachRemoteAnchor r) {
        reachRemoteAnchor(r, undo);
      } else if (action instanceof DataPlaneAction.ForwardToServing f) {
        forwardToServing(f, undo);
      }
    } catch (RuntimeException e) {
      runAll(undo);
      throw new DataPlaneException("install " + action + ": " + e.getMessage(), e);
    }
    installed.put(action, undo);
    log.debug("installed {}", action);
  }

  @Override
  public synchronized void remove(DataPlaneAction action) {
    Objects.requireNonNull(action, "action");
    Deque<Runnable> undo = installed.remove(action);
    if (undo != null) {
      List<RuntimeException> failures = runAll(undo);
      if (!failures.isEmpty()) {
        DataPlaneException e = new DataPlaneException("remove " + action + ": " + failures.get(0).getMessage(),
            failures.get(0));
        failures.subList(1, failures.size()).forEach(e::addSuppressed);
        throw e;
      }
      log.debug("removed {}", action);
    }
  }

  /**
   * Sets up the tunnels to {@code peers} now and keeps them until {@link #close}, so that a
   * handover finds them ready: no device, thread or netlink round trip of tunnel set-up
   * between a PBU and the first packet forwarded (with the userspace backend that set-up was
   * 5-15 ms per side, and the receiving side dropped what its anchor sent before it was done).
   * Idempotent per peer.
   *
   * @throws DataPlaneException when a tunnel cannot be set up; those set up before stay kept
   */
  public synchronized void openTunnels(java.util.Collection<? extends InetAddress> peers) {
    if (closed) {
      throw new IllegalStateException("openTunnels: data plane closed");
    }
    for (InetAddress peer : peers) {
      Inet6Address v6 = ipv6("peer", peer);
      if (kept.add(v6)) {
        try {
          warmUp(acquire(v6, new ArrayDeque<>()));
        } catch (RuntimeException e) {
          kept.remove(v6);
          throw new DataPlaneException("open tunnel to " + v6.getHostAddress() + ": "
              + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Runs what a handover asks of the kernel (a table route into the tunnel, a source-prefix
   * rule, both removed again) in a scratch table for a discard prefix, so the first handover
   * does not pay for loading and compiling that path (it was 100-200 ms slower in the test bed).
   */
  private void warmUp(TunnelPath path) {
    Route route = path.route(DEFAULT, WARM_UP_TABLE, ROUTE_METRIC);
    SourcePrefixRule rule = new SourcePrefixRule(WARM_UP_PREFIX, Optional.empty(), WARM_UP_TABLE,
        RULE_PRIORITY);
    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
      rtnl.replaceRoute(route);
      rtnl.addRule(rule);
      rtnl.removeRule(rule);
      rtnl.removeRoute(route);
    }
  }

  /** The actions installed now, in installation order. */
  public synchronized List<DataPlaneAction> installedActions() {
    return List.copyOf(installed.keySet());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<DataPlaneAction> actions = new ArrayList<>(installed.keySet());
    java.util.Collections.reverse(actions);
    for (DataPlaneAction action : actions) {
      try {
        remove(action);
      } catch (RuntimeException e) {
        log.warn("close: {}", e.getMessage());
      }
    }
    List<AutoCloseable> parts = new ArrayList<>();
    nft.ifPresent(parts::add);
    linkWatcher.ifPresent(parts::add);
    parts.addAll(List.of(advertiser, backend, rtnl));
    closeAll(parts);
  }

  private void anchorLocal(DataPlaneAction.AnchorLocal a, Deque<Runnable> undo) {
    int link = linkIndex(a.accessLink());
    route(a, Route.onLink(a.prefix(), Route.MAIN_TABLE, ROUTE_METRIC, link), undo);
    advertiser.advertise(a.accessLink(), a.prefix(), true);
    undo.push(() -> advertiser.withdraw(a.accessLink(), a.prefix()));
  }

  private void reachRemoteAnchor(DataPlaneAction.ReachRemoteAnchor r, Deque<Runnable> undo) {
    int link = linkIndex(r.accessLink());
    Inet6Address anchor = ipv6("anchor", r.anchor());
    TunnelPath path = acquire(anchor, undo);
    int table = freeTables.isEmpty() ? nextTable++ : freeTables.pop();
    undo.push(() -> freeTables.push(table));
    route(r, path.route(DEFAULT, table, ROUTE_METRIC), undo);
    SourcePrefixRule rule = new SourcePrefixRule(r.prefix(), Optional.of(r.accessLink()), table, RULE_PRIORITY);
    rtnl.addRule(rule);
    undo.push(() -> rtnl.removeRule(rule));
    route(r, Route.onLink(r.prefix(), Route.MAIN_TABLE, ROUTE_METRIC, link), undo);
    advertiser.advertise(r.accessLink(), r.prefix(), false);
    undo.push(() -> advertiser.withdraw(r.accessLink(), r.prefix()));
  }

  private void forwardToServing(DataPlaneAction.ForwardToServing f, Deque<Runnable> undo) {
    TunnelPath path = acquire(ipv6("servingMar", f.servingMar()), undo);
    route(f, path.route(f.prefix(), Route.MAIN_TABLE, ROUTE_METRIC), undo);
  }

  /** Installs {@code route} for {@code owner}; the undo step removes it only if still owned. */
  private void route(DataPlaneAction owner, Route route, Deque<Runnable> undo) {
    List<Object> key = List.of(route.destination(), route.table(), route.metric());
    rtnl.replaceRoute(route);
    routeOwners.put(key, owner);
    undo.push(() -> {
      if (owner.equals(routeOwners.get(key))) {
        routeOwners.remove(key);
        rtnl.removeRoute(route);
      }
    });
  }

  /** Opens the tunnel to {@code peer} for one more user; the undo step releases it. */
  private TunnelPath acquire(Inet6Address peer, Deque<Runnable> undo) {
    TunnelPath path = backend.open(peer);
    tunnelUsers.merge(peer, 1, Integer::sum);
    undo.push(() -> {
      if (tunnelUsers.merge(peer, -1, Integer::sum) == 0) {
        tunnelUsers.remove(peer);
        backend.release(peer);
      }
    });
    return path;
  }

  private int linkIndex(String name) {
    return rtnl.findLink(name).orElseThrow(() -> new DataPlaneException(
        "accessLink: " + name + " (expected: an interface in " + config.namespace() + ")")).index();
  }

  private static Inet6Address ipv6(String field, InetAddress address) {
    if (address instanceof Inet6Address v6) {
      return v6;
    }
    throw new DataPlaneException(field + ": " + address.getHostAddress() + " (expected: an IPv6 address)");
  }

  private static List<RuntimeException> runAll(Deque<Runnable> undo) {
    List<RuntimeException> failures = new ArrayList<>();
    for (Runnable step : undo) {
      try {
        step.run();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    return failures;
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("close {}: {}", part.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
