package dev.marquee.api.http;

import java.util.Objects;

/**
 * A client mistake or a refusal, answered as {@code {"error":{"code":..,"message":..}}} with
 * {@link #status()}. Codes are SNAKE_CASE and stable; messages are for people.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"));
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  /** 400 with the given code. */
  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  /** 401 UNAUTHORIZED. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, "UNAUTHORIZED", message);
  }

  /** 403 FORBIDDEN. */
  public static ApiException forbidden(String message) {
    return new ApiException(403, "FORBIDDEN", message);
  }

  /** 404 NOT_FOUND. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }

  /** 409 with the given code. */
  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  /** 422 with the given code: the request was well-formed but its content is not acceptable. */
  public static ApiException unprocessable(String code, String message) {
    return new ApiException(422, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
