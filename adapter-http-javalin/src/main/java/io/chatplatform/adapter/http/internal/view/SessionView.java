package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.ManageSessions;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.UserAgent;
import java.time.Instant;

/**
 * One of the caller's login sessions (a device or browser): when it logged in, when it last got
 * tokens (a login or a refresh; requests in between are not recorded), how its client described
 * itself, and whether it is the session of the request.
 */
public record SessionView(long id, Instant createdAt, Instant lastUsedAt, @Nullable String userAgent,
                          boolean current) {

    public static SessionView of(ManageSessions.SessionView session) {
        return of(session.session(), session.current());
    }

    public static SessionView of(Session session, boolean current) {
        return new SessionView(session.id().value(), session.createdAt(), session.lastUsedAt(),
                session.userAgent().map(UserAgent::value).orElse(null), current);
    }
}
