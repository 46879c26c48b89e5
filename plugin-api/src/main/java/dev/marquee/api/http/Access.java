package dev.marquee.api.http;

/** Who may call a route. */
public enum Access {
  /** Anyone, without credentials. */
  PUBLIC,
  /** Any signed-in user (bearer token or API key); 401 otherwise. */
  USER,
  /** Signed-in administrators only; 401 without credentials, 403 for other users. */
  ADMIN
}
