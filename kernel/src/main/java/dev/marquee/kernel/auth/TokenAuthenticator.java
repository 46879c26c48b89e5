package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import dev.marquee.kernel.http.Authenticator;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads {@code Authorization: Bearer <access token>} or {@code X-Api-Key: <key>}. The user behind
 * either is checked against {@link UserStates}, so a disable, delete, role change or password
 * change reaches tokens already handed out within {@code auth.user-cache-ttl}. From memory (for
 * answers on the I/O thread): access tokens whose user is cached; API keys always need the
 * database. Thread-safe.
 */
@Singleton
final class TokenAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";

  private final TokenService tokens;
  private final ApiKeyService apiKeys;
  private final UserStates states;

  @Inject
  TokenAuthenticator(TokenService tokens, ApiKeyService apiKeys, UserStates states) {
    this.tokens = tokens;
    this.apiKeys = apiKeys;
    this.states = states;
  }

  @Override
  public Optional<Principal> authenticate(RequestContext request) {
    Optional<String> authorization = request.header("Authorization");
    if (authorization.isPresent()) {
      return Optional.of(bearer(authorization.get()));
    }
    return request.header("X-Api-Key").map(this::apiKey);
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
