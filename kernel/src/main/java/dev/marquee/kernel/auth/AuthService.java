package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Signing in and out: setup, registration and login hand out tokens; refresh rotates them. Thread-safe. */
@Singleton
final class AuthService {
  private final UserService users;
  private final TokenService tokens;
  private final PasswordCheck passwords;

  @Inject
  AuthService(UserService users, TokenService tokens, PasswordCheck passwords) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
  }

  /** Creates the first administrator and signs them in; see {@link UserService#setup}. */
  IssuedTokens setup(String username, String password) {
    return tokens.issue(users.setup(username, password));
  }

  /** Registers and signs in; see {@link UserService#register}. */
  IssuedTokens register(String username, String password, String inviteCode) {
    return tokens.issue(users.register(username, password, inviteCode));
  }

  /**
   * Checks a password. Unknown users and wrong passwords answer alike and take as long.
   *
   * @param ip the client's address, for throttling
   * @throws ApiException 401 INVALID_CREDENTIALS, 403 ACCOUNT_DISABLED (only after a right
   *     password), 429 TOO_MANY_ATTEMPTS ({@link TooManyAttemptsException}) while throttled
   */
  IssuedTokens login(String username, String password, String ip) {
    Fields.required(username, "username");
    if (password == null || password.isEmpty()) {
      throw Fields.invalid("password is required");
    }
    return tokens.issue(passwords.check(username, password, ip));
  }

  /** @see TokenService#refresh */
  IssuedTokens refresh(String refreshToken) {
    return tokens.refresh(Fields.required(refreshToken, "refreshToken"));
  }

  /** Revokes the session of {@code refreshToken}; idempotent. */
  void logout(String refreshToken) {
    tokens.revoke(Fields.required(refreshToken, "refreshToken"));
  }

  /** Changes the caller's own password and signs them in again: all their other sessions end. */
  IssuedTokens changePassword(long userId, String currentPassword, String newPassword, String ip) {
    return tokens.issue(users.changePassword(userId, currentPassword, newPassword, ip));
  }
}
