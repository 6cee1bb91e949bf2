package org.dmmedge.mobility.dataplane.linux;

import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * A policy routing rule {@code from <source> [iif <inputLink>] lookup <table> pref <priority>}
 * (ip-rule(8)): packets from an MN prefix arriving on its access link use the MN's table.
 */
record SourcePrefixRule(Ipv6Prefix source, Optional<String> inputLink, int table, int priority) {

  SourcePrefixRule {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(inputLink, "inputLink");
    if (table <= 0) {
      throw new IllegalArgumentException("table: " + table + " (expected: > 0)");
    }
    if (priority <= 0) {
      throw new IllegalArgumentException("priority: " + priority + " (expected: > 0)");
    }
  }

  @Override
  public String toString() {
    return "rule from " + source + inputLink.map(l -> " iif " + l).orElse("") + " lookup " + table
        + " pref " + priority;
  }
}
