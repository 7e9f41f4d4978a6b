package io.chatplatform.adapter.http.internal.live;

/** The WebSocket close codes of {@code /ws} and their reasons, as {@code docs/realtime.md} lists them. */
public final class CloseCodes {

    /** The server is shutting down: reconnect (to another instance) and resume. */
    public static final int GOING_AWAY = 1001;
    /** The client does not read fast enough (the application closes with the same code and reason). */
    public static final int TOO_SLOW = 1008;
    /** The server failed: reconnect and resume. */
    public static final int SERVER_ERROR = 1011;
    /** Not authenticated, or no longer: get a fresh token, reconnect and resume. */
    public static final int UNAUTHORIZED = 4401;

    public static final String INVALID_TOKEN = "invalid or expired token";
    public static final String AUTH_TIMEOUT = "authentication timed out";
    public static final String AUTH_FIRST = "not authenticated: the first message must be auth";
    public static final String TOKEN_EXPIRED = "token expired";
    public static final String SHUTTING_DOWN = "server shutting down";
    public static final String SERVER_FAULT = "server error; reconnect and resume";
    public static final String QUEUE_FULL = "too slow: the server's queue for this connection is full";
    /** Sent with {@link #TOO_SLOW}'s code (policy violation) to a client that keeps sending past its allowance. */
    public static final String FLOODING = "too many messages: the client kept sending past its allowance";

    private CloseCodes() {
    }
}
