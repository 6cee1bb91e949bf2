package org.dmmedge.mobility.cmd;

import java.util.ArrayList;
import java.util.List;
import org.dmmedge.mobility.codec.OutgoingMessage;

/**
 * Messages the CMD decided to send while handling a batch; they leave only after the batch's
 * bindings are durable, so that no PBA acknowledges what a crash could lose. Worker thread only.
 */
final class Outbox {
  private final List<OutgoingMessage> pending = new ArrayList<>();

  void add(OutgoingMessage message) {
    pending.add(message);
  }

  /** The messages queued so far, removing them. */
  List<OutgoingMessage> drain() {
    List<OutgoingMessage> out = List.copyOf(pending);
    pending.clear();
    return out;
  }
}
