package dev.marquee.kernel.plugins.repository;

import java.util.List;

/** A repository index or plugin manifest that is not valid; the message lists every problem found. */
public final class InvalidManifestException extends RuntimeException {
  private final List<String> problems;

  public InvalidManifestException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming the field ({@code plugins[0].versions[1].sha512: ...}). */
  public List<String> problems() {
    return problems;
  }
}
