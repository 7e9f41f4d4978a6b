package io.chatplatform.adapter.http.internal.view;

/** An OAuth2 token response: the bearer token and how many seconds it stays valid. */
public record AccessTokenView(String accessToken, String tokenType, long expiresIn) {

    public static AccessTokenView bearer(String token, long expiresIn) {
        return new AccessTokenView(token, "bearer", expiresIn);
    }

    @Override
    public String toString() {
        return "AccessTokenView[***, expiresIn=" + expiresIn + "]";
    }
}
