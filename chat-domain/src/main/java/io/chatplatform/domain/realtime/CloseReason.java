package io.chatplatform.domain.realtime;

/**
 * Why the server closes a live connection, and so what its client should do next. A transport
 * adapter maps each reason to its own code and text (the WebSocket adapter: {@code CloseCodes});
 * the application only ever says why.
 */
public enum CloseReason {

    /** The server is stopping: reconnect (another instance takes over) and resume. */
    GOING_AWAY,
    /** The client did not read fast enough and its queue filled up: reconnect and resume. */
    TOO_SLOW,
    /** The client kept sending past its allowance: a client bug. */
    FLOODING,
    /** The server failed on this connection and can no longer promise gap-free delivery: reconnect and resume. */
    SERVER_ERROR,
    /** The credentials were missing, forged or expired: log in again. */
    INVALID_TOKEN,
    /** No credentials arrived in time. */
    AUTH_TIMEOUT,
    /** Something other than credentials came first on a connection that had none. */
    NOT_AUTHENTICATED,
    /** The token of an open connection expired: renew it, reconnect and resume. */
    TOKEN_EXPIRED,
    /** The session the connection was opened with ended (logout, revocation, password change, account deletion): log in again. */
    SESSION_REVOKED
}
