package dev.marquee.kernel.auth;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Daily: deletes expired and revoked refresh tokens, and used or expired invites. */
final class PruneTokensTask implements ScheduledTask {
  private static final Logger log = LoggerFactory.getLogger(PruneTokensTask.class);
  static final String ID = "auth.prune-tokens";

  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  PruneTokensTask(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "Prune sign-in tokens";
  }

  @Override
  public String description() {
    return "Deletes expired and revoked refresh tokens and used or expired invites.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.cron("17 4 * * *"));
  }

  @Override
  public void run(TaskContext context) {
    long now = clock.millis();
    int tokens = jdbi.withExtension(RefreshTokenDao.class, dao -> dao.deleteDead(now));
    context.progress(50, "deleted " + tokens + " refresh tokens");
    context.checkCancelled();
    int invites = jdbi.withExtension(InviteDao.class, dao -> dao.deleteDead(now));
    context.progress(100, "deleted " + tokens + " refresh tokens and " + invites + " invites");
    log.info("pruned {} refresh tokens and {} invites", tokens, invites);
  }
}
