package dev.marquee.kernel.plugins.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverRangeTest {
  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = ';', value = {
      ">=0.1.0 <1.0.0 ; 0.1.0 ; true",
      ">=0.1.0 <1.0.0 ; 0.9.9 ; true",
      ">=0.1.0 <1.0.0 ; 1.0.0 ; false",
      ">=0.1.0 & <1.0.0 ; 0.5.0 ; true",
      "^1.2.3 ; 1.9.0 ; true",
      "^1.2.3 ; 2.0.0 ; false",
      "^1.2.3 ; 1.2.2 ; false",
      "^0.2.3 ; 0.2.9 ; true",
      "^0.2.3 ; 0.3.0 ; false",
      "^0.0.3 ; 0.0.4 ; false",
      "~1.2.3 ; 1.2.9 ; true",
      "~1.2.3 ; 1.3.0 ; false",
      "~1 ; 1.9.0 ; true",
      "1.x ; 1.4.0 ; true",
      "1.x ; 2.0.0 ; false",
      "1.2 ; 1.2.7 ; true",
      "* ; 5.0.0 ; true",
      "'' ; 5.0.0 ; true",
      "1.0.0 - 2.0.0 ; 2.0.0 ; true",
      "1.0.0 - 2 ; 2.9.0 ; true",
      "1.0.0 - 2 ; 3.0.0 ; false",
      "<1.0.0 || >=2.0.0 ; 1.5.0 ; false",
      "<1.0.0 || >=2.0.0 ; 2.1.0 ; true",
      ">= 1.0.0 ; 1.0.0 ; true",
      "=1.0.0 ; 1.0.0+build ; true",
      ">1.2 ; 1.2.9 ; false",
      ">1.2 ; 1.3.0 ; true",
      "<=1.2 ; 1.2.9 ; true",
      ">=1.0.0 ; 2.0.0-beta.1 ; false",
      ">=2.0.0-beta.0 ; 2.0.0-beta.1 ; true",
      ">=2.0.0-beta.0 ; 2.0.1-beta.1 ; false",
  })
  void matches(String range, String version, boolean expected) {
    assertThat(SemverRange.parse(range).matches(version)).isEqualTo(expected);
  }

  @Test
  void parse_garbage_refusedWithTheToken() {
    assertThatThrownBy(() -> SemverRange.parse(">=1.0.0 banana")).hasMessageContaining("banana");
    assertThat(SemverRange.isValid("1.2.3.4")).isFalse();
    assertThat(SemverRange.isValid(">=")).isFalse();
  }

  @Test
  void semver_ordersBySpecPrecedence() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0");
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(Semver.parse(ordered.get(i - 1))).as(ordered.get(i - 1) + " < " + ordered.get(i)).isLessThan(Semver.parse(ordered.get(i)));
    }
    assertThat(Semver.isValid("01.0.0")).isFalse();
    assertThat(Semver.parse("1.2.3-rc.1+abc").toString()).isEqualTo("1.2.3-rc.1+abc");
  }
}
