package dev.marquee.kernel.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link RefreshToken} from a {@code refresh_tokens} row. Public only because Jdbi instantiates it reflectively. */
public final class RefreshTokenMapper implements RowMapper<RefreshToken> {
  @Override
  public RefreshToken map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RefreshToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("token_hash"),
        rs.getString("family_id"), Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"),
        Columns.instant(rs, "rotated_at"), Columns.instant(rs, "revoked_at"));
  }
}
