package dev.marquee.subtitles;

import dev.marquee.api.Ordered;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.subtitle.SubtitleSource;
import dev.marquee.api.subtitle.SubtitleTrack;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Subtitle files next to the video ({@code sidecar}): in its folder, or in a {@code Subs} or
 * {@code Subtitles} folder beside it, named after the video with tags ({@link SidecarName}). A
 * subtitle that fits two videos of the folder ({@code Movie.Extended.en.srt} fits both {@code
 * Movie.mkv} and {@code Movie.Extended.mkv}) belongs to the one with the longer name. A VobSub pair ({@code .idx} and {@code .sub}) is one track, named by its {@code .idx}; a
 * {@code .sub} alone is text (MicroDVD or SubViewer). The track id is the file's path relative to
 * the video's folder. Text tracks become WebVTT through {@link WebVttConverter}; images (VobSub,
 * PGS {@code .sup}) cannot. Order 10: listed before the embedded tracks.
 */
@Extension
public class SidecarSource implements SubtitleSource, Ordered {
  static final String ID = "sidecar";
  /** Folders beside the video that hold its subtitles, lower case. */
  private static final Set<String> SUBTITLE_FOLDERS = Set.of("subs", "subtitles");
  private static final Set<String> VIDEO_EXTENSIONS = Set.of("mkv", "mp4", "m4v", "avi", "mov", "wmv", "ts", "m2ts",
      "mts", "webm", "mpg", "mpeg", "flv", "ogv", "3gp", "vob", "divx", "iso");

  private final WebVttConverter converter;

  public SidecarSource(PluginContext context) {
    this.converter = new WebVttConverter(context.media(), context.dataDir().resolve("tmp"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public List<SubtitleTrack> tracks(Path video, Progress progress) throws IOException {
    Path folder = video.toAbsolutePath().getParent();
    String base = baseName(video.getFileName().toString());
    List<Path> files = list(folder);
    List<String> otherVideos = files.stream().map(p -> p.getFileName().toString())
        .filter(name -> VIDEO_EXTENSIONS.contains(extension(name)) && !name.equals(video.getFileName().toString()))
        .map(SidecarSource::baseName).toList();
    List<Path> candidates = new ArrayList<>(files);
    for (Path file : files) {
      if (Files.isDirectory(file) && SUBTITLE_FOLDERS.contains(file.getFileName().toString().toLowerCase(Locale.ROOT))) {
        candidates.addAll(list(file));
      }
    }
    List<SubtitleTrack> tracks = new ArrayList<>();
    for (Path file : candidates) {
      progress.checkCancelled();
      String name = file.getFileName().toString();
      Optional<SidecarName> parsed = SidecarName.parse(base, name);
      if (parsed.isEmpty() || !Files.isRegularFile(file) || belongsToLongerName(base, name, otherVideos)) {
        continue;
      }
      if (extension(name).equals("sub") && Files.exists(file.resolveSibling(baseName(name) + ".idx"))) {
        // the picture data of a VobSub pair: listed by its .idx
        continue;
      }
      SidecarName sidecar = parsed.get();
      tracks.add(new SubtitleTrack(ID, folder.relativize(file.toAbsolutePath()).toString(), SubtitleTrack.Origin.SIDECAR,
          sidecar.format(), sidecar.language(), sidecar.title(), sidecar.forced(), sidecar.hearingImpaired(),
          sidecar.defaultTrack()));
    }
    tracks.sort(Comparator.comparing(SubtitleTrack::trackId));
    return tracks;
  }

  @Override
  public Optional<String> toWebVtt(Path video, SubtitleTrack track, Progress progress) throws IOException {
    if (!track.sourceId().equals(ID)) {
      throw new IllegalArgumentException("not a sidecar track: " + track);
    }
    Path folder = video.toAbsolutePath().getParent();
    Path file = folder.resolve(track.trackId()).normalize();
    if (!file.startsWith(folder) || !SidecarName.FORMATS.containsKey(extension(file.getFileName().toString()))) {
      throw new IllegalArgumentException("not a subtitle file beside " + video.getFileName() + ": " + track.trackId());
    }
    if (SidecarName.IMAGE_FORMATS.contains(track.format())) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("the subtitle file is gone: " + track.trackId());
    }
    return Optional.of(converter.fromFile(file, progress));
  }

  private static boolean belongsToLongerName(String base, String subtitle, List<String> otherVideos) {
    return otherVideos.stream().anyMatch(other -> other.length() > base.length()
        && SidecarName.parse(other, subtitle).isPresent());
  }

  private static List<Path> list(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      entries.forEach(files::add);
    }
    return files;
  }

  static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? fileName : fileName.substring(0, dot);
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
