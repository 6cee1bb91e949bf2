package org.dmmedge.mobility.cmd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.Scheduler;
import org.dmmedge.mobility.codec.CodecException;
import org.dmmedge.mobility.codec.CodecException.Reason;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MobilityMessage;
import org.dmmedge.mobility.codec.MobilityOption;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ProxyBindingUpdate;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.dmmedge.mobility.codec.ReceivedMessage;
import org.dmmedge.mobility.codec.ReplayGuard;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.codec.SequenceWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CMD's handling of PBUs from MARs (RFC 5213 §5.3 as the LMA does it, but storing bindings
 * only) and, in proxy mode, of the PBAs previous anchors send back.
 *
 * <p>A PBU from MAR S for MN m is checked (MN identifier, prefixes, handoff indicator, access
 * technology: RFC 5213 §8.9 statuses; timestamp window and order, then sequence number, RFC
 * 5213 §5.5 and RFC 6275 §9.5.1), then:
 * <ul>
 *   <li>lifetime 0: the listed prefixes are removed (all of them when S serves m; only those S
 *       anchors otherwise), and their remote anchors are told (relay: listed in the PBA for S
 *       to tell; proxy: the CMD sends them a lifetime-0 PBU);
 *   <li>otherwise: S becomes m's serving MAR; listed prefixes the CMD does not know are
 *       anchored at S, known ones are refreshed; prefixes anchored elsewhere are m's previous
 *       anchors. A prefix bound to another MN is refused (status 155).
 * </ul>
 * In relay mode, and in proxy mode when S already served m, the PBA goes out at once, listing
 * the previous anchors. In proxy mode on a handover, a {@link ProxyHandover} first has every
 * previous anchor acknowledge. Bad messages are dropped and counted by reason, never thrown.
 *
 * <p>Runs on the {@link CmdWorker} thread only; answers go to the {@link Outbox}.
 */
final class PbuProcessor {
  private static final Logger log = LoggerFactory.getLogger(PbuProcessor.class);

  private final CmdConfig config;
  private final BindingStore store;
  private final CmdMetrics metrics;
  private final Outbox outbox;
  private final ReplayGuard replayGuard;
  private final Scheduler scheduler;
  private final Map<InetAddress, SecurityAssociation> saByMar = new HashMap<>();
  private final Map<Ipv6Prefix, String> prefixOwner = new HashMap<>();
  private final SequenceWindow sequences = new SequenceWindow();
  /** Proxy mode: anchors that did not acknowledge the last handover, per MN. */
  private final Map<String, java.util.Set<InetAddress>> unconfirmed = new HashMap<>();
  private final ProxyHandover.Registry handovers;

  PbuProcessor(CmdConfig config, BindingStore store, CmdMetrics metrics, Outbox outbox,
      Scheduler scheduler, java.util.concurrent.Executor worker) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.replayGuard = new ReplayGuard(config.timestampWindow(), scheduler.clock());
    config.securityAssociations().forEach(sa -> saByMar.put(sa.peer(), sa));
    store.all().forEach(mn -> mn.bindings().forEach(b -> prefixOwner.put(b.prefix(), mn.mnId())));
    this.handovers = new ProxyHandover.Registry(config.anchorRetransmission(), scheduler, worker,
        this::sendTo, ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** Handles one datagram received at {@code arrival}. */
  void handle(ReceivedMessage received, Instant arrival) {
    if (received.result() instanceof DecodeResult.Failed failed) {
      drop(failed.cause(), received.sender());
      return;
    }
    MobilityMessage message = ((DecodeResult.Decoded) received.result()).message();
    try {
      if (message instanceof ProxyBindingUpdate pbu) {
        metrics.pbuReceived();
        onPbu(pbu, received.sender(), arrival);
      } else if (message instanceof ProxyBindingAck pba) {
        if (!handovers.onPba(pba, received.sender().getAddress())) {
          throw new CodecException(Reason.UNEXPECTED, "PBA seq " + pba.sequence()
              + " answers no PBU of ours");
        }
      }
    } catch (CodecException e) {
      drop(e, received.sender());
    }
  }

  private void drop(CodecException cause, InetSocketAddress sender) {
    metrics.dropped(cause, sender);
  }

  private void onPbu(ProxyBindingUpdate pbu, InetSocketAddress sender, Instant arrival) {
    Optional<String> mnId = pbu.mnId();
    List<Ipv6Prefix> prefixes = ProxyMessages.prefixes(pbu);
    PbaStatus missing = mnId.isEmpty() ? PbaStatus.MISSING_MN_IDENTIFIER_OPTION
        : prefixes.isEmpty() ? PbaStatus.MISSING_HOME_NETWORK_PREFIX_OPTION
        : pbu.option(MobilityOption.HandoffIndicator.class).isEmpty()
            ? PbaStatus.MISSING_HANDOFF_INDICATOR_OPTION
        : pbu.option(MobilityOption.AccessTechnologyType.class).isEmpty()
            ? PbaStatus.MISSING_ACCESS_TECH_TYPE_OPTION : null;
    if (missing != null) {
      answer(pbu, sender, missing, 0, List.of());
      return;
    }
    String mn = mnId.get();
    replayGuard.verify(mn, pbu, arrival);
    OptionalInt last = sequences.accept(mn + '|' + sender.getAddress().getHostAddress(),
        pbu.sequence());
    if (last.isPresent()) {
      drop(new CodecException(Reason.OUT_OF_ORDER, "PBU for " + mn + ": sequence "
          + pbu.sequence() + " not after " + last.getAsInt()), sender);
      metrics.pbaSent(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW);
      outbox.add(signedTo(sender, ProxyMessages.outOfWindow(pbu, last.getAsInt())));
      return;
    }
    replayGuard.record(mn, pbu);
    for (Ipv6Prefix prefix : prefixes) {
      String owner = prefixOwner.get(prefix);
      if (owner != null && !owner.equals(mn)) {
        answer(pbu, sender, PbaStatus.NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX, 0, List.of());
        return;
      }
    }
    if (pbu.lifetimeUnits() == 0) {
      deregister(pbu, mn, prefixes, sender);
    } else {
      register(pbu, mn, prefixes, sender);
    }
  }

  private void register(ProxyBindingUpdate pbu, String mn, List<Ipv6Prefix> prefixes,
      InetSocketAddress sender) {
    InetAddress serving = sender.getAddress();
    Instant now = scheduler.now();
    Duration lifetime = pbu.lifetime().compareTo(config.maxLifetime()) > 0
        ? config.maxLifetime() : pbu.lifetime();
    Optional<MobileNodeBindings> existing = store.get(mn);
    List<Binding> bindings = new ArrayList<>(existing.map(MobileNodeBindings::bindings)
        .orElse(List.of()));
    for (Ipv6Prefix prefix : prefixes) {
      int at = indexOf(bindings, prefix);
      InetAddress anchor = at >= 0 ? bindings.get(at).anchor() : serving;
      Binding fresh = new Binding(prefix, anchor, lifetime, now);
      if (at >= 0) {
        bindings.set(at, fresh);
      } else {
        bindings.add(fresh);
      }
      prefixOwner.put(prefix, mn);
    }
    byte[] linkLayerId = pbu.option(MobilityOption.LinkLayerIdentifier.class)
        .map(MobilityOption.LinkLayerIdentifier::id)
        .orElseGet(() -> existing.map(MobileNodeBindings::linkLayerId).orElse(new byte[0]));
    store.put(new MobileNodeBindings(mn, serving, linkLayerId, bindings));
    boolean handover = existing.isPresent() && !existing.get().servingMar().equals(serving);
    List<Binding> previous = bindings.stream().filter(b -> !b.anchor().equals(serving)).toList();
    int units = org.dmmedge.mobility.codec.MobilityMessage.lifetimeUnits(lifetime);
    if (handover) {
      log.info("{} moved from {} to {} ({} previous anchor(s))", mn,
          existing.get().servingMar().getHostAddress(), serving.getHostAddress(), previous.size());
    }
    Optional<InetAddress> lastServing = handover
        ? Optional.of(existing.get().servingMar()) : Optional.empty();
    if (config.mode() == CmdMode.PROXY && handovers.isPending(mn, serving)) {
      handovers.reanswer(mn, pbu, sender);
    } else if (config.mode() == CmdMode.PROXY && handover && !previous.isEmpty()) {
      handovers.start(mn, pbu, sender, units, previous, linkLayerId, lastServing,
          (answered, to, status, anchors) -> {
            unconfirmed.put(mn, anchors.stream().filter(a -> !a.notified())
                .map(PreviousAnchor::anchor).collect(java.util.stream.Collectors.toSet()));
            answer(answered, to, status, units, anchors);
          });
    } else {
      java.util.Set<InetAddress> unknown = unconfirmed.getOrDefault(mn, java.util.Set.of());
      answer(pbu, sender, PbaStatus.ACCEPTED, units, previous.stream()
          .map(b -> new PreviousAnchor(b.anchor(), b.prefix(),
              config.mode() == CmdMode.PROXY && !unknown.contains(b.anchor()),
              lastServing.filter(b.anchor()::equals).isPresent(), linkLayerId))
          .toList());
    }
  }

  private void deregister(ProxyBindingUpdate pbu, String mn, List<Ipv6Prefix> prefixes,
      InetSocketAddress sender) {
    InetAddress from = sender.getAddress();
    Optional<MobileNodeBindings> existing = store.get(mn);
    if (existing.isEmpty()) {
      answer(pbu, sender, PbaStatus.ACCEPTED, 0, List.of());
      return;
    }
    MobileNodeBindings entry = existing.get();
    boolean serving = entry.servingMar().equals(from);
    List<Binding> kept = new ArrayList<>();
    List<Binding> removed = new ArrayList<>();
    for (Binding b : entry.bindings()) {
      boolean mayRemove = prefixes.contains(b.prefix()) && (serving || b.anchor().equals(from));
      (mayRemove ? removed : kept).add(b);
    }
    removed.forEach(b -> prefixOwner.remove(b.prefix()));
    if (kept.isEmpty()) {
      store.remove(mn);
      unconfirmed.remove(mn);
    } else {
      store.put(new MobileNodeBindings(mn, entry.servingMar(), entry.linkLayerId(), kept));
    }
    log.info("{}: {} deregistered {}", mn, from.getHostAddress(),
        removed.stream().map(b -> b.prefix().toString()).toList());
    List<Binding> remote = removed.stream().filter(b -> !b.anchor().equals(from)).toList();
    if (config.mode() == CmdMode.PROXY && !remote.isEmpty()) {
      handovers.start(mn, pbu, sender, 0, remote, entry.linkLayerId(), Optional.empty(),
          (answered, to, status, anchors) -> answer(answered, to, status, 0, anchors));
    } else {
      answer(pbu, sender, PbaStatus.ACCEPTED, 0,
          unnotified(remote, entry.linkLayerId()));
    }
  }

  /** Drops expired bindings (and MNs left without any). */
  void expire() {
    Instant now = scheduler.now();
    for (MobileNodeBindings mn : store.all()) {
      List<Binding> alive = mn.bindings().stream().filter(b -> b.expires().isAfter(now)).toList();
      if (alive.size() == mn.bindings().size()) {
        continue;
      }
      mn.bindings().stream().filter(b -> !alive.contains(b))
          .forEach(b -> prefixOwner.remove(b.prefix()));
      if (alive.isEmpty()) {
        store.remove(mn.mnId());
        log.info("{}: every binding expired", mn.mnId());
      } else {
        store.put(new MobileNodeBindings(mn.mnId(), mn.servingMar(), mn.linkLayerId(), alive));
      }
    }
  }

  /** Anchors for the serving MAR to tell itself (relay-mode deregistration). */
  private static List<PreviousAnchor> unnotified(List<Binding> bindings, byte[] linkLayerId) {
    return bindings.stream().map(b -> new PreviousAnchor(b.anchor(), b.prefix(), false, false,
        linkLayerId)).toList();
  }

  private static int indexOf(List<Binding> bindings, Ipv6Prefix prefix) {
    for (int i = 0; i < bindings.size(); i++) {
      if (bindings.get(i).prefix().equals(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private void answer(ProxyBindingUpdate pbu, InetSocketAddress to, PbaStatus status, int units,
      List<PreviousAnchor> anchors) {
    metrics.pbaSent(status);
    outbox.add(signedTo(to, ProxyMessages.pba(pbu, status, units, anchors)));
  }

  private void sendTo(InetAddress mar, MobilityMessage message) {
    outbox.add(signedTo(new InetSocketAddress(mar, config.marPort()), message));
  }

  private OutgoingMessage signedTo(InetSocketAddress to, MobilityMessage message) {
    return new OutgoingMessage(message, to, Optional.ofNullable(saByMar.get(to.getAddress())));
  }
}
