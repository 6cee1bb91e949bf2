package org.dmmedge.mobility.mar;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.MobilityListener;
import org.dmmedge.mobility.Scheduler;
import org.dmmedge.mobility.SystemScheduler;
import org.dmmedge.mobility.codec.CodecException;
import org.dmmedge.mobility.codec.CodecException.Reason;
import org.dmmedge.mobility.codec.CodecWarmUp;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.DropCounter;
import org.dmmedge.mobility.codec.MessageAuthenticator;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MobilityMessage;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.codec.MobilityOption;
import org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator;
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
import org.dmmedge.mobility.dataplane.DataPlane;
import org.dmmedge.mobility.dataplane.DataPlaneAction.AnchorLocal;
import org.dmmedge.mobility.dataplane.DataPlaneAction.ForwardToServing;
import org.dmmedge.mobility.dataplane.DataPlaneAction.ReachRemoteAnchor;
import org.dmmedge.mobility.transport.MobilityTransport;
import org.dmmedge.mobility.transport.TransportFactory;
import org.dmmedge.mobility.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DMM agent of one MAR: registers attached MNs at the CMD, reaches their older prefixes
 * through their anchors, and, as an anchor, forwards its prefix to wherever the MN went.
 *
 * <p>As serving MAR: {@link #attach} allocates a /64 (or keeps the one it anchors from an
 * earlier visit) and sends the CMD a PBU (retransmitted with backoff); the accepted PBA brings
 * {@link AnchorLocal} for the local prefix and, per previous anchor, {@link ReachRemoteAnchor}
 * at once: also when this MAR still has to tell the anchor (relay mode), so the path out of the
 * tunnel is ready when the anchor starts sending into it; taken back if the anchor refuses or
 * never answers. An MN returning to a MAR that anchors its prefix is served there at once,
 * before the CMD answers. Registrations are refreshed at 80 % of the granted lifetime.
 * {@link #detach} deregisters (lifetime 0) and removes everything.
 *
 * <p>As previous anchor: a PBU for one of its prefixes naming another serving MAR (from the
 * CMD or from that MAR) means the MN left: {@link ForwardToServing} comes (make before break:
 * its route replaces the old one in one step), then the serving-side state or the forwarding to
 * the MAR before goes; listeners hear {@code left}. A lifetime-0 PBU ends the forwarding and frees the prefix.
 *
 * <p>Threads: all state lives on one agent thread; transport callbacks, timers and API calls
 * are handed to it. Data-plane calls run there too (they may block; never on an event loop).
 * Bad, unauthenticated, replayed or unexpected messages are dropped and counted.
 */
public final class MarAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MarAgent.class);

  private final MarConfig config;
  private final DataPlane dataPlane;
  private final Scheduler scheduler;
  private final Optional<SystemScheduler> ownScheduler;
  private final ExecutorService executor;
  private final MobilityTransport transport;
  private final Retransmitter retransmitter;
  private final PrefixAllocator prefixes;
  private final ReplayGuard replayGuard;
  private final SequenceWindow sequences = new SequenceWindow();
  private final DropCounter drops;
  private final Map<String, MobileNodeState> nodes = new HashMap<>();
  private final List<MobilityListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<InetAddress, SecurityAssociation> peerKeys = new HashMap<>();

  private MarAgent(MarConfig config, DataPlane dataPlane, Scheduler scheduler,
      Optional<SystemScheduler> ownScheduler, TransportFactory transports) {
    this.config = config;
    this.dataPlane = dataPlane;
    this.scheduler = scheduler;
    this.ownScheduler = ownScheduler;
    this.prefixes = new PrefixAllocator(config.prefixPool());
    this.replayGuard = new ReplayGuard(config.timestampWindow(), scheduler.clock());
    this.drops = new DropCounter("MAR " + config.address().getHostAddress());
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "dmm-mar-" + config.address().getHostAddress());
      thread.setDaemon(true);
      return thread;
    });
    List<SecurityAssociation> keys = new ArrayList<>(config.peerAssociations());
    config.securityAssociation().ifPresent(keys::add);
    config.peerAssociations().forEach(sa -> peerKeys.put(sa.peer(), sa));
    MessageReader reader = new MessageReader(new MobilityMessageDecoder(config.acceptMadOptions()),
        config.requireAuthentication() ? Optional.of(new MessageAuthenticator(keys))
            : Optional.empty());
    CodecWarmUp.run(reader, config.securityAssociation(), config.address(), CodecWarmUp.ROUNDS);
    try {
      this.transport = transports.open(config.transport(), reader,
          received -> {
            Instant arrival = scheduler.now();
            submit(() -> handle(received, arrival));
          });
    } catch (RuntimeException e) {
      executor.shutdownNow();
      ownScheduler.ifPresent(SystemScheduler::close);
      throw e;
    }
    this.retransmitter = new Retransmitter(transport, config.securityAssociation(),
        config.retransmission(), scheduler, this::submit);
  }

  /** Starts an agent on the wall clock. */
  public static MarAgent start(MarConfig config, DataPlane dataPlane) {
    SystemScheduler scheduler = new SystemScheduler(
        "dmm-mar-timer-" + config.address().getHostAddress());
    return new MarAgent(config, dataPlane, scheduler, Optional.of(scheduler), Transports::open);
  }

  /**
   * Starts an agent on {@code scheduler}'s time (tests advance it by hand), its transport
   * opened by {@code transports}.
   */
  public static MarAgent start(MarConfig config, DataPlane dataPlane, Scheduler scheduler,
      TransportFactory transports) {
    return new MarAgent(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(dataPlane, "dataPlane"),
        Objects.requireNonNull(scheduler, "scheduler"), Optional.empty(),
        Objects.requireNonNull(transports, "transports"));
  }

  /** Runs {@code task} on the agent thread; false (task dropped) after {@link #close()}. */
  private boolean submit(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      log.debug("agent closed; dropping a late task");
      return false;
    }
  }

  public void addListener(MobilityListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Where the agent's transport listens. */
  public InetSocketAddress localAddress() {
    return transport.localAddress();
  }

  /** Messages dropped so far for {@code reason}. */
  public long dropCount(Reason reason) {
    return drops.count(reason);
  }

  /** {@link #attach(String, String, byte[])} without a link-layer identifier. */
  public CompletableFuture<Attachment> attach(String mnId, String accessLink) {
    return attach(mnId, accessLink, new byte[0]);
  }

  /**
   * MN {@code mnId} attached on {@code accessLink}: register it at the CMD. The future completes
   * when the CMD accepted, or fails when it refused or never answered.
   */
  public CompletableFuture<Attachment> attach(String mnId, String accessLink, byte[] linkLayerId) {
    Objects.requireNonNull(mnId, "mnId");
    Objects.requireNonNull(accessLink, "accessLink");
    byte[] ll = Objects.requireNonNull(linkLayerId, "linkLayerId").clone();
    CompletableFuture<Attachment> result = new CompletableFuture<>();
    if (!submit(() -> onAttach(mnId, accessLink, ll, result))) {
      result.completeExceptionally(new IllegalStateException("MAR agent closed"));
    }
    return result;
  }

  /** MN {@code mnId} detached: deregister it and remove its state. */
  public CompletableFuture<Void> detach(String mnId) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (!submit(() -> onDetach(mnId, result))) {
      result.completeExceptionally(new IllegalStateException("MAR agent closed"));
    }
    return result;
  }

  private void onAttach(String mnId, String link, byte[] ll,
      CompletableFuture<Attachment> result) {
    MobileNodeState state = nodes.get(mnId);
    if (state == null) {
      Optional<Ipv6Prefix> prefix = prefixes.allocate();
      if (prefix.isEmpty()) {
        result.completeExceptionally(new IllegalStateException(
            "prefixPool: " + config.prefixPool() + " exhausted"));
        return;
      }
      state = new MobileNodeState(mnId, prefix.get(), ThreadLocalRandom.current().nextInt(0x10000));
      nodes.put(mnId, state);
    } else if (state.role == MobileNodeState.Role.ANCHOR) {
      // The MN came back to a MAR that anchors its prefix: serve it here at once (the prefix
      // is ours and registered; waiting for the CMD would black-hole its downlink for a round
      // trip), which replaces the forwarding route in one step, then drop the forwarding.
      MobileNodeState back = state;
      state.expiry.cancel();
      dataPlane.install(new AnchorLocal(mnId, state.localPrefix, link));
      state.servingElsewhere.ifPresent(s ->
          dataPlane.remove(new ForwardToServing(mnId, back.localPrefix, s)));
      state.servingElsewhere = Optional.empty();
      state.role = MobileNodeState.Role.SERVING;
      state.registered = false;
    }
    state.accessLink = link;
    state.linkLayerId = ll;
    state.waiting.add(result);
    register(state, HandoffIndicator.UNKNOWN);
  }

  private void register(MobileNodeState state, int handoff) {
    state.registration.ifPresent(Retransmitter.Request::cancel);
    List<Ipv6Prefix> listed = state.prefixes();
    int units = MobilityMessage.lifetimeUnits(config.lifetime());
    state.registration = Optional.of(retransmitter.send(state.mnId, config.cmd(),
        state::nextSequence,
        seq -> ProxyMessages.pbu(seq, units, state.mnId, listed, handoff,
            config.accessTechnologyType(), state.linkLayerId, Optional.empty(), scheduler.now()),
        pba -> onRegistrationAnswer(state, pba),
        () -> registrationFailed(state, "the CMD did not answer")));
  }

  private void onRegistrationAnswer(MobileNodeState state, ProxyBindingAck pba) {
    if (pba.status().equals(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW)) {
      state.resynchronise(pba.sequence());
      state.registration.ifPresent(Retransmitter.Request::resend);
      return;
    }
    state.registration = Optional.empty();
    if (!pba.status().accepted()) {
      registrationFailed(state, "the CMD refused with " + pba.status());
      return;
    }
    String mn = state.mnId;
    List<PreviousAnchor> anchors = pba.options(PreviousAnchor.class).stream()
        .filter(a -> !a.anchor().equals(config.address())).toList();
    List<Ipv6Prefix> named = anchors.stream().map(PreviousAnchor::prefix).toList();
    new ArrayList<>(state.remoteAnchors.keySet()).stream().filter(p -> !named.contains(p))
        .forEach(p -> dataPlane.remove(new ReachRemoteAnchor(mn, p,
            state.remoteAnchors.remove(p), state.accessLink)));
    for (PreviousAnchor anchor : anchors) {
      if (state.relayRequests.containsKey(anchor.prefix())) {
        continue;
      }
      if (!anchor.anchor().equals(state.remoteAnchors.get(anchor.prefix()))) {
        // Reached before the anchor is told (relay mode): once told, it tunnels the MN's
        // downlink here at once, and what arrives before the path out of the tunnel exists
        // is lost.
        reach(state, anchor);
        if (!anchor.notified()) {
          tellAnchor(state, anchor, pba.lifetimeUnits());
        }
      } else if (state.registered) {
        // A refresh: anchors expire their forwarding, and the CMD tells them only of moves.
        tellAnchor(state, anchor, pba.lifetimeUnits());
      }
    }
    // After the anchors: the flows in progress use the older prefixes; the local one is new.
    dataPlane.install(new AnchorLocal(mn, state.localPrefix, state.accessLink));
    Duration granted = pba.lifetime();
    state.refresh.cancel();
    state.refresh = scheduler.schedule(granted.multipliedBy(4).dividedBy(5),
        () -> submit(() -> refresh(state)));
    if (!state.registered) {
      state.registered = true;
      Optional<InetAddress> from = anchors.stream().filter(PreviousAnchor::lastServing)
          .map(PreviousAnchor::anchor).findFirst();
      List<Ipv6Prefix> all = new ArrayList<>(List.of(state.localPrefix));
      all.addAll(named);
      log.info("{} registered at {} with {} (from {})", mn, config.address().getHostAddress(), all,
          from.map(InetAddress::getHostAddress).orElse("nowhere"));
      listeners.forEach(l -> l.arrived(mn, from, all));
    }
    Attachment attachment = new Attachment(mn, state.localPrefix, named);
    state.waiting.forEach(f -> f.complete(attachment));
    state.waiting.clear();
  }

  private void refresh(MobileNodeState state) {
    if (nodes.get(state.mnId) == state && state.role == MobileNodeState.Role.SERVING) {
      register(state, HandoffIndicator.NOT_CHANGED);
    }
  }

  private void registrationFailed(MobileNodeState state, String why) {
    state.registration = Optional.empty();
    log.warn("{}: registration failed: {}", state.mnId, why);
    state.waiting.forEach(f -> f.completeExceptionally(new IllegalStateException(
        state.mnId + ": " + why)));
    state.waiting.clear();
    if (!state.registered && nodes.get(state.mnId) == state) {
      removeServingState(state);
      release(state);
    }
  }

  /** Relay mode: this MAR tells a previous anchor that the MN is here now. */
  private void tellAnchor(MobileNodeState state, PreviousAnchor anchor, int units) {
    InetSocketAddress to = new InetSocketAddress(anchor.anchor(), config.peerPort());
    state.relayRequests.put(anchor.prefix(), retransmitter.send(state.mnId, to,
        state::nextSequence,
        seq -> ProxyMessages.pbu(seq, units, state.mnId, List.of(anchor.prefix()),
            HandoffIndicator.UNKNOWN, config.accessTechnologyType(), state.linkLayerId,
            Optional.of(config.address()), scheduler.now()),
        pba -> {
          if (pba.status().equals(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW)) {
            state.resynchronise(pba.sequence());
            state.relayRequests.get(anchor.prefix()).resend();
            return;
          }
          state.relayRequests.remove(anchor.prefix());
          if (!pba.status().accepted()) {
            log.warn("{}: anchor {} answered {}", state.mnId, to, pba.status());
            unreach(state, anchor);
          }
        },
        () -> {
          state.relayRequests.remove(anchor.prefix());
          log.warn("{}: anchor {} did not answer", state.mnId, to);
          unreach(state, anchor);
        }));
  }

  /** Takes back a {@link #reach} whose anchor refused or never answered (if still current). */
  private void unreach(MobileNodeState state, PreviousAnchor anchor) {
    if (nodes.get(state.mnId) == state && state.role == MobileNodeState.Role.SERVING
        && state.remoteAnchors.remove(anchor.prefix(), anchor.anchor())) {
      dataPlane.remove(new ReachRemoteAnchor(state.mnId, anchor.prefix(), anchor.anchor(),
          state.accessLink));
    }
  }

  private void reach(MobileNodeState state, PreviousAnchor anchor) {
    state.remoteAnchors.put(anchor.prefix(), anchor.anchor());
    dataPlane.install(new ReachRemoteAnchor(state.mnId, anchor.prefix(), anchor.anchor(),
        state.accessLink));
  }

  private void onDetach(String mnId, CompletableFuture<Void> result) {
    MobileNodeState state = nodes.get(mnId);
    if (state == null || state.role != MobileNodeState.Role.SERVING) {
      result.complete(null);
      return;
    }
    state.stopTimers();
    List<Ipv6Prefix> listed = state.prefixes();
    state.registration = Optional.of(retransmitter.send(state.mnId, config.cmd(),
        state::nextSequence,
        seq -> ProxyMessages.pbu(seq, 0, mnId, listed, HandoffIndicator.UNKNOWN,
            config.accessTechnologyType(), state.linkLayerId, Optional.empty(), scheduler.now()),
        pba -> {
          pba.options(PreviousAnchor.class).stream()
              .filter(a -> !a.notified() && !a.anchor().equals(config.address()))
              .forEach(a -> tellAnchor(state, a, 0));
          finishDetach(state, result);
        },
        () -> {
          log.warn("{}: the CMD did not answer the deregistration", mnId);
          finishDetach(state, result);
        }));
  }

  private void finishDetach(MobileNodeState state, CompletableFuture<Void> result) {
    state.registration = Optional.empty();
    List<Ipv6Prefix> used = state.prefixes();
    removeServingState(state);
    release(state);
    listeners.forEach(l -> l.left(state.mnId, Optional.empty(), used));
    result.complete(null);
  }

  private void removeServingState(MobileNodeState state) {
    dataPlane.remove(new AnchorLocal(state.mnId, state.localPrefix, state.accessLink));
    state.remoteAnchors.forEach((prefix, anchor) -> dataPlane.remove(
        new ReachRemoteAnchor(state.mnId, prefix, anchor, state.accessLink)));
    state.remoteAnchors.clear();
  }

  private void release(MobileNodeState state) {
    nodes.remove(state.mnId, state);
    prefixes.release(state.localPrefix);
    sequences.forget(state.mnId);
  }

  private void handle(ReceivedMessage received, Instant arrival) {
    try {
      if (received.result() instanceof DecodeResult.Failed failed) {
        throw failed.cause();
      }
      MobilityMessage message = ((DecodeResult.Decoded) received.result()).message();
      if (message instanceof ProxyBindingAck pba) {
        if (!retransmitter.answer(received.sender().getAddress(), pba)) {
          throw new CodecException(Reason.UNEXPECTED, "PBA seq " + pba.sequence()
              + " answers no PBU in flight");
        }
      } else if (message instanceof ProxyBindingUpdate pbu) {
        onAnchorPbu(pbu, received.sender(), arrival);
      }
    } catch (CodecException e) {
      drops.drop(e, received.sender());
    } catch (RuntimeException e) {
      log.error("handling a message from {} failed", received.sender(), e);
    }
  }

  /** A PBU to this MAR as the anchor of one of an MN's prefixes. */
  private void onAnchorPbu(ProxyBindingUpdate pbu, InetSocketAddress sender, Instant arrival) {
    String mn = pbu.mnId().orElse("");
    List<Ipv6Prefix> listed = ProxyMessages.prefixes(pbu);
    if (mn.isEmpty() || listed.size() != 1) {
      reply(pbu, sender, mn.isEmpty() ? PbaStatus.MISSING_MN_IDENTIFIER_OPTION
          : PbaStatus.MISSING_HOME_NETWORK_PREFIX_OPTION, 0);
      return;
    }
    replayGuard.verify(mn, pbu, arrival);
    OptionalInt last = sequences.accept(mn + '|' + sender.getAddress().getHostAddress(),
        pbu.sequence());
    if (last.isPresent()) {
      drops.drop(new CodecException(Reason.OUT_OF_ORDER,
          "PBU sequence " + pbu.sequence() + " not after " + last.getAsInt()), sender);
      transport.send(new OutgoingMessage(ProxyMessages.outOfWindow(pbu, last.getAsInt()),
          sender, config.securityAssociation()));
      return;
    }
    replayGuard.record(mn, pbu);
    MobileNodeState state = nodes.get(mn);
    Ipv6Prefix prefix = listed.get(0);
    if (state == null || !state.localPrefix.equals(prefix)) {
      reply(pbu, sender, PbaStatus.NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX, 0);
      return;
    }
    InetAddress serving = pbu.option(MobilityOption.ServingMar.class)
        .map(MobilityOption.ServingMar::address).orElse(sender.getAddress());
    if (pbu.lifetimeUnits() == 0) {
      state.stopTimers();
      if (state.role == MobileNodeState.Role.SERVING) {
        removeServingState(state);
      }
      state.servingElsewhere.ifPresent(s -> dataPlane.remove(new ForwardToServing(mn, prefix, s)));
      release(state);
      log.info("{}: {} no longer anchored here", mn, prefix);
    } else if (!serving.equals(config.address())) {
      moveAway(state, serving);
      expireAfter(state, pbu.lifetime());
    }
    reply(pbu, sender, PbaStatus.ACCEPTED, pbu.lifetimeUnits());
  }

  private void moveAway(MobileNodeState state, InetAddress serving) {
    String mn = state.mnId;
    Optional<InetAddress> previous = state.servingElsewhere;
    state.servingElsewhere = Optional.of(serving);
    // Make before break: the new forwarding route replaces what held the prefix in one step;
    // removing the older action afterwards leaves that route alone.
    dataPlane.install(new ForwardToServing(mn, state.localPrefix, serving));
    if (state.role == MobileNodeState.Role.SERVING) {
      List<Ipv6Prefix> used = state.prefixes();
      state.stopTimers();
      removeServingState(state);
      state.role = MobileNodeState.Role.ANCHOR;
      state.registered = false;
      state.waiting.forEach(f -> f.completeExceptionally(
          new IllegalStateException(mn + " moved to " + serving.getHostAddress())));
      state.waiting.clear();
      log.info("{} left {} for {}", mn, config.address().getHostAddress(),
          serving.getHostAddress());
      listeners.forEach(l -> l.left(mn, Optional.of(serving), used));
    } else {
      previous.filter(old -> !old.equals(serving)).ifPresent(old -> dataPlane.remove(
          new ForwardToServing(mn, state.localPrefix, old)));
    }
  }

  /**
   * The forwarding to the serving MAR lasts the lifetime of the PBU that set or refreshed it:
   * an anchor that hears nothing more (the serving MAR crashed, the MN left the network without
   * a deregistration reaching it) removes its route and frees the prefix itself rather than
   * forward into a tunnel forever.
   */
  private void expireAfter(MobileNodeState state, Duration lifetime) {
    state.expiry.cancel();
    state.expiry = scheduler.schedule(lifetime, () -> submit(() -> {
      if (nodes.get(state.mnId) == state && state.role == MobileNodeState.Role.ANCHOR) {
        state.stopTimers();
        state.servingElsewhere.ifPresent(s -> dataPlane.remove(
            new ForwardToServing(state.mnId, state.localPrefix, s)));
        release(state);
        log.info("{}: forwarding of {} to {} expired after {} without a refresh", state.mnId,
            state.localPrefix, state.servingElsewhere.map(InetAddress::getHostAddress)
                .orElse("-"), lifetime);
      }
    }));
  }

  private void reply(ProxyBindingUpdate pbu, InetSocketAddress to, PbaStatus status, int units) {
    transport.send(new OutgoingMessage(ProxyMessages.pba(pbu, status, units, List.of()), to,
        config.securityAssociation()));
  }

  /** Stops the agent (again: no effect); the data plane is left as it is (its owner closes it). */
  @Override
  public void close() {
    if (!submit(() -> {
      retransmitter.cancelAll();
      nodes.values().forEach(s -> {
        s.refresh.cancel();
        s.expiry.cancel();
      });
    })) {
      return;
    }
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.close();
    ownScheduler.ifPresent(SystemScheduler::close);
  }
}
