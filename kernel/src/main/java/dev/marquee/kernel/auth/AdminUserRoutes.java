package dev.marquee.kernel.auth;

import static dev.marquee.api.http.Access.ADMIN;

import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Role;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.auth.AuthJson.CreatedInviteView;
import dev.marquee.kernel.auth.AuthJson.InviteView;
import dev.marquee.kernel.auth.AuthJson.NewInvite;
import dev.marquee.kernel.auth.AuthJson.NewUser;
import dev.marquee.kernel.auth.AuthJson.PageView;
import dev.marquee.kernel.auth.AuthJson.Paging;
import dev.marquee.kernel.auth.AuthJson.UserPatch;
import dev.marquee.kernel.auth.AuthJson.UserView;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;

/** {@code /api/v1/admin/users*} and {@code /api/v1/admin/invites*}: the administrator's user management. */
final class AdminUserRoutes implements RouteContributor {
  private static final int MAX_INVITE_HOURS = 24 * 365;

  private final UserService users;
  private final InviteService invites;

  @Inject
  AdminUserRoutes(UserService users, InviteService invites) {
    this.users = users;
    this.invites = invites;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/admin/users", ADMIN, this::list).summary("Users by id, with offset/limit and total"),
        Route.post("/api/v1/admin/users", ADMIN, this::create).summary("Create a user with a role"),
        Route.get("/api/v1/admin/users/{id}", ADMIN, this::get).summary("One user"),
        Route.patch("/api/v1/admin/users/{id}", ADMIN, this::update).summary("Change role, disabled or password"),
        Route.delete("/api/v1/admin/users/{id}", ADMIN, this::delete).summary("Delete a user with their sessions and API keys"),
        Route.post("/api/v1/admin/invites", ADMIN, this::createInvite).summary("Create an invite; the code is shown only in this answer"),
        Route.get("/api/v1/admin/invites", ADMIN, this::listInvites).summary("Invites by id, with offset/limit and total"),
        Route.delete("/api/v1/admin/invites/{id}", ADMIN, this::deleteInvite).summary("Delete an invite"));
  }

  private void list(RequestContext request) {
    Paging paging = Paging.of(request);
    UserService.Page page = users.list(paging.offset(), paging.limit());
    request.json(new PageView<>(page.users().stream().map(UserView::of).toList(), page.total(), paging.offset(), paging.limit()));
  }

  private void create(RequestContext request) {
    NewUser body = request.body(NewUser.class);
    Role role = body.role() == null ? Role.USER : Fields.role(body.role(), "role");
    request.status(201).json(UserView.of(users.create(body.username(), body.password(), role)));
  }

  private void get(RequestContext request) {
    request.json(UserView.of(users.get(Fields.id(request.pathParam("id"), "user"))));
  }

  private void update(RequestContext request) {
    long id = Fields.id(request.pathParam("id"), "user");
    UserPatch body = request.body(UserPatch.class);
    Role role = body.role() == null ? null : Fields.role(body.role(), "role");
    request.json(UserView.of(users.update(id, role, body.disabled(), body.password())));
  }

  private void delete(RequestContext request) {
    users.delete(Fields.id(request.pathParam("id"), "user"));
    request.noContent();
  }

  private void createInvite(RequestContext request) {
    NewInvite body = request.body(NewInvite.class);
    Role role = body.role() == null ? Role.USER : Fields.role(body.role(), "role");
    Duration validFor = null;
    if (body.validForHours() != null) {
      if (body.validForHours() < 1 || body.validForHours() > MAX_INVITE_HOURS) {
        throw Fields.invalid("validForHours must be from 1 to " + MAX_INVITE_HOURS);
      }
      validFor = Duration.ofHours(body.validForHours());
    }
    InviteService.Created created = invites.create(request.requirePrincipal().userId(), role, validFor);
    request.status(201).header("Cache-Control", "no-store").json(CreatedInviteView.of(created));
  }

  private void listInvites(RequestContext request) {
    Paging paging = Paging.of(request);
    InviteService.Page page = invites.list(paging.offset(), paging.limit());
    request.json(new PageView<>(page.invites().stream().map(InviteView::of).toList(), page.total(), paging.offset(), paging.limit()));
  }

  private void deleteInvite(RequestContext request) {
    invites.delete(Fields.id(request.pathParam("id"), "invite"));
    request.noContent();
  }
}
