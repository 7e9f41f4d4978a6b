package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.AccessTokens.AccessToken;
import io.chatplatform.domain.session.RefreshToken;
import io.chatplatform.domain.session.SessionId;
import java.util.Objects;

/**
 * What a login or a refresh hands out: a short-lived access token for requests, and the refresh
 * token that gets the next pair (once). Never printed.
 */
public record SessionTokens(SessionId session, AccessToken access, RefreshToken refresh) {

    public SessionTokens {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(refresh, "refresh");
        if (!refresh.session().equals(session)) {
            throw new IllegalArgumentException("the refresh token belongs to another session");
        }
    }

    @Override
    public String toString() {
        return "SessionTokens[session=" + session + ", ***]";
    }
}
