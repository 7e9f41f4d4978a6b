package io.chatplatform.adapter.http.internal.route;

/** Who may call a route, and how the OpenAPI document says so in its {@code security}. */
public enum Access {

    /** Anyone: register, login, health, metrics, documentation ({@code security: []}). */
    PUBLIC,

    /** A bearer token, checked by the dispatcher before the action runs. */
    BEARER,

    /**
     * The route authenticates by itself, after the HTTP exchange: the WebSocket takes a bearer
     * token in its handshake, as a subprotocol or as its first message. The document shows the
     * bearer scheme as optional.
     */
    IN_PROTOCOL
}
