package dev.marquee.kernel.auth;

/**
 * A fresh access token and refresh token for {@code user}.
 *
 * @param expiresInSeconds the access token's lifetime
 */
record IssuedTokens(String accessToken, long expiresInSeconds, String refreshToken, User user) {}
