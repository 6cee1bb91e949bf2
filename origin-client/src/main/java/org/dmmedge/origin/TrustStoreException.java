package org.dmmedge.origin;

/**
 * A {@link TrustStore} that cannot be used, with the field to blame, for messages of the shape
 * {@code "trustStore: /etc/x.p12 (expected: ...)"}.
 */
public final class TrustStoreException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String expected;

  TrustStoreException(String field, String value, String expected) {
    super(field + ": " + value + " (expected: " + expected + ")");
    this.field = field;
    this.value = value;
    this.expected = expected;
  }

  /** {@code trustStore} or {@code trustStorePassword}. */
  public String field() {
    return field;
  }

  /** The bad value as it may be shown (a password is never). */
  public String value() {
    return value;
  }

  /** What was expected. */
  public String expected() {
    return expected;
  }
}
