package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the auth and user API, apart from the stored records. Fields may arrive null. */
final class AuthJson {
  private AuthJson() {}

  record Credentials(String username, String password) {}

  record Registration(String username, String password, String inviteCode) {}

  record RefreshRequest(String refreshToken) {}

  record PasswordChange(String currentPassword, String newPassword) {}

  record NewUser(String username, String password, String role) {}

  record UserPatch(String role, Boolean disabled, String password) {}

  record NewApiKey(String name) {}

  record NewInvite(String role, Integer validForHours) {}

  record UserView(long id, String username, String role, boolean disabled, Instant createdAt, Instant updatedAt) {
    static UserView of(User u) {
      return new UserView(u.id(), u.username(), u.role().name(), u.disabled(), u.createdAt(), u.updatedAt());
    }
  }

  record TokenView(String accessToken, String tokenType, long expiresIn, String refreshToken, UserView user) {
    static TokenView of(IssuedTokens t) {
      return new TokenView(t.accessToken(), "Bearer", t.expiresInSeconds(), t.refreshToken(), UserView.of(t.user()));
    }
  }

  record ApiKeyView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
    static ApiKeyView of(ApiKey k) {
      return new ApiKeyView(k.id(), k.name(), k.displayPrefix(), k.createdAt(), k.lastUsedAt());
    }
  }

  /** The only answer that carries the key itself. */
  record CreatedApiKeyView(long id, String name, String prefix, String key, Instant createdAt) {
    static CreatedApiKeyView of(ApiKeyService.Created c) {
      return new CreatedApiKeyView(c.key().id(), c.key().name(), c.key().displayPrefix(), c.secret(), c.key().createdAt());
    }
  }

  record InviteView(long id, String role, Instant createdAt, Instant expiresAt, Long usedBy, Instant usedAt) {
    static InviteView of(Invite i) {
      return new InviteView(i.id(), i.role().name(), i.createdAt(), i.expiresAt(), i.usedBy(), i.usedAt());
    }
  }

  /** The only answer that carries the invite code itself. */
  record CreatedInviteView(long id, String code, String role, Instant createdAt, Instant expiresAt) {
    static CreatedInviteView of(InviteService.Created c) {
      Invite i = c.invite();
      return new CreatedInviteView(i.id(), c.code(), i.role().name(), i.createdAt(), i.expiresAt());
    }
  }
}
