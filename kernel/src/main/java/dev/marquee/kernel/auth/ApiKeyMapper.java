package dev.marquee.kernel.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@link ApiKey} from an {@code api_keys} row. Public only because Jdbi instantiates it reflectively. */
public final class ApiKeyMapper implements RowMapper<ApiKey> {
  @Override
  public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("key_hash"),
        rs.getString("display_prefix"), Columns.instant(rs, "created_at"), Columns.instant(rs, "last_used_at"));
  }
}
