package dev.marquee.kernel.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import dev.marquee.kernel.http.Authenticator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads {@code Authorization: Bearer <access token>}, {@code X-Api-Key: <key>}, {@code ?apikey=<key>}
 * and, for clients that only know it (OPDS readers), {@code Authorization: Basic} with the user's
 * password or an API key as the password. The user behind any of them is checked against {@link
 * UserStates}, so a disable, delete, role change or password change reaches credentials already
 * handed out within {@code auth.user-cache-ttl}. A Basic password is checked like a login
 * (throttled, Argon2) and the success remembered for {@code auth.basic-cache-ttl} under a hash of
 * the credentials, as readers send them with every request; it holds while the user's password hash
 * is unchanged. From memory (for answers on the I/O thread): access tokens whose user is cached;
 * the rest needs the database. Thread-safe.
 */
@Singleton
final class TokenAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  /** A Basic password that was right: good while the user's password hash is this one. */
  private record CheckedPassword(long userId, String passwordHash) {}

  private final TokenService tokens;
  private final ApiKeyService apiKeys;
  private final UserStates states;
  private final PasswordCheck passwords;
  /** By SHA-256 of the credentials, never the password itself. */
  private final Cache<String, CheckedPassword> checkedPasswords;

  @Inject
  TokenAuthenticator(TokenService tokens, ApiKeyService apiKeys, UserStates states, PasswordCheck passwords,
      AuthSettings settings) {
    this.tokens = tokens;
    this.apiKeys = apiKeys;
    this.states = states;
    this.passwords = passwords;
    this.checkedPasswords = Caffeine.newBuilder().expireAfterWrite(settings.basicCacheTtl).maximumSize(10_000).build();
  }

  @Override
  public Optional<Principal> authenticate(RequestContext request) {
    Optional<String> authorization = request.header("Authorization");
    if (authorization.isPresent()) {
      String value = authorization.get();
      if (value.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
        try {
          return Optional.of(basic(value.substring(BASIC.length()).trim(), request.remoteAddress()));
        } catch (TooManyAttemptsException e) {
          request.header("Retry-After", Long.toString(e.retryAfterSeconds()));
          throw e;
        }
      }
      return Optional.of(bearer(value));
    }
    return request.header("X-Api-Key").or(() -> request.queryParam("apikey")).map(this::apiKey);
  }

  @Override
  public Optional<Principal> authenticateFromMemory(RequestContext request) {
    Optional<String> authorization = request.header("Authorization");
    if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    TokenService.AccessClaims claims;
    try {
      claims = tokens.verify(authorization.get().substring(BEARER.length()).trim());
    } catch (ApiException e) {
      return Optional.empty();
    }
    return states.getIfCached(claims.userId()).filter(user -> valid(user, claims)).map(TokenAuthenticator::principal);
  }

  private Principal bearer(String header) {
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw TokenService.invalidToken("the Authorization header must be 'Bearer <token>'");
    }
    TokenService.AccessClaims claims = tokens.verify(header.substring(BEARER.length()).trim());
    User user = states.get(claims.userId())
        .filter(u -> valid(u, claims))
        .orElseThrow(() -> TokenService.invalidToken("the access token was revoked; sign in again"));
    return principal(user);
  }

  private Principal basic(String encoded, String ip) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw TokenService.invalidToken("the Basic credentials are not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw TokenService.invalidToken("the Basic credentials must be 'username:password'");
    }
    String username = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    if (password.startsWith(ApiKeyService.PREFIX)) {
      return apiKey(password);
    }
    if (username.isBlank() || password.isEmpty()) {
      throw TokenService.invalidToken("the Basic credentials lack a username or password");
    }
    String key = Secrets.sha256(username + "\n" + password);
    CheckedPassword checked = checkedPasswords.getIfPresent(key);
    if (checked != null) {
      Optional<User> user = states.get(checked.userId())
          .filter(u -> !u.disabled() && u.passwordHash().equals(checked.passwordHash()));
      if (user.isPresent()) {
        return principal(user.get());
      }
      checkedPasswords.invalidate(key);
    }
    User user = passwords.check(username, password, ip);
    checkedPasswords.put(key, new CheckedPassword(user.id(), user.passwordHash()));
    return principal(user);
  }

  /** Whether an access token still stands for its user: not disabled, not revoked since it was issued. */
  private static boolean valid(User user, TokenService.AccessClaims claims) {
    return !user.disabled() && user.tokenVersion() == claims.tokenVersion();
  }

  private Principal apiKey(String secret) {
    ApiKey key = apiKeys.authenticate(secret.trim())
        .orElseThrow(() -> TokenService.invalidToken("unknown API key"));
    User user = states.get(key.userId()).filter(u -> !u.disabled())
        .orElseThrow(() -> TokenService.invalidToken("the API key's user is disabled or gone"));
    return principal(user);
  }

  private static Principal principal(User user) {
    return new Principal(user.id(), user.username(), user.role());
  }
}
