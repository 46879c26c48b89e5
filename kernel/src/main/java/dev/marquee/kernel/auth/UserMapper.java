package dev.marquee.kernel.auth;

import dev.marquee.api.http.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link User} from a {@code users} row. Public only because Jdbi instantiates it reflectively. */
public final class UserMapper implements RowMapper<User> {
  @Override
  public User map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(rs.getLong("id"), rs.getString("username"), rs.getString("username_key"),
        rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"),
        rs.getInt("token_version"), Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
