package dev.marquee.api.subtitle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A downloaded subtitle file. Immutable: the content is copied in and out.
 *
 * @param language its language as an ISO 639-1 code
 * @param format its format, lower case ({@code srt}, {@code ass}, {@code webvtt})
 * @param content the file's bytes, UTF-8 where the format is text
 */
public record DownloadedSubtitle(String language, String format, byte[] content) {

  /** @throws NullPointerException when any component is null */
  public DownloadedSubtitle {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(format, "format");
    content = content.clone();
  }

  /** A copy of the file's bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DownloadedSubtitle that && language.equals(that.language) && format.equals(that.format)
        && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(language, format, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "DownloadedSubtitle[language=" + language + ", format=" + format + ", " + content.length + " bytes]";
  }
}
