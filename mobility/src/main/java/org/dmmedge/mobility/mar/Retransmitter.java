package org.dmmedge.mobility.mar;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.dmmedge.mobility.RetransmissionPolicy;
import org.dmmedge.mobility.Scheduler;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ProxyBindingUpdate;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.transport.MobilityTransport;

/**
 * The agent's PBUs awaiting a PBA. Each transmission takes a fresh sequence number and
 * timestamp (the receiver's replay guard wants them increasing); the wait doubles from the
 * policy's initial timeout to its maximum; after {@code maxRetransmissions} the request gives
 * up. A PBA is matched by its sender and sequence number. The agent's thread only; timers come
 * back through its executor.
 */
final class Retransmitter {
  /** One PBU in flight. */
  final class Request {
    private final String mnId;
    private final InetSocketAddress to;
    private final IntFunction<ProxyBindingUpdate> build;
    private final IntSupplier sequences;
    private final Consumer<ProxyBindingAck> onAnswer;
    private final Runnable onGiveUp;
    private int sequence = -1;
    private int attempts;
    private Scheduler.Cancellable timer = () -> { };
    private boolean done;

    private Request(String mnId, InetSocketAddress to, IntSupplier sequences,
        IntFunction<ProxyBindingUpdate> build, Consumer<ProxyBindingAck> onAnswer,
        Runnable onGiveUp) {
      this.mnId = mnId;
      this.to = to;
      this.sequences = sequences;
      this.build = build;
      this.onAnswer = onAnswer;
      this.onGiveUp = onGiveUp;
    }

    /** Stops retransmitting; a late PBA is then unexpected. */
    void cancel() {
      done = true;
      timer.cancel();
      inFlight.remove(key(to.getAddress(), sequence), this);
    }

    /**
     * Sends again at once with the next sequence number (after a status 135
     * resynchronisation); a request out of retransmissions gives up instead, so that two peers
     * cannot ping-pong forever.
     */
    void resend() {
      if (attempts > policy.maxRetransmissions()) {
        cancel();
        onGiveUp.run();
        return;
      }
      done = false;
      transmit();
    }

    private void transmit() {
      inFlight.remove(key(to.getAddress(), sequence), this);
      sequence = sequences.getAsInt();
      attempts++;
      inFlight.put(key(to.getAddress(), sequence), this);
      // The timer first: whoever sees the datagram may already move the (manual) clock.
      timer.cancel();
      timer = scheduler.schedule(policy.timeout(attempts), () -> executor.execute(this::timedOut));
      transport.send(new OutgoingMessage(build.apply(sequence), to, signer));
    }

    private void timedOut() {
      if (done) {
        return;
      }
      if (attempts <= policy.maxRetransmissions()) {
        transmit();
      } else {
        cancel();
        onGiveUp.run();
      }
    }
  }

  private final Map<String, Request> inFlight = new HashMap<>();
  private final MobilityTransport transport;
  private final Optional<SecurityAssociation> signer;
  private final RetransmissionPolicy policy;
  private final Scheduler scheduler;
  private final Executor executor;

  Retransmitter(MobilityTransport transport, Optional<SecurityAssociation> signer,
      RetransmissionPolicy policy, Scheduler scheduler, Executor executor) {
    this.transport = transport;
    this.signer = signer;
    this.policy = policy;
    this.scheduler = scheduler;
    this.executor = executor;
  }

  /** Sends the PBU {@code build} makes and keeps it in flight until answered or given up. */
  Request send(String mnId, InetSocketAddress to, IntSupplier sequences,
      IntFunction<ProxyBindingUpdate> build, Consumer<ProxyBindingAck> onAnswer,
      Runnable onGiveUp) {
    Request request = new Request(mnId, to, sequences, build, onAnswer, onGiveUp);
    request.transmit();
    return request;
  }

  /**
   * Hands {@code pba} to the request it answers, which is then finished unless the callback
   * resends it; false when no request waits for it.
   */
  boolean answer(InetAddress from, ProxyBindingAck pba) {
    Request request = inFlight.get(key(from, pba.sequence()));
    if (request == null && pba.status().equals(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW)) {
      // Status 135 carries the peer's last accepted number, not ours: match by MN and peer.
      request = inFlight.values().stream()
          .filter(r -> r.to.getAddress().equals(from) && pba.mnId().equals(Optional.of(r.mnId)))
          .findFirst().orElse(null);
    }
    if (request == null) {
      return false;
    }
    request.cancel();
    request.onAnswer.accept(pba);
    return true;
  }

  /** Stops every request. */
  void cancelAll() {
    new HashMap<>(inFlight).values().forEach(Request::cancel);
  }

  /**
   * By the address bytes: a received IPv6 address carries a scope id ({@code %0}) that the
   * configured one has not, so host-address text would never match.
   */
  private static String key(InetAddress from, int sequence) {
    return HexFormat.of().formatHex(from.getAddress()) + '#' + sequence;
  }
}
