package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** Invites an administrator hands out: a code, shown once, that lets one person register with a role. */
@Singleton
final class InviteService {
  /** An invite just created, with the code the admin sees this once. */
  record Created(Invite invite, String code) {}

  /** A page of invites and how many there are in all. */
  record Page(List<Invite> invites, long total) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final AuthSettings settings;

  @Inject
  InviteService(Jdbi jdbi, Clock clock, AuthSettings settings) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.settings = settings;
  }

  /** @param validFor how long it can be used; null for {@code auth.invite-ttl} */
  Created create(long adminId, Role role, Duration validFor) {
    String code = Secrets.randomToken(32);
    long now = clock.millis();
    long expiresAt = now + (validFor == null ? settings.inviteTtl : validFor).toMillis();
    Invite invite = jdbi.inTransaction(h -> {
      InviteDao invites = h.attach(InviteDao.class);
      return invites.find(invites.insert(Secrets.sha256(code), role.name(), adminId, now, expiresAt)).orElseThrow();
    });
    return new Created(invite, code);
  }

  Page list(int offset, int limit) {
    return jdbi.withHandle(h -> {
      InviteDao invites = h.attach(InviteDao.class);
      return new Page(invites.list(offset, limit), invites.count());
    });
  }

  /** @throws ApiException 404 for an unknown id */
  void delete(long id) {
    if (jdbi.onDemand(InviteDao.class).delete(id) == 0) {
      throw ApiException.notFound("no invite " + id);
    }
  }
}
