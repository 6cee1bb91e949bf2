package org.dmmedge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Typed reads of request JSON fields; each failure names the field (400). */
final class Fields {
  private Fields() {}

  /** Rejects fields other than {@code allowed}. */
  static void only(JsonNode json, String... allowed) {
    Set<String> names = Set.of(allowed);
    json.fieldNames().forEachRemaining(name -> {
      if (!names.contains(name)) {
        throw AdminException.badField(name, "unknown field", "one of "
            + String.join(", ", List.of(allowed)));
      }
    });
  }

  static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw AdminException.badField(field, v == null ? "missing" : v.toString(), "a string");
    }
    return v.asText();
  }

  static int integer(JsonNode json, String field, int fallback, int min, int max) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min
        || v.intValue() > max) {
      throw AdminException.badField(field, v.toString(), "an integer in " + min + ".." + max);
    }
    return v.intValue();
  }
}
