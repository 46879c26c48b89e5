package dev.marquee.kernel.plugins.repository;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver 2.0): {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, ordered by the
 * spec's precedence (build metadata is ignored when comparing).
 *
 * @param prerelease the dot-separated pre-release identifiers, empty for a release
 */
public record Semver(long major, long minor, long patch, List<String> prerelease, String build) implements Comparable<Semver> {
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})"
          + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
          + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  public Semver {
    prerelease = List.copyOf(prerelease);
  }

  /**
   * Parses a full semver version.
   *
   * @throws IllegalArgumentException when {@code text} is not one
   */
  public static Semver parse(String text) {
    Matcher m = text == null ? null : SEMVER.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])");
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return new Semver(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), pre, m.group(5));
  }

  /** Whether {@code text} is a full semver version. */
  public static boolean isValid(String text) {
    return text != null && SEMVER.matcher(text.trim()).matches();
  }

  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** The same major.minor.patch without pre-release or build. */
  Semver release() {
    return new Semver(major, minor, patch, List.of(), null);
  }

  @Override
  public int compareTo(Semver other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
      return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
    }
    for (int i = 0; i < Math.min(prerelease.size(), other.prerelease.size()); i++) {
      c = compareIdentifier(prerelease.get(i), other.prerelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(prerelease.size(), other.prerelease.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean numericA = a.chars().allMatch(Character::isDigit);
    boolean numericB = b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!prerelease.isEmpty()) {
      text.append('-').append(String.join(".", prerelease));
    }
    if (build != null) {
      text.append('+').append(build);
    }
    return text.toString();
  }
}
