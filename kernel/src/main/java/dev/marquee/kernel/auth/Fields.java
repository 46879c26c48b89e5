package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Role;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of request fields; each failure is a 422 naming the field. */
final class Fields {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 1024;

  private Fields() {}

  /** @throws ApiException 422 VALIDATION_FAILED when {@code value} is null or blank */
  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " is required");
    }
    return value;
  }

  static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }

  /** @throws ApiException 422 INVALID_USERNAME unless 3–64 of {@code [A-Za-z0-9._-]} */
  static String username(String value) {
    required(value, "username");
    if (!USERNAME.matcher(value).matches()) {
      throw ApiException.unprocessable("INVALID_USERNAME",
          "username must be 3 to 64 characters of letters, digits, '.', '_' and '-'");
    }
    return value;
  }

  /** The case-insensitive key a username is unique under. */
  static String usernameKey(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /** @throws ApiException 422 WEAK_PASSWORD unless 8–1024 characters */
  static String password(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw invalid(field + " is required");
    }
    int length = value.codePointCount(0, value.length());
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
      throw ApiException.unprocessable("WEAK_PASSWORD",
          field + " must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
    }
    return value;
  }

  /** @throws ApiException 422 VALIDATION_FAILED unless ADMIN or USER (any case) */
  static Role role(String value, String field) {
    required(value, field);
    try {
      return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(field + " must be ADMIN or USER");
    }
  }

  /** A path id; anything that is not a positive number names nothing: 404. */
  static long id(String value, String what) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to 404
    }
    throw ApiException.notFound("no " + what + " " + value);
  }
}
