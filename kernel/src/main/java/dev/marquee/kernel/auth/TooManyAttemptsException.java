package dev.marquee.kernel.auth;

import dev.marquee.api.http.ApiException;

/** 429 TOO_MANY_ATTEMPTS, with the seconds to wait for the {@code Retry-After} header. */
final class TooManyAttemptsException extends ApiException {
  private final long retryAfterSeconds;

  TooManyAttemptsException(long retryAfterSeconds) {
    super(429, "TOO_MANY_ATTEMPTS", "too many failed attempts; try again in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
