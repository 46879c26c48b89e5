package dev.marquee.kernel.plugins.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An npm-style range of {@link Semver} versions: comparators ({@code >=1.0.0}, {@code <2},
 * {@code =1.2.3}, a bare version) joined by spaces (AND; PF4J's {@code &} is read as AND too),
 * alternatives joined by {@code ||} (OR), {@code ^} and {@code ~} ranges, {@code x}/{@code *}
 * wildcards and partial versions ({@code 1.2} = {@code 1.2.x}), and hyphen ranges ({@code 1.0.0 -
 * 2.0.0}). {@code *} or an empty range matches every release. As with npm, a pre-release version
 * matches only a set with a comparator of the same {@code major.minor.patch} that has a pre-release.
 *
 * <p>Own code rather than a library: the grammar is small, and the jsemver/semver4j libraries
 * either lack {@code ||}/partial versions or differ from npm on pre-releases.
 */
public final class SemverRange {
  private static final Pattern COMPARATOR = Pattern.compile(
      "(>=|<=|>|<|=|\\^|~>?|)v?(\\*|[xX]|\\d+)(?:\\.(\\*|[xX]|\\d+))?(?:\\.(\\*|[xX]|\\d+))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private enum Op { GE, GT, LE, LT, EQ }

  private record Comparator(Op op, Semver version) {
    boolean test(Semver v) {
      int c = v.compareTo(version);
      return switch (op) {
        case GE -> c >= 0;
        case GT -> c > 0;
        case LE -> c <= 0;
        case LT -> c < 0;
        case EQ -> c == 0;
      };
    }
  }

  private final String text;
  private final List<List<Comparator>> sets;

  private SemverRange(String text, List<List<Comparator>> sets) {
    this.text = text;
    this.sets = sets;
  }

  /**
   * Parses a range.
   *
   * @throws IllegalArgumentException with a readable message when {@code text} is not one
   */
  public static SemverRange parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a version range is required");
    }
    List<List<Comparator>> sets = new ArrayList<>();
    for (String alternative : text.split("\\|\\|", -1)) {
      sets.add(parseSet(alternative.replace("&&", " ").replace('&', ' ').trim(), text));
    }
    return new SemverRange(text.trim(), List.copyOf(sets));
  }

  /** Whether {@code text} parses as a range. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code version} is in this range. */
  public boolean matches(Semver version) {
    for (List<Comparator> set : sets) {
      if (set.stream().allMatch(c -> c.test(version)) && (!version.isPrerelease() || allowsPrereleaseOf(set, version))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code version} (a semver string) is in this range; false when it is no semver. */
  public boolean matches(String version) {
    return Semver.isValid(version) && matches(Semver.parse(version));
  }

  private static boolean allowsPrereleaseOf(List<Comparator> set, Semver version) {
    return set.stream().anyMatch(c -> c.version().isPrerelease() && c.version().release().equals(version.release()));
  }

  private static List<Comparator> parseSet(String set, String whole) {
    List<Comparator> out = new ArrayList<>();
    if (set.isEmpty()) {
      return out;
    }
    String[] hyphen = set.split("\\s+-\\s+");
    if (hyphen.length == 2) {
      Partial low = partial(hyphen[0].trim(), whole);
      Partial high = partial(hyphen[1].trim(), whole);
      out.add(new Comparator(Op.GE, low.floor()));
      if (high.major != null) {
        out.add(high.isFull() ? new Comparator(Op.LE, high.floor()) : new Comparator(Op.LT, high.nextUp()));
      }
      return out;
    }
    // ">= 1.0.0" is written with a space by some: glue operators to their version first.
    String glued = set.replaceAll("(>=|<=|>|<|=|\\^|~>?)\\s+", "$1");
    for (String token : glued.split("\\s+")) {
      Matcher m = COMPARATOR.matcher(token);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + whole + "' is not a version range: cannot read '" + token + "'");
      }
      Partial p = new Partial(number(m.group(2)), number(m.group(3)), number(m.group(4)),
          m.group(5) == null ? null : m.group(5).substring(1));
      if (p.prerelease != null && !p.isFull()) {
        throw new IllegalArgumentException("'" + whole + "': a pre-release needs a full version in '" + token + "'");
      }
      desugar(m.group(1), p, out);
    }
    return out;
  }

  private static void desugar(String op, Partial p, List<Comparator> out) {
    if (p.major == null) {
      if (op.equals("<") || op.equals(">")) {
        out.add(new Comparator(Op.LT, new Semver(0, 0, 0, List.of("0"), null))); // matches nothing, like npm
      }
      return;
    }
    switch (op) {
      case "", "=" -> {
        if (p.isFull()) {
          out.add(new Comparator(Op.EQ, p.floor()));
        } else {
          out.add(new Comparator(Op.GE, p.floor()));
          out.add(new Comparator(Op.LT, p.nextUp()));
        }
      }
      case ">=" -> out.add(new Comparator(Op.GE, p.floor()));
      case ">" -> out.add(p.isFull() ? new Comparator(Op.GT, p.floor()) : new Comparator(Op.GE, p.nextUp()));
      case "<" -> out.add(new Comparator(Op.LT, p.floor()));
      case "<=" -> out.add(p.isFull() ? new Comparator(Op.LE, p.floor()) : new Comparator(Op.LT, p.nextUp()));
      case "~", "~>" -> {
        out.add(new Comparator(Op.GE, p.floor()));
        out.add(new Comparator(Op.LT, p.minor == null ? semver(p.major + 1, 0, 0) : semver(p.major, p.minor + 1, 0)));
      }
      case "^" -> {
        out.add(new Comparator(Op.GE, p.floor()));
        Semver upper;
        if (p.major > 0 || p.minor == null) {
          upper = semver(p.major + 1, 0, 0);
        } else if (p.minor > 0 || p.patch == null) {
          upper = semver(0, p.minor + 1, 0);
        } else {
          upper = semver(0, 0, p.patch + 1);
        }
        out.add(new Comparator(Op.LT, upper));
      }
      default -> throw new IllegalArgumentException("unknown operator " + op);
    }
  }

  private static Partial partial(String token, String whole) {
    Matcher m = COMPARATOR.matcher(token);
    if (!m.matches() || !m.group(1).isEmpty()) {
      throw new IllegalArgumentException("'" + whole + "' is not a version range: cannot read '" + token + "'");
    }
    return new Partial(number(m.group(2)), number(m.group(3)), number(m.group(4)), m.group(5) == null ? null : m.group(5).substring(1));
  }

  private static Long number(String part) {
    if (part == null || part.equals("*") || part.equalsIgnoreCase("x")) {
      return null;
    }
    if (part.length() > 18) {
      throw new IllegalArgumentException("version number too large: " + part);
    }
    return Long.parseLong(part);
  }

  private static Semver semver(long major, long minor, long patch) {
    return new Semver(major, minor, patch, List.of(), null);
  }

  /** A version with possibly missing parts; a missing part makes the later ones missing too. */
  private record Partial(Long major, Long minor, Long patch, String prerelease) {
    Partial {
      if (major == null) {
        minor = null;
      }
      if (minor == null) {
        patch = null;
      }
    }

    boolean isFull() {
      return patch != null;
    }

    Semver floor() {
      return new Semver(major, minor == null ? 0 : minor, patch == null ? 0 : patch,
          prerelease == null ? List.of() : List.of(prerelease.split("\\.")), null);
    }

    /** The first version past this partial one ({@code 1.2} → {@code 1.3.0}). */
    Semver nextUp() {
      return minor == null ? semver(major + 1, 0, 0) : patch == null ? semver(major, minor + 1, 0) : semver(major, minor, patch + 1);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
