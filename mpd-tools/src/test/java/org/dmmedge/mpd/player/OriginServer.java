package org.dmmedge.mpd.player;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A real Jetty server on loopback serving a directory. It names itself in
 * {@code X-Served-By}; as a {@code cache} it also answers {@code X-Cache: MISS} for the first
 * request of a path and {@code HIT} afterwards (a stand-in for the edge's headers, used to
 * check the player records them, and reached as an HTTP proxy with absolute-form requests).
 * An optional hook runs before each request (tests advance a fake clock there).
 */
public final class OriginServer implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  public OriginServer(Path root, String name, boolean cache, Consumer<String> onRequest)
      throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(server).newResource(root));
    files.setDirAllowed(false);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    server.setHandler(new Handler.Wrapper(files) {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        String path = Request.getPathInContext(request);
        onRequest.accept(path);
        response.getHeaders().put("X-Served-By", name);
        if (cache) {
          response.getHeaders().put("X-Cache", seen.add(path) ? "MISS" : "HIT");
        }
        return super.handle(request, response, callback);
      }
    });
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + "/" + path;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
