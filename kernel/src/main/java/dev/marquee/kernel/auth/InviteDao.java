package dev.marquee.kernel.auth;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code invites} table. */
@RegisterRowMapper(InviteMapper.class)
interface InviteDao {
  String COLUMNS = "id, code_hash, role, created_by, created_at, expires_at, used_by, used_at";

  @SqlUpdate("INSERT INTO invites (code_hash, role, created_by, created_at, expires_at)"
      + " VALUES (:hash, :role, :createdBy, :now, :expiresAt)")
  @GetGeneratedKeys("id")
  long insert(@Bind("hash") String codeHash, @Bind("role") String role, @Bind("createdBy") long createdBy,
      @Bind("now") long now, @Bind("expiresAt") long expiresAt);

  @SqlQuery("SELECT " + COLUMNS + " FROM invites WHERE id = :id")
  Optional<Invite> find(@Bind("id") long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM invites WHERE code_hash = :hash")
  Optional<Invite> findByHash(@Bind("hash") String codeHash);

  @SqlQuery("SELECT " + COLUMNS + " FROM invites ORDER BY id LIMIT :limit OFFSET :offset")
  List<Invite> list(@Bind("offset") int offset, @Bind("limit") int limit);

  @SqlQuery("SELECT COUNT(*) FROM invites")
  long count();

  /** Claims the invite for {@code userId}; 0 when it is used, expired or gone. */
  @SqlUpdate("UPDATE invites SET used_by = :userId, used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now")
  int markUsed(@Bind("id") long id, @Bind("userId") long userId, @Bind("now") long now);

  @SqlUpdate("DELETE FROM invites WHERE id = :id")
  int delete(@Bind("id") long id);

  @SqlUpdate("DELETE FROM invites WHERE used_at IS NOT NULL OR expires_at <= :now")
  int deleteDead(@Bind("now") long now);
}
