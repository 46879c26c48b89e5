package dev.marquee.kernel.auth;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code api_keys} table. */
@RegisterRowMapper(ApiKeyMapper.class)
interface ApiKeyDao {
  String COLUMNS = "id, user_id, name, key_hash, display_prefix, created_at, last_used_at";

  @SqlUpdate("INSERT INTO api_keys (user_id, name, key_hash, display_prefix, created_at)"
      + " VALUES (:userId, :name, :hash, :prefix, :now)")
  @GetGeneratedKeys("id")
  long insert(@Bind("userId") long userId, @Bind("name") String name, @Bind("hash") String keyHash,
      @Bind("prefix") String displayPrefix, @Bind("now") long now);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
  Optional<ApiKey> find(@Bind("id") long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :hash")
  Optional<ApiKey> findByHash(@Bind("hash") String keyHash);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :userId ORDER BY id")
  List<ApiKey> listOfUser(@Bind("userId") long userId);

  /** Records a use, unless one was recorded since {@code notAfter} (by this node or another). */
  @SqlUpdate("UPDATE api_keys SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :notAfter)")
  int touch(@Bind("id") long id, @Bind("now") long now, @Bind("notAfter") long notAfter);

  @SqlUpdate("DELETE FROM api_keys WHERE id = :id AND user_id = :userId")
  int delete(@Bind("id") long id, @Bind("userId") long userId);

  @SqlUpdate("DELETE FROM api_keys WHERE user_id = :userId")
  int deleteAllOfUser(@Bind("userId") long userId);
}
