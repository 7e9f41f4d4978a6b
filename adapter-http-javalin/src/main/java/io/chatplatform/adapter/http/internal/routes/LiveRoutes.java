package io.chatplatform.adapter.http.internal.routes;

import io.chatplatform.adapter.http.internal.live.LiveEndpoint;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;

/**
 * {@code GET /ws} as the OpenAPI document shows it. The WebSocket itself is {@link LiveEndpoint};
 * this route answers the requests that are not WebSocket handshakes (426), so that the path is
 * both documented and registered, and the document cannot drift from the server.
 */
public final class LiveRoutes {

    static final String UPGRADE_REQUIRED = "Upgrade Required: GET /ws is a WebSocket (protocol in docs/realtime.md)";

    private static final Tag TAG = new Tag("realtime",
            "Live events over a WebSocket; the protocol is described in docs/realtime.md");

    /** What this route sees: only requests that are not WebSocket handshakes (Jetty upgrades the others). */
    record NotAHandshake() {
    }

    private static final Outcomes<NotAHandshake> REFUSED = Outcomes.of(NotAHandshake.class)
            .refuse(NotAHandshake.class, Refusal.of(426, "Upgrade Required: the request is not a WebSocket handshake",
                    UPGRADE_REQUIRED))
            .exhaustively();

    public void register(RouteTable routes) {
        routes.add(Route.get(LiveEndpoint.PATH).tag(TAG)
                .summary("Live events over a WebSocket: new and changed messages, receipts, typing, presence")
                .description("Opens a WebSocket that delivers the caller's live events: new messages, edits,"
                        + " deletions, reactions, read and delivery markers, typing and presence. After a reconnect the"
                        + " client resumes from the last change_seq (or message seq) it saw and misses nothing. A"
                        + " request that is not a WebSocket handshake gets 426.")
                .authenticatedInProtocol()
                .local()
                .switchingProtocols("The WebSocket is open. Authenticate with the access_token from POST /login: as"
                        + " 'Authorization: Bearer <token>', as the subprotocols '" + LiveEndpoint.SUBPROTOCOL + ", "
                        + LiveEndpoint.TOKEN_SUBPROTOCOL_PREFIX + "<token>' (browsers; the server selects "
                        + LiveEndpoint.SUBPROTOCOL + "), or as a first message {\"type\": \"auth\", \"token\": \"...\"}"
                        + " within 5 seconds; the server answers {\"type\": \"ready\", \"user_id\": N}. Messages,"
                        + " resume after a reconnect and close codes: docs/realtime.md")
                .answers(REFUSED)
                .handle(call -> new NotAHandshake()));
    }
}
