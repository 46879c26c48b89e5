package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Role;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users: first-boot setup, registration, password changes and the admin's CRUD. Every change is
 * one transaction, validated before it starts; changes to the set of administrators take the admin
 * lock first, so that setup runs once and the last enabled admin stays. Thread-safe.
 */
@Singleton
final class UserService {
  private static final Logger log = LoggerFactory.getLogger(UserService.class);

  /** A page of users and how many there are in all. */
  record Page(List<User> users, long total) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final Passwords passwords;
  private final UserStates states;
  private final AuthSettings settings;
  private final LoginThrottle throttle;

  @Inject
  UserService(Jdbi jdbi, Clock clock, Passwords passwords, UserStates states, AuthSettings settings,
      LoginThrottle throttle) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.passwords = passwords;
    this.states = states;
    this.settings = settings;
    this.throttle = throttle;
  }

  boolean adminExists() {
    return jdbi.onDemand(UserDao.class).countAdmins() > 0;
  }

  /**
   * Creates the first administrator.
   *
   * @throws ApiException 409 ALREADY_SET_UP once an administrator exists
   */
  User setup(String username, String password) {
    Fields.username(username);
    Fields.password(password, "password");
    if (adminExists()) {
      throw alreadySetUp();
    }
    String hash = passwords.hash(password);
    long now = clock.millis();
    User admin = uniqueName(username, () -> jdbi.inTransaction(h -> {
      UserDao users = h.attach(UserDao.class);
      users.lockAdmins(now);
      if (users.countAdmins() > 0) {
        throw alreadySetUp();
      }
      return insert(h, username, hash, Role.ADMIN, now);
    }));
    log.info("first administrator {} created", admin.username());
    return admin;
  }

  /**
   * Registers a user: with a valid invite (its role), else only while registration is open (USER).
   *
   * @param inviteCode the invite's code, or null
   * @throws ApiException 403 REGISTRATION_CLOSED, 422 INVALID_INVITE, 409 USERNAME_TAKEN
   */
  User register(String username, String password, String inviteCode) {
    if (inviteCode == null && !settings.openRegistration) {
      throw new ApiException(403, "REGISTRATION_CLOSED", "registration needs an invite code");
    }
    Fields.username(username);
    Fields.password(password, "password");
    String hash = passwords.hash(password);
    long now = clock.millis();
    return uniqueName(username, () -> jdbi.inTransaction(h -> {
      if (inviteCode == null) {
        return insert(h, username, hash, Role.USER, now);
      }
      InviteDao invites = h.attach(InviteDao.class);
      Invite invite = invites.findByHash(Secrets.sha256(inviteCode))
          .filter(i -> i.usedAt() == null && i.expiresAt().toEpochMilli() > now)
          .orElseThrow(UserService::invalidInvite);
      User user = insert(h, username, hash, invite.role(), now);
      if (invites.markUsed(invite.id(), user.id(), now) != 1) {
        throw invalidInvite();
      }
      return user;
    }));
  }

  /** An administrator creates a user. */
  User create(String username, String password, Role role) {
    Fields.username(username);
    Fields.password(password, "password");
    String hash = passwords.hash(password);
    long now = clock.millis();
    return uniqueName(username, () -> jdbi.inTransaction(h -> insert(h, username, hash, role, now)));
  }

  /** @throws ApiException 404 for an unknown id */
  User get(long id) {
    return jdbi.onDemand(UserDao.class).find(id).orElseThrow(() -> notFound(id));
  }

  Optional<User> findByName(String username) {
    return jdbi.onDemand(UserDao.class).findByKey(Fields.usernameKey(username));
  }

  /** Users by id, {@code limit} from {@code offset}. */
  Page list(int offset, int limit) {
    return jdbi.withHandle(h -> {
      UserDao users = h.attach(UserDao.class);
      return new Page(users.list(offset, limit), users.count());
    });
  }

  /**
   * Changes any of role, disabled and password (null: unchanged). A new password or disabling
   * revokes the user's sessions and access tokens.
   *
   * @throws ApiException 404, 409 LAST_ADMIN when it would leave no enabled administrator
   */
  User update(long id, Role role, Boolean disabled, String password) {
    if (role == null && disabled == null && password == null) {
      throw Fields.invalid("nothing to change: give role, disabled or password");
    }
    String hash = password == null ? null : passwords.hash(Fields.password(password, "password"));
    long now = clock.millis();
    User updated = jdbi.inTransaction(h -> {
      UserDao users = h.attach(UserDao.class);
      users.lockAdmins(now);
      User user = users.find(id).orElseThrow(() -> notFound(id));
      boolean losesAdmin = (role != null && role != Role.ADMIN) || Boolean.TRUE.equals(disabled);
      if (isEnabledAdmin(user) && losesAdmin && users.countEnabledAdmins() <= 1) {
        throw lastAdmin();
      }
      if (role != null && role != user.role()) {
        users.updateRole(id, role.name(), now);
      }
      if (disabled != null && disabled != user.disabled()) {
        users.updateDisabled(id, disabled, now);
      }
      if (hash != null) {
        users.updatePassword(id, hash, now);
      }
      if (hash != null || Boolean.TRUE.equals(disabled)) {
        h.attach(RefreshTokenDao.class).revokeAllOfUser(id, now);
      }
      return users.find(id).orElseThrow();
    });
    states.invalidate(id);
    return updated;
  }

  /**
   * Deletes a user with their sessions and API keys.
   *
   * @throws ApiException 404, 409 LAST_ADMIN for the last enabled administrator
   */
  void delete(long id) {
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      UserDao users = h.attach(UserDao.class);
      users.lockAdmins(now);
      User user = users.find(id).orElseThrow(() -> notFound(id));
      if (isEnabledAdmin(user) && users.countEnabledAdmins() <= 1) {
        throw lastAdmin();
      }
      h.attach(RefreshTokenDao.class).deleteAllOfUser(id);
      h.attach(ApiKeyDao.class).deleteAllOfUser(id);
      users.delete(id);
    });
    states.invalidate(id);
    log.info("user {} deleted", id);
  }

  /**
   * Sets a new password after checking the current one; revokes every session and access token of
   * the user. Wrong current passwords count as failed sign-ins of the account.
   *
   * @throws ApiException 403 WRONG_PASSWORD, 429 TOO_MANY_ATTEMPTS, 422 WEAK_PASSWORD
   */
  User changePassword(long id, String currentPassword, String newPassword, String ip) {
    Fields.password(newPassword, "newPassword");
    if (currentPassword == null || currentPassword.isEmpty()) {
      throw Fields.invalid("currentPassword is required");
    }
    User user = get(id);
    throttle.check(ip, user.usernameKey());
    if (!passwords.matches(currentPassword, user.passwordHash())) {
      throttle.recordFailure(ip, user.usernameKey());
      throw new ApiException(403, "WRONG_PASSWORD", "currentPassword is not this user's password");
    }
    return update(id, null, null, newPassword);
  }

  private static boolean isEnabledAdmin(User user) {
    return user.role() == Role.ADMIN && !user.disabled();
  }

  /** Inserts in {@code h}'s transaction after checking the name is free. */
  private static User insert(Handle h, String username, String passwordHash, Role role, long now) {
    UserDao users = h.attach(UserDao.class);
    String key = Fields.usernameKey(username);
    if (users.findByKey(key).isPresent()) {
      throw usernameTaken(username);
    }
    return users.find(users.insert(username, key, passwordHash, role.name(), now)).orElseThrow();
  }

  /** Runs {@code work}; a database error because another request took the name at once becomes a 409. */
  private <T> T uniqueName(String username, Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException e) {
      if (findByName(username).isPresent()) {
        throw usernameTaken(username);
      }
      throw e;
    }
  }

  private static ApiException usernameTaken(String username) {
    return ApiException.conflict("USERNAME_TAKEN", "the username " + username + " is taken");
  }

  private static ApiException alreadySetUp() {
    return ApiException.conflict("ALREADY_SET_UP", "an administrator exists already; sign in instead");
  }

  private static ApiException invalidInvite() {
    return ApiException.unprocessable("INVALID_INVITE", "inviteCode is unknown, used or expired");
  }

  private static ApiException lastAdmin() {
    return ApiException.conflict("LAST_ADMIN", "this is the last enabled administrator");
  }

  static ApiException notFound(long id) {
    return ApiException.notFound("no user " + id);
  }
}
