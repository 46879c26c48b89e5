package dev.marquee.testplugins;

import dev.marquee.api.Progress;
import dev.marquee.api.subtitle.DownloadedSubtitle;
import dev.marquee.api.subtitle.RemoteSubtitle;
import dev.marquee.api.subtitle.SubtitleProvider;
import dev.marquee.api.subtitle.SubtitleQuery;
import dev.marquee.api.subtitle.SubtitleSource;
import dev.marquee.api.subtitle.SubtitleTrack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Plugin;

/**
 * The main class of a test plugin, built into a jar at test time, with a subtitle source and a
 * subtitle provider that answer from simple rules, so the kernel's subtitle routes and HLS
 * renditions can be tested without ffmpeg conversions.
 */
public class FakeSubtitlesPlugin extends Plugin {
  /**
   * How many times {@link Source#toWebVtt} converted a track, in a system property (the plugin's
   * class loader has its own copy of this class, so a static field would not be shared with tests).
   */
  public static final String CONVERSIONS = "fake-subtitles.conversions";

  /**
   * Source {@code fake}: every {@code .srt} beside the video whose name starts with the video's
   * base name is a sidecar track (language from the word before {@code .srt}, {@code sdh} flags
   * it); embedded stream 3 is English SubRip, stream 7 a PGS picture track. SRT becomes WebVTT by
   * turning the decimal commas into points.
   */
  public static class Source implements SubtitleSource {
    @Override
    public String id() {
      return "fake";
    }

    @Override
    public List<SubtitleTrack> tracks(Path video, Progress progress) throws IOException {
      List<SubtitleTrack> tracks = new ArrayList<>();
      tracks.add(new SubtitleTrack("fake", "3", SubtitleTrack.Origin.EMBEDDED, "srt", Optional.of("en"),
          Optional.empty(), false, false, true));
      tracks.add(new SubtitleTrack("fake", "7", SubtitleTrack.Origin.EMBEDDED, "pgs", Optional.of("de"),
          Optional.of("Signs"), true, false, false));
      String base = video.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(video.getParent(), "*.srt")) {
        files.forEach(file -> names.add(file.getFileName().toString()));
      }
      names.sort(null);
      for (String name : names) {
        if (!name.startsWith(base + ".")) {
          continue;
        }
        String[] words = name.substring(base.length() + 1, name.length() - 4).split("\\.");
        boolean sdh = List.of(words).contains("sdh");
        Optional<String> language = words[0].isEmpty() ? Optional.empty() : Optional.of(words[0]);
        tracks.add(new SubtitleTrack("fake", name, SubtitleTrack.Origin.SIDECAR, "srt", language, Optional.empty(),
            false, sdh, false));
      }
      return tracks;
    }

    @Override
    public Optional<String> toWebVtt(Path video, SubtitleTrack track, Progress progress) throws IOException {
      if (track.format().equals("pgs")) {
        return Optional.empty();
      }
      System.setProperty(CONVERSIONS, String.valueOf(Integer.getInteger(CONVERSIONS, 0) + 1));
      String srt = track.origin() == SubtitleTrack.Origin.EMBEDDED
          ? "1\n00:00:00,500 --> 00:00:02,000\nEmbedded line\n"
          : Files.readString(video.resolveSibling(track.trackId()), StandardCharsets.UTF_8);
      return Optional.of("WEBVTT\n\n" + srt.replaceAll("(\\d\\d:\\d\\d:\\d\\d),(\\d\\d\\d)", "$1.$2"));
    }
  }

  /**
   * Provider {@code fake-subs}: finds an English hash match (remote id {@code 1}) and an English SDH
   * subtitle (id {@code 2}), or fails when the title contains "down". Downloading {@code 404}
   * finds nothing, {@code quota} fails as a used-up quota would, {@code pgs} sends a format that is
   * not stored; any other id is a one-line SubRip file.
   */
  public static class Provider implements SubtitleProvider {
    @Override
    public String id() {
      return "fake-subs";
    }

    @Override
    public List<RemoteSubtitle> search(SubtitleQuery query, Progress progress) throws IOException {
      if (query.title().contains("down")) {
        throw new IOException("the fake service is down");
      }
      return List.of(
          new RemoteSubtitle("fake-subs", "1", "en", "srt", Optional.of(query.title() + " " + query.languages()),
              Optional.of(10), query.fileHash().isPresent(), false),
          new RemoteSubtitle("fake-subs", "2", "en", "srt", Optional.empty(), Optional.empty(), false, true));
    }

    @Override
    public Optional<DownloadedSubtitle> download(String remoteId, Progress progress) throws IOException {
      return switch (remoteId) {
        case "404" -> Optional.empty();
        case "quota" -> throw new IOException("download quota used up; it renews at midnight");
        case "pgs" -> Optional.of(new DownloadedSubtitle("en", "pgs", new byte[] {1, 2, 3}));
        default -> Optional.of(new DownloadedSubtitle("en", "srt",
            ("1\n00:00:01,000 --> 00:00:02,000\nDownloaded " + remoteId + "\n").getBytes(StandardCharsets.UTF_8)));
      };
    }
  }
}
