package org.dmmedge.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test clients: java.net.http for ordinary requests, raw sockets for exact bytes. */
public final class Http {
  public static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {}

  public static HttpResponse<byte[]> get(URI uri, String... headers) throws Exception {
    return send(request(uri, headers).GET().build());
  }

  public static HttpResponse<String> getText(URI uri, String... headers) throws Exception {
    return CLIENT.send(request(uri, headers).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public static HttpRequest.Builder request(URI uri, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  public static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Writes {@code request} (ISO-8859-1) on a fresh connection and returns everything the server
   * sends until it closes the connection (at most 10 s).
   */
  public static String raw(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readAll(socket.getInputStream());
    }
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        bytes.write(buf, 0, n);
      }
    } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
      // what arrived so far is the answer
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  /** Counts the status lines in a raw response stream. */
  public static int countResponses(String raw) {
    int count = 0;
    int at = 0;
    while ((at = raw.indexOf("HTTP/1.1 ", at)) >= 0) {
      count++;
      at += 9;
    }
    return count;
  }
}
