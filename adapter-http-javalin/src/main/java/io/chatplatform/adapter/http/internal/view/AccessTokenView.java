package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.SessionTokens;

/**
 * An OAuth2 token response: the bearer token and how many seconds it stays valid, and the refresh
 * token that gets the session's next pair once (the OAuth2 {@code refresh_token} grant, here at
 * {@code POST /token/refresh}), with the session both belong to. {@code refresh_token} is null when
 * the client asked for it as a cookie ({@code cookie=true}, decision 0028).
 */
public record AccessTokenView(String accessToken, String tokenType, long expiresIn, @Nullable String refreshToken,
                              long sessionId) {

    public static AccessTokenView of(SessionTokens tokens) {
        return new AccessTokenView(tokens.access().value(), "bearer", tokens.access().lifetime().toSeconds(),
                tokens.refresh().value(), tokens.session().value());
    }

    /** The same without the refresh token, which went out as an HttpOnly cookie instead. */
    public AccessTokenView withoutRefreshToken() {
        return new AccessTokenView(accessToken, tokenType, expiresIn, null, sessionId);
    }

    @Override
    public String toString() {
        return "AccessTokenView[***, expiresIn=" + expiresIn + ", sessionId=" + sessionId + "]";
    }
}
