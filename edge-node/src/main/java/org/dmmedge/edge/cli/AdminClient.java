package org.dmmedge.edge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The admin API as the operator commands see it: {@code --admin URL} and {@code --token T}
 * (a picocli mixin), JSON requests, and failures as {@link AdminCallException} carrying the
 * exit status (2 for a request the API called bad, 1 otherwise).
 */
final class AdminClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:9090",
      description = "The node's admin API (default: ${DEFAULT-VALUE}).")
  URI admin;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:DMM_EDGE_ADMIN_TOKEN}",
      description = "The admin token (default: $DMM_EDGE_ADMIN_TOKEN).")
  String token;

  /** A failed call: the message to print and the exit status. */
  static final class AdminCallException extends Exception {
    final int exitCode;

    AdminCallException(String message, int exitCode) {
      super(message, null, false, false);
      this.exitCode = exitCode;
    }
  }

  JsonNode get(String path) throws AdminCallException {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  JsonNode post(String path, Object body) throws AdminCallException {
    try {
      return send(HttpRequest.newBuilder(resolve(path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AdminCallException("cannot encode request: " + e.getMessage(), 1);
    }
  }

  JsonNode delete(String path) throws AdminCallException {
    return send(HttpRequest.newBuilder(resolve(path)).DELETE());
  }

  private URI resolve(String path) {
    String base = admin.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private JsonNode send(HttpRequest.Builder request) throws AdminCallException {
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AdminCallException("admin API " + admin + " unreachable: " + e, 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminCallException("interrupted", 1);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AdminCallException("admin API answered " + response.statusCode()
          + " with a body that is not JSON", 1);
    }
    if (response.statusCode() >= 300) {
      String error = body != null && body.has("error") ? body.get("error").asText()
          : "status " + response.statusCode();
      throw new AdminCallException(error + " (HTTP " + response.statusCode() + ")",
          response.statusCode() == 400 ? 2 : 1);
    }
    return body;
  }
}
