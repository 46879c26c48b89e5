package dev.marquee.api.http;

/** A user's role. */
public enum Role {
  ADMIN,
  USER
}
