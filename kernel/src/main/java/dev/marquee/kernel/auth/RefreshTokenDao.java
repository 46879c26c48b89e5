package dev.marquee.kernel.auth;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code refresh_tokens} table. */
@RegisterRowMapper(RefreshTokenMapper.class)
interface RefreshTokenDao {

  @SqlUpdate("INSERT INTO refresh_tokens (user_id, token_hash, family_id, created_at, expires_at)"
      + " VALUES (:userId, :hash, :familyId, :now, :expiresAt)")
  void insert(@Bind("userId") long userId, @Bind("hash") String tokenHash, @Bind("familyId") String familyId,
      @Bind("now") long now, @Bind("expiresAt") long expiresAt);

  @SqlQuery("SELECT id, user_id, token_hash, family_id, created_at, expires_at, rotated_at, revoked_at"
      + " FROM refresh_tokens WHERE token_hash = :hash")
  Optional<RefreshToken> findByHash(@Bind("hash") String tokenHash);

  /** Marks the token as exchanged; 0 when someone else exchanged or revoked it first. */
  @SqlUpdate("UPDATE refresh_tokens SET rotated_at = :now WHERE id = :id AND rotated_at IS NULL AND revoked_at IS NULL")
  int markRotated(@Bind("id") long id, @Bind("now") long now);

  @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
  int revokeFamily(@Bind("familyId") String familyId, @Bind("now") long now);

  @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
  int revokeAllOfUser(@Bind("userId") long userId, @Bind("now") long now);

  @SqlUpdate("DELETE FROM refresh_tokens WHERE user_id = :userId")
  int deleteAllOfUser(@Bind("userId") long userId);

  /** Deletes expired and revoked tokens: neither can be used nor tell a reuse from a theft any more. */
  @SqlUpdate("DELETE FROM refresh_tokens WHERE expires_at <= :now OR revoked_at IS NOT NULL")
  int deleteDead(@Bind("now") long now);
}
