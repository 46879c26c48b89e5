package dev.marquee.kernel.config;

import dev.marquee.kernel.db.DeadlockRetry;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Settings an administrator changed at run time, kept in the database ({@code stored_settings}) so
 * they outlive a restart and every node over one database sees them. Each feature names its own
 * ({@code playback.transcoder-order}) and keeps the value's format; the configuration file gives the
 * default until one is stored. Needs the migrated schema. Thread-safe.
 */
@Singleton
public final class StoredSettings {
  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  public StoredSettings(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** The stored value, if an administrator set one. */
  public Optional<String> get(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM stored_settings WHERE name = :name")
        .bind("name", name).mapTo(String.class).findOne());
  }

  /** Stores the value in place of any earlier one. */
  public void put(String name, String value) {
    DeadlockRetry.run(() -> jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM stored_settings WHERE name = :name").bind("name", name).execute();
      h.createUpdate("INSERT INTO stored_settings (name, setting_value, updated_at) VALUES (:name, :value, :now)")
          .bind("name", name).bind("value", value).bind("now", clock.millis()).execute();
    }));
  }
}
