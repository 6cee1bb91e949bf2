package org.dmmedge.mobility.cmd;

import java.util.Collection;
import java.util.HexFormat;

/** JSON of the admin API's binding resources, written by hand (no JSON library in mobility). */
final class BindingJson {
  private BindingJson() {}

  static String list(Collection<MobileNodeBindings> all) {
    StringBuilder out = new StringBuilder("[");
    for (MobileNodeBindings mn : all.stream()
        .sorted(java.util.Comparator.comparing(MobileNodeBindings::mnId)).toList()) {
      if (out.length() > 1) {
        out.append(',');
      }
      one(mn, out);
    }
    return out.append(']').toString();
  }

  static String one(MobileNodeBindings mn) {
    StringBuilder out = new StringBuilder();
    one(mn, out);
    return out.toString();
  }

  private static void one(MobileNodeBindings mn, StringBuilder out) {
    out.append("{\"mnId\":").append(string(mn.mnId()))
        .append(",\"servingMar\":").append(string(mn.servingMar().getHostAddress()))
        .append(",\"linkLayerId\":").append(string(HexFormat.ofDelimiter(":")
            .formatHex(mn.linkLayerId())))
        .append(",\"prefixes\":[");
    boolean first = true;
    for (Binding b : mn.bindings()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append("{\"prefix\":").append(string(b.prefix().toString()))
          .append(",\"anchor\":").append(string(b.anchor().getHostAddress()))
          .append(",\"lifetimeSeconds\":").append(b.lifetime().toSeconds())
          .append(",\"registered\":").append(string(b.registered().toString()))
          .append('}');
    }
    out.append("]}");
  }

  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
