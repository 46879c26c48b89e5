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

  record PageView<T>(List<T> items, long total, int offset, int limit) {}

  /** {@code offset} (default 0) and {@code limit} (default 50, at most 500) of a list request. */
  record Paging(int offset, int limit) {
    static final int MAX_LIMIT = 500;

    /** @throws ApiException 422 VALIDATION_FAILED naming the bad parameter */
    static Paging of(RequestContext request) {
      return new Paging(number(request, "offset", 0, 0, Integer.MAX_VALUE), number(request, "limit", 50, 1, MAX_LIMIT));
    }

    private static int number(RequestContext request, String name, int defaultValue, int min, int max) {
      String text = request.queryParam(name).orElse(null);
      if (text == null) {
        return defaultValue;
      }
      try {
        int value = Integer.parseInt(text.trim());
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // falls through
      }
      throw Fields.invalid(name + " must be a whole number from " + min + " to " + max);
    }
  }
}
