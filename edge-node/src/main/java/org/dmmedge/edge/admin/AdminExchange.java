package org.dmmedge.edge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One admin request and its response: reads a size-limited JSON body, writes JSON or text.
 * Handlers run on Jetty's worker threads (blocking reads are fine there).
 */
final class AdminExchange {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Request request;
  private final Response response;
  private final Callback callback;
  /** Refused bodies up to this size are read and dropped so the 413 gets through. */
  private static final long MAX_DISCARD_BYTES = 1L << 20;

  private final long maxBodyBytes;

  AdminExchange(Request request, Response response, Callback callback, long maxBodyBytes) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.maxBodyBytes = maxBodyBytes;
  }

  String method() {
    return request.getMethod();
  }

  String path() {
    return Request.getPathInContext(request);
  }

  /** A query parameter, or null. */
  String query(String name) {
    Fields fields = Request.extractQueryParameters(request);
    return fields.getValue(name);
  }

  String header(HttpHeader name) {
    return request.getHeaders().get(name);
  }

  /**
   * Reads and drops a refused body that is not absurdly large, so that the 413 reaches the
   * client: closing with unread bytes makes the kernel reset the connection, and a client still
   * sending then sees no response at all. Larger bodies are refused without reading them.
   */
  private void discardModestBody(long declared) {
    if (declared > MAX_DISCARD_BYTES) {
      return;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      in.skipNBytes(declared);
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  /**
   * The body as a JSON object.
   *
   * @throws AdminException 413 when larger than the limit, 400 when it is not a JSON object
   */
  JsonNode jsonBody() {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      discardModestBody(declared);
      throw new AdminException(413, "body: " + declared + " bytes (expected: <= "
          + maxBodyBytes + ")", "body");
    }
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    } catch (IOException e) {
      throw new AdminException(400, "body: unreadable (" + e.getMessage() + ")", "body");
    }
    if (bytes.length > maxBodyBytes) {
      throw new AdminException(413, "body: more than " + maxBodyBytes + " bytes (expected: <= "
          + maxBodyBytes + ")", "body");
    }
    if (bytes.length == 0) {
      throw new AdminException(400, "body: empty (expected: a JSON object)", "body");
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + " column "
              + e.getLocation().getColumnNr();
      throw new AdminException(400, "body: invalid JSON" + where + " ("
          + e.getOriginalMessage() + ")", "body");
    } catch (IOException e) {
      throw new AdminException(400, "body: unreadable (" + e.getMessage() + ")", "body");
    }
    if (node == null || !node.isObject()) {
      throw new AdminException(400, "body: " + (node == null ? "empty" : node.getNodeType()
          .name().toLowerCase()) + " (expected: a JSON object)", "body");
    }
    return node;
  }

  /** Sends {@code value} as JSON. */
  void json(int status, Object value) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass(), e);
    }
    send(status, "application/json", body);
  }

  void text(int status, String contentType, String text) {
    send(status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  void error(AdminException e) {
    if (e.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"dmm-edge\"");
    }
    java.util.Map<String, String> body = new java.util.LinkedHashMap<>();
    body.put("error", e.getMessage());
    body.put("field", e.field());
    json(e.status(), body);
  }

  private void send(int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, java.nio.ByteBuffer.wrap(body), callback);
  }
}
