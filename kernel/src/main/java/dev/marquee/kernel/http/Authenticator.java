package dev.marquee.kernel.http;

import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import java.util.Optional;

/** Finds who a request acts for, from its credentials. */
public interface Authenticator {

  /**
   * @return the user, or empty when the request carries no credentials
   * @throws dev.marquee.api.http.ApiException 401 when it carries credentials that are not valid
   */
  Optional<Principal> authenticate(RequestContext request);

  /**
   * The user when the request's credentials can be checked without blocking (from memory) and are
   * valid; empty when they cannot, or are missing or not valid, and only {@link #authenticate} can
   * answer. Never blocks, never throws.
   */
  default Optional<Principal> authenticateFromMemory(RequestContext request) {
    return Optional.empty();
  }
}
