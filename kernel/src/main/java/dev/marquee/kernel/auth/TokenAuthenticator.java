package dev.marquee.kernel.auth;

import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import dev.marquee.kernel.http.Authenticator;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads {@code Authorization: Bearer <access token>} or {@code X-Api-Key: <key>}. The user behind
 * either is checked against {@link UserStates}, so a disable, delete, role change or password
 * change reaches tokens already handed out within {@code auth.user-cache-ttl}. Thread-safe.
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

  private Principal bearer(String header) {
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw TokenService.invalidToken("the Authorization header must be 'Bearer <token>'");
    }
    TokenService.AccessClaims claims = tokens.verify(header.substring(BEARER.length()).trim());
    User user = states.get(claims.userId())
        .filter(u -> !u.disabled() && u.tokenVersion() == claims.tokenVersion())
        .orElseThrow(() -> TokenService.invalidToken("the access token was revoked; sign in again"));
    return principal(user);
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
