package dev.marquee.kernel.plugins;

import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.plugins.repository.PluginArchives;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches manifests and plugin artifacts over http(s) with the kernel's HTTP client, and checks an
 * artifact completely before anyone uses it: size, SHA-512, the signature by a trusted key, the
 * archive's entries (count, expanded size, zip-slip) and the id and version in its descriptor. A
 * download lives under {@code <data dir>/plugin-downloads} and is deleted on any failure.
 */
@Singleton
final class PluginDownloads {
  private static final Logger log = LoggerFactory.getLogger(PluginDownloads.class);
  /** Manifests and indexes are small; a larger answer is not one. */
  static final int MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

  /** An artifact that passed every check; {@link #file} ends in {@code .jar} or {@code .zip}. */
  record Verified(Path file, PluginArchives.Kind kind, String sha512, PluginArchives.Descriptor descriptor) {}

  private final HttpClient http;
  private final InstallSettings settings;
  private final PluginStore store;

  @Inject
  PluginDownloads(HttpClient http, InstallSettings settings, PluginStore store) {
    this.http = http;
    this.settings = settings;
    this.store = store;
  }

  /**
   * The absolute http(s) URL in {@code text}.
   *
   * @throws ApiException 422 VALIDATION_FAILED otherwise (file: and other schemes included)
   */
  static URI httpUrl(String text, String field) {
    if (text == null || text.isBlank()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", field + ": an http(s) URL is required");
    }
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme();
      if (!uri.isAbsolute() || uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw ApiException.unprocessable("VALIDATION_FAILED", field + ": must be an absolute http or https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw ApiException.unprocessable("VALIDATION_FAILED", field + ": not a URL: " + e.getMessage());
    }
  }

  /**
   * The body of a manifest or repository index.
   *
   * @throws ApiException 422 FETCH_FAILED when it cannot be fetched or is larger than 8 MiB
   */
  byte[] fetchManifest(URI url) {
    try (InputStream in = open(url)) {
      byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
      if (bytes.length > MAX_MANIFEST_BYTES) {
        throw ApiException.unprocessable("FETCH_FAILED", url + ": larger than " + MAX_MANIFEST_BYTES + " bytes, not a manifest");
      }
      return bytes;
    } catch (IOException e) {
      throw fetchFailed(url, e);
    }
  }

  /**
   * Downloads {@code release} of {@code plugin} (its url resolved against {@code manifestUrl}) and
   * checks it; the caller owns the returned file and must move or delete it.
   *
   * @throws ApiException 422 with the reason (see the class comment); nothing is left on disk
   */
  Verified download(URI manifestUrl, PluginManifest plugin, PluginManifest.Release release) {
    URI url = manifestUrl.resolve(release.url());
    httpUrl(url.toString(), "versions[].url");
    if (release.size() > settings.maxArtifactBytes()) {
      throw ApiException.unprocessable("ARTIFACT_TOO_LARGE", plugin.id() + " " + release.version() + " is " + release.size()
          + " bytes, more than plugins.max-artifact-mb allows (" + settings.maxArtifactBytes() / (1024 * 1024) + " MiB)");
    }
    Path part = null;
    Path file = null;
    try {
      Files.createDirectories(settings.downloadDir());
      part = settings.downloadDir().resolve(UUID.randomUUID() + ".part");
      String sha512 = fetchTo(url, part, release.size());
      checkIntegrity(plugin, release, part, sha512);
      PluginArchives.Kind kind = PluginArchives.check(part, settings.maxEntries(), settings.maxExpandedBytes());
      file = part.resolveSibling(part.getFileName().toString().replace(".part", kind.extension()));
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
      part = null;
      PluginArchives.Descriptor descriptor;
      try {
        descriptor = PluginArchives.describe(file);
      } catch (IllegalArgumentException e) {
        throw ApiException.unprocessable("INVALID_ARTIFACT", plugin.id() + " " + release.version() + ": " + e.getMessage());
      }
      if (!descriptor.id().equals(plugin.id()) || !descriptor.version().equals(release.version())) {
        throw ApiException.unprocessable("DESCRIPTOR_MISMATCH", "the artifact is plugin " + descriptor.id() + " " + descriptor.version()
            + ", but the manifest says " + plugin.id() + " " + release.version());
      }
      Verified verified = new Verified(file, kind, sha512, descriptor);
      file = null;
      return verified;
    } catch (PluginArchives.UnsafeArchiveException e) {
      throw ApiException.unprocessable("UNSAFE_ARCHIVE", plugin.id() + " " + release.version() + ": " + e.getMessage());
    } catch (IOException e) {
      throw fetchFailed(url, e);
    } finally {
      deleteQuietly(part);
      deleteQuietly(file);
    }
  }

  /** Deletes a download, logging (not throwing) when it cannot. */
  static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}", file, e);
    }
  }

  /** Empties the download folder: what is there was left by a crash. */
  void clearLeftovers() {
    if (!Files.isDirectory(settings.downloadDir())) {
      return;
    }
    try (var files = Files.list(settings.downloadDir())) {
      files.forEach(PluginDownloads::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bad checksum or signature: 400, as the seed's plugin routes answer a bad manifest or signature. */
  private static ApiException badArtifact(String code, String message) {
    return new ApiException(400, code, message);
  }

  private void checkIntegrity(PluginManifest plugin, PluginManifest.Release release, Path file, String sha512) throws IOException {
    String what = plugin.id() + " " + release.version();
    if (!sha512.equals(release.sha512())) {
      throw badArtifact("CHECKSUM_MISMATCH", what + ": the artifact's SHA-512 does not match the manifest's");
    }
    if (release.signature() == null) {
      if (!settings.allowUnsigned()) {
        throw badArtifact("UNSIGNED", what + " is not signed, and plugins.allow-unsigned is off");
      }
      log.warn("installing {} without a signature: plugins.allow-unsigned is on", what);
      return;
    }
    var key = store.keyByKeyId(release.keyId());
    if (key.isEmpty()) {
      if (!settings.allowUnsigned()) {
        throw badArtifact("UNTRUSTED_KEY", what + " is signed by key " + release.keyId() + ", which is not trusted");
      }
      log.warn("installing {} signed by the untrusted key {}: plugins.allow-unsigned is on", what, release.keyId());
      return;
    }
    PublicKey publicKey = PluginKeys.parsePublicKey(key.get().publicKey());
    if (!PluginKeys.verify(publicKey, file, release.signature())) {
      throw badArtifact("SIGNATURE_INVALID", what + ": the signature does not verify with the trusted key "
          + release.keyId());
    }
  }

  /** Streams {@code url} into {@code target} (fsynced), at most {@code expectedSize} bytes. @return the SHA-512 in hex */
  private String fetchTo(URI url, Path target, long expectedSize) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long written = 0;
    try (InputStream in = open(url);
        FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        written += n;
        if (written > expectedSize) {
          throw ApiException.unprocessable("SIZE_MISMATCH", url + ": larger than the " + expectedSize + " bytes the manifest states");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      out.flush();
      channel.force(true);
    }
    if (written != expectedSize) {
      throw ApiException.unprocessable("SIZE_MISMATCH", url + ": " + written + " bytes, the manifest states " + expectedSize);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private InputStream open(URI url) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.downloadTimeout()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      response.body().close();
      throw ApiException.unprocessable("FETCH_FAILED", url + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static ApiException fetchFailed(URI url, IOException e) {
    return ApiException.unprocessable("FETCH_FAILED", "cannot fetch " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage()));
  }
}
