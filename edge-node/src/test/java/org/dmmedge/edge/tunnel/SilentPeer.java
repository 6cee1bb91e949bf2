package org.dmmedge.edge.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback port where TCP connects hang: a listener that never accepts, whose accept queue
 * (backlog 1) is filled first, so the kernel drops further SYNs (Linux does not refuse them
 * while {@code tcp_abort_on_overflow} is 0) and a connect only ends by its own timeout. The
 * queue counts as full once a probe connect times out. Stops after the class.
 */
final class SilentPeer implements BeforeAllCallback, AfterAllCallback {
  private static final int MAX_FILLERS = 16;
  private static final int PROBE_TIMEOUT_MILLIS = 300;

  private final List<Socket> fillers = new ArrayList<>();
  private ServerSocket server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
    for (int i = 0; i < MAX_FILLERS; i++) {
      Socket s = new Socket();
      try {
        s.connect(address, PROBE_TIMEOUT_MILLIS);
        fillers.add(s);
      } catch (SocketTimeoutException full) {
        s.close();
        return;
      }
    }
    throw new IllegalStateException("the accept queue of " + address + " never filled");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    for (Socket s : fillers) {
      s.close();
    }
    server.close();
  }

  int port() {
    return server.getLocalPort();
  }
}
