package org.dmmedge.mobility;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MobilityMessage;
import org.dmmedge.mobility.transport.MobilityTransport;
import org.dmmedge.mobility.transport.TransportFactory;
import org.dmmedge.mobility.transport.Transports;

/**
 * A {@link TransportFactory} over the real one that loses the first {@code count} received
 * messages matching a predicate, as a lossy network would.
 */
final class LossyTransports implements TransportFactory {
  private final Predicate<MobilityMessage> victim;
  private final AtomicInteger toLose;
  final AtomicInteger lost = new AtomicInteger();

  LossyTransports(Predicate<MobilityMessage> victim, int count) {
    this.victim = victim;
    this.toLose = new AtomicInteger(count);
  }

  @Override
  public MobilityTransport open(org.dmmedge.mobility.transport.TransportConfig config,
      org.dmmedge.mobility.codec.MessageReader reader,
      java.util.function.Consumer<org.dmmedge.mobility.codec.ReceivedMessage> receiver) {
    MobilityTransport real = Transports.open(config, reader, received -> {
      if (received.result() instanceof DecodeResult.Decoded d && victim.test(d.message())
          && toLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        lost.incrementAndGet();
        return;
      }
      receiver.accept(received);
    });
    return new ForwardingTransport(real, message -> { });
  }
}
