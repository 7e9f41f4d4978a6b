package io.chatplatform.adapter.http.internal.auth;

import io.chatplatform.adapter.http.internal.pipeline.AccessLog;
import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.RecordActivity;
import io.chatplatform.application.port.out.AccessTokens.Grant;
import io.chatplatform.domain.user.UserId;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds out who calls, from {@code Authorization: Bearer <token>} (or, where a route allows it,
 * a deprecated {@code token} query parameter), and records their activity for presence.
 * Tokens are never logged.
 */
public final class BearerAuth {

    public static final String QUERY_PARAMETER = "token";

    private final Authenticate authenticate;
    private final RecordActivity recordActivity;

    public BearerAuth(Authenticate authenticate, RecordActivity recordActivity) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.recordActivity = Objects.requireNonNull(recordActivity, "recordActivity");
    }

    /**
     * The caller, with the session their token belongs to.
     *
     * @throws ApiError 401 "Not authenticated" without a token, "Could not validate credentials"
     *                  with a token that is forged, expired or otherwise not accepted
     */
    public Grant authenticate(Context ctx, boolean allowQueryToken) {
        String token = bearerToken(ctx.header(Header.AUTHORIZATION));
        if (token == null && allowQueryToken) {
            String fromQuery = ctx.queryParam(QUERY_PARAMETER);
            token = fromQuery == null || fromQuery.isBlank() ? null : fromQuery;
        }
        if (token == null) {
            throw ApiError.notAuthenticated();
        }
        Grant grant = authenticate.authenticate(token).orElseThrow(ApiError::invalidCredentials);
        UserId caller = grant.user();
        AccessLog.user(ctx, caller);
        recordActivity.recordActivity(caller);
        return grant;
    }

    /** The token of a {@code Bearer} credential (scheme case-insensitive, as in FastAPI); null otherwise. */
    public static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = trimmed.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }
}
