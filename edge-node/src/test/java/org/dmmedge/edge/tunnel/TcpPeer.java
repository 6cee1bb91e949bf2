package org.dmmedge.edge.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A plain TCP server on an ephemeral loopback port, the destination of test tunnels: it
 * accepts every connection and hands it to the test ({@link #accept()}), which reads and writes
 * as the case needs. Accepted sockets have a small receive buffer, so that a destination that
 * does not read pushes back quickly. Stops, with every socket it accepted, after the class.
 */
final class TcpPeer implements BeforeAllCallback, AfterAllCallback {
  static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

  private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
  private final List<Socket> all = new CopyOnWriteArrayList<>();
  private ServerSocket server;
  private Thread acceptor;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = new ServerSocket();
    server.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::acceptLoop, "tcp-peer-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        all.add(s);
        accepted.add(s);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
    acceptor.join(5_000);
    for (Socket s : all) {
      s.close();
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** The next connection the peer accepted (waits up to 10 s), with a 20 s read timeout. */
  Socket accept() throws Exception {
    Socket s = accepted.poll(10, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no connection reached the peer within 10 s");
    }
    s.setSoTimeout(20_000);
    return s;
  }

  /** Whether no connection is waiting to be taken. */
  boolean nothingAccepted() {
    return accepted.isEmpty();
  }
}
