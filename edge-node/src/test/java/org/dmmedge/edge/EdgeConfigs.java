package org.dmmedge.edge;

import java.time.Duration;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.testkit.MutableClock;
import org.dmmedge.testkit.OriginServerExtension;

/** Short-lived extra nodes for single tests; each is stopped when the body returns or throws. */
final class EdgeConfigs {
  interface NodeTest {
    void run(EdgeNode node) throws Exception;
  }

  private EdgeConfigs() {}

  /** A reverse-proxy node to {@code origin} whose origin requests time out after {@code timeout}. */
  static void withTimeout(OriginServerExtension origin, Duration timeout, NodeTest test)
      throws Exception {
    var config = EdgeServerExtension.withResponseTimeout(EdgeServerExtension.config(
        ProxyMode.REVERSE, new OriginsConfig(java.util.Optional.of(origin.uri()),
            java.util.Map.of())), timeout);
    EdgeNode node = new EdgeNode(config, MutableClock.startingNow());
    node.start();
    try {
      test.run(node);
    } finally {
      node.close();
    }
  }
}
