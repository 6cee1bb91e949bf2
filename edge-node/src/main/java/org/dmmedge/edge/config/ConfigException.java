package org.dmmedge.edge.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every problem found, each naming the field path and
 * the bad value in one shape: {@code "cache.memoryBudget: -1 (expected: > 0)"}.
 */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: [] (expected: at least one)");
    }
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, in the order they were found. */
  public List<String> problems() {
    return problems;
  }
}
