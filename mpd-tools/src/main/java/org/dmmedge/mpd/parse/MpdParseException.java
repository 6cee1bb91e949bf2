package org.dmmedge.mpd.parse;

import java.util.List;
import org.dmmedge.mpd.MpdException;

/**
 * An MPD that cannot be used: not well-formed XML, forbidden XML features (DOCTYPE, entities),
 * too large, or invalid values. Carries every {@link Problem} found (the parser keeps going
 * after a bad attribute so that {@code mpd check} can list them all); the message names the
 * first one (element, attribute, value, line).
 */
public final class MpdParseException extends MpdException {
  private final List<Problem> problems;

  public MpdParseException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public MpdParseException(Problem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problems = List.of(problem);
  }

  /** Every problem, in document order; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  /** The first problem. */
  public Problem first() {
    return problems.get(0);
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: [] (expected: at least one)");
    }
    String first = problems.get(0).toString();
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
  }
}
