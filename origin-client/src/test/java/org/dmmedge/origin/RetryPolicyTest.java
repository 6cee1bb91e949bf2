package org.dmmedge.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final OriginTarget TARGET = new OriginTarget("http", "origin", 80);
  private final RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), () -> 1.0);

  private static OriginRequest request(String method) {
    return OriginRequest.of(method, TARGET, "/", List.of());
  }

  @ParameterizedTest(name = "{0} retry {1} after {2}: retried={3}")
  @CsvSource({
      "GET, 1, refused, true",
      "HEAD, 2, refused, true",
      "GET, 3, refused, false",
      "DELETE, 1, connect-timeout, true",
      "POST, 1, refused, false",
      "PATCH, 1, refused, false",
      "GET, 1, reset, false",
      "GET, 1, stale-pooled, true",
      "POST, 1, stale-pooled, false",
  })
  void retriesOnlyIdempotentRequestsAfterAFailedConnect(
      String method, int retry, String failure, boolean retried) {
    Throwable cause = switch (failure) {
      case "refused" -> new ConnectException("refused");
      case "connect-timeout" -> new ConnectTimeoutException("slow");
      case "stale-pooled" -> new org.apache.hc.core5.http.RequestNotExecutedException();
      default -> new IOException("Connection reset");
    };
    assertThat(policy.delayBefore(retry, request(method), cause).isPresent()).isEqualTo(retried);
  }

  @Test
  void requestsWithABodyAreNotRetried() {
    RequestBodyStream body = new RequestBodyStream(0);
    body.write(ByteBuffer.allocate(0), () -> { });
    OriginRequest put = new OriginRequest("PUT", TARGET, "/", List.of(), Optional.of(body));
    assertThat(policy.delayBefore(1, put, new ConnectException())).isEmpty();
  }

  @Test
  void backoffDoublesPerRetryWithinTheJitterBand() {
    RetryPolicy low = new RetryPolicy(3, Duration.ofMillis(100), () -> 0.0);
    assertThat(policy.delayBefore(1, request("GET"), new ConnectException()))
        .contains(Duration.ofMillis(100));
    assertThat(policy.delayBefore(2, request("GET"), new ConnectException()))
        .contains(Duration.ofMillis(200));
    assertThat(low.delayBefore(2, request("GET"), new ConnectException()))
        .contains(Duration.ofMillis(100));
  }
}
