package dev.marquee.api.backend;

import java.io.IOException;
import java.util.Objects;

/** A failed call to a media server, with the reason the backend sync acts on. */
public class BackendException extends IOException {

  /** Why a call failed. */
  public enum Reason {
    /** No answer: DNS, connection refused, timeout. The sync retries later. */
    UNREACHABLE,
    /** The server refused the token. The sync stops and asks the admin for new credentials. */
    UNAUTHORIZED,
    /** The server does not know the library, item or user asked for. */
    NOT_FOUND,
    /** The server answered something this connector cannot read. */
    PROTOCOL
  }

  private final Reason reason;

  /**
   * @param reason why the call failed
   * @param message what failed, for the admin; must not contain the token
   * @param cause the underlying failure, or null
   */
  public BackendException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the call failed; never null. */
  public Reason reason() {
    return reason;
  }
}
