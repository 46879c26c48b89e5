package dev.marquee.kernel.auth;

import static dev.marquee.api.http.Access.PUBLIC;

import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.auth.AuthJson.Credentials;
import dev.marquee.kernel.auth.AuthJson.RefreshRequest;
import dev.marquee.kernel.auth.AuthJson.Registration;
import dev.marquee.kernel.auth.AuthJson.TokenView;
import java.util.List;
import javax.inject.Inject;

/** {@code /api/v1/auth/*}: setup, register, login, refresh, logout. */
final class AuthRoutes implements RouteContributor {
  private final AuthService auth;

  @Inject
  AuthRoutes(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/auth/setup", PUBLIC, this::setup).summary("Create the first administrator; only while none exists"),
        Route.post("/api/v1/auth/register", PUBLIC, this::register).summary("Register, when registration is open or with an invite code"),
        Route.post("/api/v1/auth/login", PUBLIC, this::login).summary("Sign in with username and password"),
        Route.post("/api/v1/auth/refresh", PUBLIC, this::refresh).summary("Exchange a refresh token for new tokens"),
        Route.post("/api/v1/auth/logout", PUBLIC, this::logout).summary("Revoke the session of a refresh token"));
  }

  private void setup(RequestContext request) {
    Credentials body = request.body(Credentials.class);
    tokens(request.status(201), auth.setup(body.username(), body.password()));
  }

  private void register(RequestContext request) {
    Registration body = request.body(Registration.class);
    tokens(request.status(201), auth.register(body.username(), body.password(), body.inviteCode()));
  }

  private void login(RequestContext request) {
    Credentials body = request.body(Credentials.class);
    try {
      tokens(request, auth.login(body.username(), body.password(), request.remoteAddress()));
    } catch (TooManyAttemptsException e) {
      request.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      throw e;
    }
  }

  private void refresh(RequestContext request) {
    tokens(request, auth.refresh(request.body(RefreshRequest.class).refreshToken()));
  }

  private void logout(RequestContext request) {
    auth.logout(request.body(RefreshRequest.class).refreshToken());
    request.noContent();
  }

  /** Writes tokens, which no cache may keep. */
  static void tokens(RequestContext request, IssuedTokens tokens) {
    request.header("Cache-Control", "no-store").json(TokenView.of(tokens));
  }
}
