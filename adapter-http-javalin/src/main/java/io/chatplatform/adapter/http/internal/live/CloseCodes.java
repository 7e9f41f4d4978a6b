package io.chatplatform.adapter.http.internal.live;

import io.chatplatform.domain.realtime.CloseReason;

/**
 * The one mapping from a {@link CloseReason} to the WebSocket close code and reason text of
 * {@code /ws}, as {@code docs/realtime.md} lists them. Nothing else in the server writes a close
 * code (Jetty's own, such as 1009 for a message too large, aside).
 */
public final class CloseCodes {

    /** The server is shutting down: reconnect (to another instance) and resume. */
    public static final int GOING_AWAY = 1001;
    /** A policy violation: the client does not read fast enough, or keeps sending past its allowance. */
    public static final int POLICY_VIOLATION = 1008;
    /** The server failed: reconnect and resume. */
    public static final int SERVER_ERROR = 1011;
    /** Not authenticated, or no longer: get a fresh token, reconnect and resume. */
    public static final int UNAUTHORIZED = 4401;

    private CloseCodes() {
    }

    /** The WebSocket close code for the reason; a switch without default, so a new reason does not compile until mapped. */
    public static int code(CloseReason reason) {
        return switch (reason) {
            case GOING_AWAY -> GOING_AWAY;
            case TOO_SLOW, FLOODING -> POLICY_VIOLATION;
            case SERVER_ERROR -> SERVER_ERROR;
            case INVALID_TOKEN, AUTH_TIMEOUT, NOT_AUTHENTICATED, TOKEN_EXPIRED, SESSION_REVOKED -> UNAUTHORIZED;
        };
    }

    /** The reason text the client reads with the code. */
    public static String text(CloseReason reason) {
        return switch (reason) {
            case GOING_AWAY -> "server shutting down";
            case TOO_SLOW -> "too slow: the server's queue for this connection is full";
            case FLOODING -> "too many messages: the client kept sending past its allowance";
            case SERVER_ERROR -> "server error; reconnect and resume";
            case INVALID_TOKEN -> "invalid or expired token";
            case AUTH_TIMEOUT -> "authentication timed out";
            case NOT_AUTHENTICATED -> "not authenticated: the first message must be auth";
            case TOKEN_EXPIRED -> "token expired";
            case SESSION_REVOKED -> "session ended";
        };
    }
}
