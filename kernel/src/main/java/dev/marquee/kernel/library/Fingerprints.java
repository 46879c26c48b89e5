package dev.marquee.kernel.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 hashes: of a path (for unique lookups) and of a file's ends (to recognise it after a move). */
final class Fingerprints {
  static final int EDGE_BYTES = 64 * 1024;
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Fingerprints::newSha256);

  private Fingerprints() {}

  /** SHA-256 hex of the absolute path's text. */
  static String pathHash(Path path) {
    return hex(sha256().digest(path.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * SHA-256 hex of the size and the first and last 64 KiB: cheap, and stable across renames. An
   * empty file is not opened: its size says it all.
   */
  static String fingerprint(Path file, long size) throws IOException {
    MessageDigest digest = sha256();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(size).array());
    if (size == 0) {
      return hex(digest.digest());
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(EDGE_BYTES);
      readFully(channel, buffer, 0);
      digest.update(buffer.flip());
      if (size > EDGE_BYTES) {
        buffer.clear();
        readFully(channel, buffer, Math.max(EDGE_BYTES, size - EDGE_BYTES));
        digest.update(buffer.flip());
      }
    }
    return hex(digest.digest());
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        return;
      }
      at += n;
    }
  }

  private static MessageDigest sha256() {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
