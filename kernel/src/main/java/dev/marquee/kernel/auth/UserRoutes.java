package dev.marquee.kernel.auth;

import static dev.marquee.api.http.Access.USER;

import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.auth.AuthJson.ApiKeyView;
import dev.marquee.kernel.auth.AuthJson.CreatedApiKeyView;
import dev.marquee.kernel.auth.AuthJson.NewApiKey;
import dev.marquee.kernel.auth.AuthJson.PasswordChange;
import dev.marquee.kernel.auth.AuthJson.UserView;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /api/v1/users/me*}: the signed-in user, their password and API keys. A wrong current
 * password answers 403 WRONG_PASSWORD (the caller is signed in; 401 would read as "session gone")
 * and counts towards the account's sign-in throttle.
 */
final class UserRoutes implements RouteContributor {
  private final UserService users;
  private final AuthService auth;
  private final ApiKeyService apiKeys;

  @Inject
  UserRoutes(UserService users, AuthService auth, ApiKeyService apiKeys) {
    this.users = users;
    this.auth = auth;
    this.apiKeys = apiKeys;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/users/me", USER, this::me).summary("The signed-in user"),
        Route.post("/api/v1/users/me/password", USER, this::changePassword).summary("Change the password; ends every other session"),
        Route.get("/api/v1/users/me/api-keys", USER, this::listKeys).summary("The user's API keys, without the keys themselves"),
        Route.post("/api/v1/users/me/api-keys", USER, this::createKey).summary("Create an API key; the key is shown only in this answer"),
        Route.delete("/api/v1/users/me/api-keys/{id}", USER, this::revokeKey).summary("Revoke an API key"));
  }

  private void me(RequestContext request) {
    request.json(UserView.of(users.get(request.requirePrincipal().userId())));
  }

  private void changePassword(RequestContext request) {
    PasswordChange body = request.body(PasswordChange.class);
    AuthRoutes.tokens(request, auth.changePassword(request.requirePrincipal().userId(), body.currentPassword(),
        body.newPassword(), request.remoteAddress()));
  }

  private void listKeys(RequestContext request) {
    List<ApiKeyView> keys = apiKeys.list(request.requirePrincipal().userId()).stream().map(ApiKeyView::of).toList();
    request.json(Map.of("items", keys));
  }

  private void createKey(RequestContext request) {
    NewApiKey body = request.body(NewApiKey.class);
    ApiKeyService.Created created = apiKeys.create(request.requirePrincipal().userId(), body.name());
    request.status(201).header("Cache-Control", "no-store").json(CreatedApiKeyView.of(created));
  }

  private void revokeKey(RequestContext request) {
    apiKeys.revoke(request.requirePrincipal().userId(), Fields.id(request.pathParam("id"), "API key"));
    request.noContent();
  }
}
