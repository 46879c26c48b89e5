package dev.marquee.kernel.db;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.config.Config;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** The database, Jdbi over it, and its migration at start. */
@Module
public interface DatabaseModule {

  @Provides
  @Singleton
  static Database database(Config config) {
    return Database.open(config);
  }

  @Provides
  static Jdbi jdbi(Database database) {
    return database.jdbi();
  }

  @Provides
  @IntoSet
  static Lifecycle migrateOnStart(Database database) {
    return Lifecycle.of(Lifecycle.DATABASE,
        () -> database.migrateKernel(),
        () -> database.close());
  }
}
