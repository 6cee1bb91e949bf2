package org.dmmedge.edge.admin;

/**
 * A failed admin request that is its own answer: the status, a message and the request field
 * at fault (empty when none), sent as {@code {"error": "...", "field": "..."}}. Stackless.
 */
final class AdminException extends RuntimeException {
  private final int status;
  private final String field;

  AdminException(int status, String error, String field) {
    super(error, null, false, false);
    this.status = status;
    this.field = field;
  }

  AdminException(int status, String error) {
    this(status, error, "");
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }

  static AdminException badField(String field, Object value, String expected) {
    return new AdminException(400, field + ": " + value + " (expected: " + expected + ")", field);
  }
}
