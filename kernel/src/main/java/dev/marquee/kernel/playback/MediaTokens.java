package dev.marquee.kernel.playback;

import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.auth.KernelSecrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The tokens in media URLs that players fetch without the user's credentials (an HLS player
 * follows playlist URIs with no Authorization header): an expiry and an HMAC over it, the session
 * and the item, so a token opens one session's playlists and segments, of one item, for a while.
 * Form: {@code <expiry epoch seconds>.<base64url HMAC-SHA256>}.
 */
@Singleton
final class MediaTokens {
  static final String KEY_NAME = "playback.media-token-key";

  private final KernelSecrets secrets;
  private final Clock clock;

  @Inject
  MediaTokens(KernelSecrets secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  String sign(String sessionId, long itemId, Instant expires) {
    long seconds = expires.getEpochSecond();
    return seconds + "." + mac(sessionId, itemId, seconds);
  }

  /**
   * Checks a token against the session it is used for.
   *
   * @throws ApiException 401 when it is missing, malformed, forged or expired
   */
  void verify(String token, String sessionId, long itemId) {
    if (token == null || token.isEmpty()) {
      throw ApiException.unauthorized("this media URL needs its token parameter");
    }
    int dot = token.indexOf('.');
    long seconds;
    try {
      seconds = Long.parseLong(token.substring(0, Math.max(0, dot)));
    } catch (NumberFormatException e) {
      throw ApiException.unauthorized("malformed media token");
    }
    byte[] expected = mac(sessionId, itemId, seconds).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw ApiException.unauthorized("invalid media token");
    }
    if (clock.instant().getEpochSecond() >= seconds) {
      throw ApiException.unauthorized("the media token has expired: ask for a new stream URL");
    }
  }

  private String mac(String sessionId, long itemId, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secrets.key(KEY_NAME), "HmacSHA256"));
      byte[] digest = mac.doFinal((sessionId + "|" + itemId + "|" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
