package dev.marquee.kernel.auth;

import dev.marquee.api.http.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@link Invite} from an {@code invites} row. Public only because Jdbi instantiates it reflectively. */
public final class InviteMapper implements RowMapper<Invite> {
  @Override
  public Invite map(ResultSet rs, StatementContext ctx) throws SQLException {
    long usedBy = rs.getLong("used_by");
    Long usedByOrNull = rs.wasNull() ? null : usedBy;
    return new Invite(rs.getLong("id"), rs.getString("code_hash"), Role.valueOf(rs.getString("role")),
        rs.getLong("created_by"), Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"),
        usedByOrNull, Columns.instant(rs, "used_at"));
  }
}
