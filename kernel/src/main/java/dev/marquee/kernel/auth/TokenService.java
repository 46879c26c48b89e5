package dev.marquee.kernel.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens (HS256 JWTs: issuer {@value #ISSUER}, sub = user id, token version {@code tv}, iat,
 * exp; nothing more, as every request carries one and the server reads the rest from the user) and opaque refresh tokens (256 random bits, stored as SHA-256) that rotate on every
 * use. A refresh token presented after it was rotated means it was copied: its whole family is
 * revoked. Thread-safe.
 */
@Singleton
final class TokenService {
  private static final Logger log = LoggerFactory.getLogger(TokenService.class);
  static final String ISSUER = "marquee";
  private static final int REFRESH_TOKEN_BYTES = 32;

  /** What a valid access token says. */
  record AccessClaims(long userId, int tokenVersion) {}

  private enum Refusal { INVALID, REUSED }

  /** A token whose signature, issuer and claims were checked, and when it expires (null: never). */
  private record Verified(AccessClaims claims, Instant expiresAt) {}

  private record Rotation(User user, String refreshToken, Refusal refusal) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final KernelSecrets secrets;
  private final AuthSettings settings;
  private volatile Algorithm algorithm;
  private volatile JWTVerifier verifier;
  /** Access tokens verified lately: each costs an HMAC and two JSON parses to check again. */
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterAccess(Duration.ofMinutes(10))
      .build();

  @Inject
  TokenService(Jdbi jdbi, Clock clock, KernelSecrets secrets, AuthSettings settings) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.secrets = secrets;
    this.settings = settings;
  }

  /** Signs in {@code user}: an access token and a refresh token of a new family. */
  IssuedTokens issue(User user) {
    String refreshToken = Secrets.randomToken(REFRESH_TOKEN_BYTES);
    long now = clock.millis();
    jdbi.useExtension(RefreshTokenDao.class, dao -> dao.insert(user.id(), Secrets.sha256(refreshToken),
        UUID.randomUUID().toString(), now, now + settings.refreshTokenTtl.toMillis()));
    return new IssuedTokens(accessToken(user), settings.accessTokenTtl.toSeconds(), refreshToken, user);
  }

  /**
   * Exchanges a refresh token for a new pair; the old one is spent.
   *
   * @throws ApiException 401 INVALID_TOKEN when it is unknown, expired, revoked or already spent
   *     (then its family is revoked), or its user is disabled or gone
   */
  IssuedTokens refresh(String refreshToken) {
    String hash = Secrets.sha256(refreshToken);
    long now = clock.millis();
    // Revocations must commit before the refusal is thrown, so the transaction returns it.
    Rotation rotation = jdbi.inTransaction(h -> {
      RefreshTokenDao tokens = h.attach(RefreshTokenDao.class);
      Optional<RefreshToken> found = tokens.findByHash(hash);
      if (found.isEmpty() || found.get().revokedAt() != null || found.get().expiresAt().toEpochMilli() <= now) {
        return new Rotation(null, null, Refusal.INVALID);
      }
      RefreshToken token = found.get();
      if (token.rotatedAt() != null || tokens.markRotated(token.id(), now) == 0) {
        tokens.revokeFamily(token.familyId(), now);
        return new Rotation(null, null, Refusal.REUSED);
      }
      Optional<User> user = h.attach(UserDao.class).find(token.userId());
      if (user.isEmpty() || user.get().disabled()) {
        tokens.revokeFamily(token.familyId(), now);
        return new Rotation(null, null, Refusal.INVALID);
      }
      String next = Secrets.randomToken(REFRESH_TOKEN_BYTES);
      tokens.insert(token.userId(), Secrets.sha256(next), token.familyId(), now, now + settings.refreshTokenTtl.toMillis());
      return new Rotation(user.get(), next, null);
    });
    if (rotation.refusal == Refusal.REUSED) {
      log.warn("a spent refresh token was presented again: its session is revoked");
      throw invalidToken("the refresh token was already used; sign in again");
    }
    if (rotation.refusal == Refusal.INVALID) {
      throw invalidToken("the refresh token is not valid; sign in again");
    }
    return new IssuedTokens(accessToken(rotation.user), settings.accessTokenTtl.toSeconds(), rotation.refreshToken, rotation.user);
  }

  /** Revokes the session {@code refreshToken} belongs to; nothing for an unknown token. */
  void revoke(String refreshToken) {
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      RefreshTokenDao tokens = h.attach(RefreshTokenDao.class);
      tokens.findByHash(Secrets.sha256(refreshToken)).ifPresent(t -> tokens.revokeFamily(t.familyId(), now));
    });
  }

  /**
   * Checks an access token's signature, issuer and expiry. A token that passed is remembered for a
   * while, so the next requests with it cost a look-up and the expiry check, the one check that
   * time can turn (with the verifier's rule: valid while the current second is before {@code exp}).
   * Revocation is not the token's business: the caller checks the user's token version each time.
   *
   * @throws ApiException 401 INVALID_TOKEN when any fails
   */
  AccessClaims verify(String accessToken) {
    Verified known = verified.getIfPresent(accessToken);
    if (known != null && (known.expiresAt() == null
        || clock.instant().truncatedTo(ChronoUnit.SECONDS).isBefore(known.expiresAt()))) {
      return known.claims();
    }
    try {
      DecodedJWT jwt = verifier().verify(accessToken);
      Integer tokenVersion = jwt.getClaim("tv").asInt();
      if (jwt.getSubject() == null || tokenVersion == null) {
        throw invalidToken("the access token lacks its subject or version");
      }
      AccessClaims claims = new AccessClaims(Long.parseLong(jwt.getSubject()), tokenVersion);
      verified.put(accessToken, new Verified(claims, jwt.getExpiresAtAsInstant()));
      return claims;
    } catch (JWTVerificationException | NumberFormatException e) {
      throw invalidToken("the access token is not valid or has expired");
    }
  }

  private String accessToken(User user) {
    Instant now = clock.instant();
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(Long.toString(user.id()))
        .withClaim("tv", user.tokenVersion())
        .withIssuedAt(now)
        .withExpiresAt(now.plus(settings.accessTokenTtl))
        .sign(algorithm());
  }

  private JWTVerifier verifier() {
    JWTVerifier v = verifier;
    if (v == null) {
      v = ((JWTVerifier.BaseVerification) JWT.require(algorithm()).withIssuer(ISSUER)).build(clock);
      verifier = v;
    }
    return v;
  }

  /** Built on first use: the key lives in the database, which is migrated only at start. */
  private Algorithm algorithm() {
    Algorithm a = algorithm;
    if (a == null) {
      a = Algorithm.HMAC256(secrets.jwtKey());
      algorithm = a;
    }
    return a;
  }

  static ApiException invalidToken(String message) {
    return new ApiException(401, "INVALID_TOKEN", message);
  }
}
