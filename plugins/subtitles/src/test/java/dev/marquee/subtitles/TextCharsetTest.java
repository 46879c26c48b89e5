package dev.marquee.subtitles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Charset detection of subtitle files. */
class TextCharsetTest {
  private static final String FRENCH = "1\n00:00:01,000 --> 00:00:03,000\nÀ bientôt, mon cœur ! Déjà l'été ?\n\n"
      + "2\n00:00:04,000 --> 00:00:06,000\nC'était une belle journée, très agréable, où l'on a mangé des crêpes.\n\n"
      + "3\n00:00:07,000 --> 00:00:09,000\nÇa va ? Où êtes-vous allés hier soir ? Chez François ?\n";

  @Test
  void detect_windows1252French_isWindows1252AndDecodesRight() {
    byte[] bytes = FRENCH.getBytes(Charset.forName("windows-1252"));

    TextCharset charset = TextCharset.detect(bytes);

    assertThat(charset.name()).isIn("WINDOWS-1252", "ISO-8859-1");
    assertThat(charset.needsConversion()).isTrue();
    assertThat(charset.decode(bytes)).isEqualTo(FRENCH);
  }

  @Test
  void detect_utf8WithOrWithoutBom_isUtf8() {
    byte[] plain = FRENCH.getBytes(StandardCharsets.UTF_8);
    byte[] bom = ("\uFEFF" + FRENCH).getBytes(StandardCharsets.UTF_8);

    assertThat(TextCharset.detect(plain)).isEqualTo(TextCharset.UTF_8);
    assertThat(TextCharset.detect(bom)).isEqualTo(new TextCharset("UTF-8", true));
    assertThat(TextCharset.detect(bom).needsConversion()).isFalse();
    assertThat(TextCharset.detect(bom).decode(bom)).isEqualTo(FRENCH);
    assertThat(TextCharset.detect("plain ascii".getBytes(StandardCharsets.US_ASCII))).isEqualTo(TextCharset.UTF_8);
  }

  @Test
  void detect_utf16WithBom_isLeftToFfmpeg() {
    byte[] bytes = ("\uFEFF" + FRENCH).getBytes(StandardCharsets.UTF_16LE);

    TextCharset charset = TextCharset.detect(bytes);

    assertThat(charset).isEqualTo(new TextCharset("UTF-16LE", true));
    assertThat(charset.needsConversion()).isFalse();
    assertThat(charset.decode(bytes)).isEqualTo(FRENCH);
  }

  @Test
  void detect_windows1251Russian_isWindows1251() {
    String russian = "1\n00:00:01,000 --> 00:00:03,000\nПривет, как дела? Это очень хороший фильм.\n\n"
        + "2\n00:00:04,000 --> 00:00:06,000\nМы пойдём домой завтра вечером, если будет хорошая погода.\n";
    byte[] bytes = russian.getBytes(Charset.forName("windows-1251"));

    TextCharset charset = TextCharset.detect(bytes);

    assertThat(charset.name()).isEqualTo("WINDOWS-1251");
    assertThat(charset.decode(bytes)).isEqualTo(russian);
  }
}
