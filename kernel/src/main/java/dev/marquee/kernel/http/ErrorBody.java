package dev.marquee.kernel.http;

/** The one shape of every error answer: {@code {"error":{"code":"SNAKE_CASE","message":"..."}}}. */
public record ErrorBody(Detail error) {
  public record Detail(String code, String message) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message));
  }
}
