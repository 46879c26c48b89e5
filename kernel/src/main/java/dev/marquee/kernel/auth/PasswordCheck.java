package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Checks a username and password, for a login and for HTTP Basic credentials: throttled per client
 * address and per account, and an unknown user costs as long as a wrong password. Thread-safe.
 */
@Singleton
final class PasswordCheck {
  private final UserService users;
  private final Passwords passwords;
  private final LoginThrottle throttle;

  @Inject
  PasswordCheck(UserService users, Passwords passwords, LoginThrottle throttle) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
  }

  /**
   * The user whose password this is.
   *
   * @param ip the client's address, for throttling
   * @throws ApiException 401 INVALID_CREDENTIALS, 403 ACCOUNT_DISABLED (only after a right
   *     password), 429 TOO_MANY_ATTEMPTS ({@link TooManyAttemptsException}) while throttled
   */
  User check(String username, String password, String ip) {
    String account = Fields.usernameKey(username);
    throttle.check(ip, account);
    Optional<User> user = password.length() > Fields.MAX_PASSWORD ? Optional.empty() : users.findByName(username);
    boolean matches;
    if (user.isPresent()) {
      matches = passwords.matches(password, user.get().passwordHash());
    } else {
      passwords.matchesNothing(password);
      matches = false;
    }
    if (!matches) {
      throttle.recordFailure(ip, account);
      throw new ApiException(401, "INVALID_CREDENTIALS", "unknown username or wrong password");
    }
    throttle.clearAccount(account);
    if (user.get().disabled()) {
      throw new ApiException(403, "ACCOUNT_DISABLED", "this account is disabled");
    }
    return user.get();
  }
}
