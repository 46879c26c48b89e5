package dev.marquee.kernel.auth;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code kernel_secrets} table: named secrets shared by every node over one database. */
interface KernelSecretDao {

  @SqlQuery("SELECT secret_value FROM kernel_secrets WHERE name = :name")
  Optional<String> find(@Bind("name") String name);

  /** @throws org.jdbi.v3.core.statement.UnableToExecuteStatementException when the name exists */
  @SqlUpdate("INSERT INTO kernel_secrets (name, secret_value, created_at) VALUES (:name, :value, :now)")
  void insert(@Bind("name") String name, @Bind("value") String value, @Bind("now") long now);
}
