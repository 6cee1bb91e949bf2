package org.dmmedge.mobility.cmd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.dmmedge.mobility.RetransmissionPolicy;
import org.dmmedge.mobility.Scheduler;
import org.dmmedge.mobility.codec.MobilityMessage;
import org.dmmedge.mobility.codec.MobilityOption;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ProxyBindingUpdate;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxy mode's wait for the previous anchors (as MAD-PMIPv6's CMD does in
 * {@code cmd_reg_dmm}): the CMD sends each anchor a PBU naming the new serving MAR, retransmits
 * with backoff, and when every anchor has answered or given up answers the serving MAR, each
 * anchor marked {@code notified} if it acknowledged (the serving MAR tells the others itself,
 * as in relay mode). Worker thread only; timers come back through the worker executor.
 */
final class ProxyHandover {
  private static final Logger log = LoggerFactory.getLogger(ProxyHandover.class);

  /** Sends a message to a MAR's mobility port. */
  interface Sender {
    void send(InetAddress mar, MobilityMessage message);
  }

  /** Answers the serving MAR's (latest) PBU. */
  interface Completion {
    void answer(ProxyBindingUpdate pbu, InetSocketAddress servingMar, PbaStatus status,
        List<PreviousAnchor> anchors);
  }

  private final String mnId;
  private final InetAddress serving;
  private final byte[] linkLayerId;
  private final Optional<InetAddress> lastServing;
  private final Completion completion;
  private final List<AnchorRequest> requests = new ArrayList<>();
  private ProxyBindingUpdate pbu;
  private InetSocketAddress answerTo;
  private int lifetimeUnits;

  private ProxyHandover(String mnId, ProxyBindingUpdate pbu, InetSocketAddress answerTo,
      byte[] linkLayerId, Optional<InetAddress> lastServing, Completion completion) {
    this.mnId = mnId;
    this.lastServing = lastServing;
    this.serving = answerTo.getAddress();
    this.pbu = pbu;
    this.answerTo = answerTo;
    this.linkLayerId = linkLayerId;
    this.completion = completion;
  }

  /** One previous anchor being told: its current sequence number, attempts and timer. */
  private static final class AnchorRequest {
    final Binding binding;
    int sequence;
    int attempts;
    Scheduler.Cancellable timer = () -> { };
    Boolean acknowledged;

    AnchorRequest(Binding binding) {
      this.binding = binding;
    }
  }

  /** Every handover in progress, by MN and by the sequence numbers of the CMD's PBUs. */
  static final class Registry {
    private final RetransmissionPolicy policy;
    private final Scheduler scheduler;
    private final Executor worker;
    private final Sender sender;
    private final Map<String, ProxyHandover> byMn = new HashMap<>();
    private final Map<Integer, ProxyHandover> bySequence = new HashMap<>();
    private int nextSequence;

    Registry(RetransmissionPolicy policy, Scheduler scheduler, Executor worker, Sender sender,
        int firstSequence) {
      this.policy = policy;
      this.scheduler = scheduler;
      this.worker = worker;
      this.sender = sender;
      this.nextSequence = firstSequence;
    }

    boolean isPending(String mnId, InetAddress serving) {
      ProxyHandover handover = byMn.get(mnId);
      return handover != null && handover.serving.equals(serving);
    }

    /** A retransmitted PBU from the serving MAR: answer that one when done. */
    void reanswer(String mnId, ProxyBindingUpdate latest, InetSocketAddress from) {
      ProxyHandover handover = byMn.get(mnId);
      handover.pbu = latest;
      handover.answerTo = from;
    }

    void start(String mnId, ProxyBindingUpdate pbu, InetSocketAddress from, int lifetimeUnits,
        List<Binding> anchors, byte[] linkLayerId, Optional<InetAddress> lastServing,
        Completion completion) {
      ProxyHandover previous = byMn.remove(mnId);
      if (previous != null) {
        finish(previous);
      }
      ProxyHandover handover = new ProxyHandover(mnId, pbu, from, linkLayerId, lastServing,
          completion);
      handover.lifetimeUnits = lifetimeUnits;
      byMn.put(mnId, handover);
      for (Binding binding : anchors) {
        AnchorRequest request = new AnchorRequest(binding);
        handover.requests.add(request);
        transmit(handover, request, lifetimeUnits);
      }
    }

    /** Takes an anchor's PBA; false if it answers no PBU of ours from that address. */
    boolean onPba(ProxyBindingAck pba, InetAddress from) {
      if (pba.status().equals(PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW)) {
        return resynchronise(pba, from);
      }
      ProxyHandover handover = bySequence.get(pba.sequence());
      if (handover == null) {
        return false;
      }
      for (AnchorRequest request : handover.requests) {
        if (request.sequence == pba.sequence() && request.acknowledged == null
            && request.binding.anchor().equals(from)) {
          bySequence.remove(pba.sequence());
          request.timer.cancel();
          request.acknowledged = pba.status().accepted();
          if (!pba.status().accepted()) {
            log.warn("{}: anchor {} refused with {}", handover.mnId, from.getHostAddress(),
                pba.status());
          }
          finishIfDone(handover);
          return true;
        }
      }
      return false;
    }

    /**
     * Status 135 (RFC 6275 §9.5.1): the anchor's last accepted number from us is in the PBA
     * (after a CMD restart our counter starts elsewhere); continue after it, at once.
     */
    private boolean resynchronise(ProxyBindingAck pba, InetAddress from) {
      ProxyHandover handover = pba.mnId().map(byMn::get).orElse(null);
      if (handover == null) {
        return false;
      }
      for (AnchorRequest request : handover.requests) {
        if (request.acknowledged == null && request.binding.anchor().equals(from)
            && request.attempts <= policy.maxRetransmissions()) {
          request.timer.cancel();
          nextSequence = (pba.sequence() + 1) & 0xffff;
          transmit(handover, request, handover.lifetimeUnits);
          return true;
        }
      }
      return false;
    }

    private void transmit(ProxyHandover handover, AnchorRequest request, int lifetimeUnits) {
      bySequence.remove(request.sequence);
      request.sequence = nextSequence;
      nextSequence = (nextSequence + 1) & 0xffff;
      request.attempts++;
      bySequence.put(request.sequence, handover);
      int handoff = handover.pbu.option(MobilityOption.HandoffIndicator.class)
          .map(MobilityOption.HandoffIndicator::value).orElse(MobilityOption.HandoffIndicator.UNKNOWN);
      int att = handover.pbu.option(MobilityOption.AccessTechnologyType.class)
          .map(MobilityOption.AccessTechnologyType::value).orElse(0);
      sender.send(request.binding.anchor(), ProxyMessages.pbu(request.sequence, lifetimeUnits,
          handover.mnId, List.of(request.binding.prefix()), handoff, att, handover.linkLayerId,
          Optional.of(handover.serving), scheduler.now()));
      request.timer = scheduler.schedule(policy.timeout(request.attempts),
          () -> worker.execute(() -> timedOut(handover, request, lifetimeUnits)));
    }

    private void timedOut(ProxyHandover handover, AnchorRequest request, int lifetimeUnits) {
      if (request.acknowledged != null || byMn.get(handover.mnId) != handover) {
        return;
      }
      if (request.attempts <= policy.maxRetransmissions()) {
        transmit(handover, request, lifetimeUnits);
        return;
      }
      log.warn("{}: anchor {} did not answer {} PBU(s)", handover.mnId,
          request.binding.anchor().getHostAddress(), request.attempts);
      bySequence.remove(request.sequence);
      request.acknowledged = false;
      finishIfDone(handover);
    }

    private void finishIfDone(ProxyHandover handover) {
      if (handover.requests.stream().allMatch(r -> r.acknowledged != null)) {
        byMn.remove(handover.mnId, handover);
        finish(handover);
      }
    }

    private void finish(ProxyHandover handover) {
      List<PreviousAnchor> anchors = new ArrayList<>();
      for (AnchorRequest request : handover.requests) {
        request.timer.cancel();
        bySequence.remove(request.sequence, handover);
        anchors.add(new PreviousAnchor(request.binding.anchor(), request.binding.prefix(),
            Boolean.TRUE.equals(request.acknowledged),
            handover.lastServing.filter(request.binding.anchor()::equals).isPresent(),
            handover.linkLayerId));
      }
      handover.completion.answer(handover.pbu, handover.answerTo, PbaStatus.ACCEPTED, anchors);
    }
  }
}
