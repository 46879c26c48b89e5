package dev.marquee.kernel.auth;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code users} table, and the {@code auth_lock} row that serialises changes to the set of admins. */
@RegisterRowMapper(UserMapper.class)
interface UserDao {
  String COLUMNS = "id, username, username_key, password_hash, role, disabled, token_version, created_at, updated_at";

  @SqlUpdate("INSERT INTO users (username, username_key, password_hash, role, disabled, token_version, created_at, updated_at)"
      + " VALUES (:username, :usernameKey, :passwordHash, :role, FALSE, 0, :now, :now)")
  @GetGeneratedKeys("id")
  long insert(@Bind("username") String username, @Bind("usernameKey") String usernameKey,
      @Bind("passwordHash") String passwordHash, @Bind("role") String role, @Bind("now") long now);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
  Optional<User> find(@Bind("id") long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE username_key = :key")
  Optional<User> findByKey(@Bind("key") String usernameKey);

  @SqlQuery("SELECT " + COLUMNS + " FROM users ORDER BY id LIMIT :limit OFFSET :offset")
  List<User> list(@Bind("offset") int offset, @Bind("limit") int limit);

  @SqlQuery("SELECT COUNT(*) FROM users")
  long count();

  @SqlQuery("SELECT COUNT(*) FROM users WHERE role = 'ADMIN'")
  long countAdmins();

  @SqlQuery("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND disabled = FALSE")
  long countEnabledAdmins();

  @SqlUpdate("UPDATE users SET role = :role, updated_at = :now WHERE id = :id")
  int updateRole(@Bind("id") long id, @Bind("role") String role, @Bind("now") long now);

  /** Disabling also moves the token version, so that re-enabling does not revive old tokens. */
  @SqlUpdate("UPDATE users SET disabled = :disabled, token_version = token_version + 1, updated_at = :now WHERE id = :id")
  int updateDisabled(@Bind("id") long id, @Bind("disabled") boolean disabled, @Bind("now") long now);

  @SqlUpdate("UPDATE users SET password_hash = :hash, token_version = token_version + 1, updated_at = :now WHERE id = :id")
  int updatePassword(@Bind("id") long id, @Bind("hash") String passwordHash, @Bind("now") long now);

  @SqlUpdate("DELETE FROM users WHERE id = :id")
  int delete(@Bind("id") long id);

  /**
   * Takes the lock that every transaction changing the set of administrators takes first; held
   * until the transaction ends.
   */
  @SqlUpdate("UPDATE auth_lock SET locked_at = :now WHERE id = 1")
  void lockAdmins(@Bind("now") long now);
}
