package dev.marquee.subtitles;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * The character set of a text subtitle file. A byte-order mark decides; else text that decodes as
 * UTF-8 is UTF-8 (ASCII included); else juniversalchardet (Mozilla's detector) guesses from the
 * byte statistics (Windows-1252, ISO-8859-x, Windows-125x, KOI8-R, Shift_JIS, GB18030, Big5,
 * EUC-KR...); Windows-1252, the most common legacy encoding of subtitles, when it cannot tell.
 *
 * @param name the charset's name as iconv (and so ffmpeg's {@code -sub_charenc}) knows it
 * @param bom whether the file starts with a byte-order mark (ffmpeg then decodes it by itself)
 */
record TextCharset(String name, boolean bom) {
  static final TextCharset UTF_8 = new TextCharset("UTF-8", false);
  /** juniversalchardet's names that iconv spells differently. */
  private static final Map<String, String> ICONV_NAMES = Map.of(
      "X-MAC-CYRILLIC", "MACCYRILLIC", "TIS620", "TIS-620", "US-ASCII", "UTF-8", "HZ-GB-2312", "HZ");

  static TextCharset detect(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return new TextCharset("UTF-8", true);
    }
    if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
      return new TextCharset(bytes[0] == (byte) 0xFF ? "UTF-16LE" : "UTF-16BE", true);
    }
    if (isUtf8(bytes)) {
      return UTF_8;
    }
    UniversalDetector detector = new UniversalDetector();
    detector.handleData(bytes, 0, bytes.length);
    detector.dataEnd();
    String detected = detector.getDetectedCharset();
    if (detected == null) {
      return new TextCharset("WINDOWS-1252", false);
    }
    String upper = detected.toUpperCase(Locale.ROOT);
    return new TextCharset(ICONV_NAMES.getOrDefault(upper, upper), false);
  }

  /** Whether ffmpeg must be told the charset ({@code -sub_charenc}): neither UTF-8 nor marked. */
  boolean needsConversion() {
    return !bom && !name.equals("UTF-8");
  }

  /** The text decoded with this charset, without a byte-order mark. */
  String decode(byte[] bytes) {
    Charset charset = Optional.of(name).filter(Charset::isSupported).map(Charset::forName)
        .orElse(Charset.forName("windows-1252"));
    String text = new String(bytes, charset);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
