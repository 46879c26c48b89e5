package dev.marquee.kernel.playback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.http.ApiException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a client can play, as it tells {@code POST /api/v1/media/{id}/playback-info}. Codec and
 * container names are ffmpeg's short names ({@code h264}, {@code hevc}, {@code aac}, {@code ac3};
 * {@code mp4}, {@code mkv}, {@code webm}); profiles as ffprobe names them, case and spaces ignored
 * ({@code high}, {@code main 10}); levels in ffprobe's units ({@code 41} is H.264 level 4.1, {@code
 * 153} is HEVC level 5.1). Every field is optional; what is left out is taken from {@link #BROWSER}.
 *
 * @param name shown back in the answer
 * @param containers containers it plays as files (direct play)
 * @param videoCodecs video codecs it decodes in those containers
 * @param audioCodecs audio codecs it decodes in those containers
 * @param hlsVideoCodecs video codecs it plays in HLS (direct stream copies such video into HLS)
 * @param hlsAudioCodecs audio codecs it plays in HLS
 * @param videoProfiles per codec, the profiles it decodes; a codec not named takes any profile
 * @param maxVideoLevel per codec, the highest level; a codec not named takes any level
 * @param maxBitDepth per codec, the deepest video (8 or 10); a codec not named takes 8
 * @param hdr whether it shows HDR video (else HDR is tone-mapped by a transcode)
 * @param maxWidth widest video, pixels
 * @param maxHeight tallest video, pixels
 * @param maxBitrate highest total bitrate, bits per second
 * @param maxAudioChannels most audio channels
 */
record DeviceProfile(String name, Set<String> containers, Set<String> videoCodecs, Set<String> audioCodecs,
    Set<String> hlsVideoCodecs, Set<String> hlsAudioCodecs, Map<String, Set<String>> videoProfiles,
    Map<String, Integer> maxVideoLevel, Map<String, Integer> maxBitDepth, boolean hdr, int maxWidth, int maxHeight,
    long maxBitrate, int maxAudioChannels) {

  /**
   * What current Chrome, Firefox, Edge and Safari play without plugins, in files and through
   * hls.js / native HLS: H.264 (8-bit, up to High@5.2), VP8/VP9/AV1 in WebM or MP4, AAC, MP3, Opus,
   * Vorbis and FLAC; SDR only; up to 4K and 40 Mbit/s.
   */
  static final DeviceProfile BROWSER = new DeviceProfile("Web browser",
      Set.of("mp4", "m4v", "webm"),
      Set.of("h264", "vp8", "vp9", "av1"),
      Set.of("aac", "mp3", "opus", "vorbis", "flac"),
      Set.of("h264"),
      Set.of("aac", "mp3"),
      Map.of("h264", Set.of("baseline", "constrainedbaseline", "main", "high")),
      Map.of("h264", 52),
      Map.of("h264", 8, "vp9", 10, "av1", 10),
      false, 3840, 2160, 40_000_000L, 6);

  private static final Set<String> FIELDS = Set.of("name", "containers", "videoCodecs", "audioCodecs",
      "hlsVideoCodecs", "hlsAudioCodecs", "videoProfiles", "maxVideoLevel", "maxBitDepth", "hdr", "maxWidth",
      "maxHeight", "maxBitrate", "maxAudioChannels");

  /** The profile a client sent, over {@link #BROWSER}; 422 VALIDATION_FAILED naming the bad field. */
  static DeviceProfile parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return BROWSER;
    }
    if (!node.isObject()) {
      throw invalid("deviceProfile must be an object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw invalid("deviceProfile." + field + " is not a profile field; known: " + FIELDS.stream().sorted().toList());
      }
    }
    DeviceProfile b = BROWSER;
    return new DeviceProfile(
        node.has("name") ? text(node, "name") : "Custom",
        names(node, "containers", b.containers), names(node, "videoCodecs", b.videoCodecs),
        names(node, "audioCodecs", b.audioCodecs), names(node, "hlsVideoCodecs", b.hlsVideoCodecs),
        names(node, "hlsAudioCodecs", b.hlsAudioCodecs),
        node.has("videoProfiles") ? profiles(node.get("videoProfiles")) : b.videoProfiles,
        node.has("maxVideoLevel") ? numbers(node.get("maxVideoLevel"), "maxVideoLevel", 1, 1000) : b.maxVideoLevel,
        node.has("maxBitDepth") ? numbers(node.get("maxBitDepth"), "maxBitDepth", 8, 16) : b.maxBitDepth,
        node.has("hdr") ? bool(node, "hdr") : b.hdr,
        (int) number(node, "maxWidth", b.maxWidth, 16, 16384), (int) number(node, "maxHeight", b.maxHeight, 16, 16384),
        number(node, "maxBitrate", b.maxBitrate, 64_000, 10_000_000_000L),
        (int) number(node, "maxAudioChannels", b.maxAudioChannels, 1, 32));
  }

  /** {@code High 10} and {@code high10} are the same profile. */
  static String profileKey(String profile) {
    return profile.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 100) {
      throw invalid("deviceProfile." + field + " must be a non-empty string of at most 100 characters");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw invalid("deviceProfile." + field + " must be true or false");
    }
    return value.asBoolean();
  }

  private static long number(JsonNode node, String field, long fallback, long min, long max) {
    if (!node.has(field)) {
      return fallback;
    }
    JsonNode value = node.get(field);
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw invalid("deviceProfile." + field + " must be a whole number from " + min + " to " + max);
    }
    return value.asLong();
  }

  private static Set<String> names(JsonNode node, String field, Set<String> fallback) {
    if (!node.has(field)) {
      return fallback;
    }
    return nameList(node.get(field), "deviceProfile." + field);
  }

  private static Set<String> nameList(JsonNode value, String what) {
    if (!value.isArray() || value.size() > 100) {
      throw invalid(what + " must be an array of at most 100 names");
    }
    Set<String> names = new java.util.LinkedHashSet<>();
    for (JsonNode element : value) {
      if (!element.isTextual() || element.asText().isBlank() || element.asText().length() > 64) {
        throw invalid(what + " must hold names (strings of 1 to 64 characters)");
      }
      names.add(element.asText().strip().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(names);
  }

  private static Map<String, Set<String>> profiles(JsonNode value) {
    if (!value.isObject()) {
      throw invalid("deviceProfile.videoProfiles must be an object of codec → profile names");
    }
    Map<String, Set<String>> profiles = new HashMap<>();
    value.fields().forEachRemaining(e -> profiles.put(e.getKey().toLowerCase(Locale.ROOT),
        nameList(e.getValue(), "deviceProfile.videoProfiles." + e.getKey()).stream()
            .map(DeviceProfile::profileKey).collect(Collectors.toUnmodifiableSet())));
    return Map.copyOf(profiles);
  }

  private static Map<String, Integer> numbers(JsonNode value, String field, int min, int max) {
    if (!value.isObject()) {
      throw invalid("deviceProfile." + field + " must be an object of codec → number");
    }
    Map<String, Integer> numbers = new HashMap<>();
    value.fields().forEachRemaining(e -> {
      if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < min || e.getValue().asLong() > max) {
        throw invalid("deviceProfile." + field + "." + e.getKey() + " must be a whole number from " + min + " to " + max);
      }
      numbers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asInt());
    });
    return Map.copyOf(numbers);
  }

  /** Profile names of {@link #videoProfiles} for a codec, as {@link #profileKey} keys; null for any. */
  Set<String> profilesOf(String codec) {
    return videoProfiles.get(codec);
  }
}
