package io.chatplatform.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatplatform.bench.DeliveryLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket receiver on {@code GET /ws} (the JDK's {@link WebSocket}). It authenticates with
 * the {@code Authorization: Bearer} header of the handshake (or, with {@code headerAuth} false,
 * with an {@code {"type":"auth","token":...}} message), is ready when the server says
 * {@code {"type":"ready"}}, and hands every {@code message.created} frame to the ledger, with the
 * send time the bench embedded in the content ({@link #CONTENT_MARK}), and, when it is given a
 * ledger of changes, every {@code message.updated} and {@code reaction.updated} frame to that one,
 * under the change's {@link DeliveryLedger#changeId} (a scenario that tracks changes makes at most
 * one edit and one reaction per message, so the message id and the kind name the change).
 */
public final class LiveClient implements WebSocket.Listener {

    /** Contents the bench sends start with this, then {@link System#nanoTime()} at the send, then a space. */
    public static final String CONTENT_MARK = "t=";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private final String token;
    private final boolean headerAuth;
    private final DeliveryLedger ledger;
    private final DeliveryLedger changes;
    private final CompletableFuture<LiveClient> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile String closed;

    private LiveClient(int index, String token, boolean headerAuth, DeliveryLedger ledger, DeliveryLedger changes) {
        this.index = index;
        this.token = token;
        this.headerAuth = headerAuth;
        this.ledger = ledger;
        this.changes = changes;
    }

    /** A client that is not connected, whose frames come from {@link #handle} (for tests). */
    static LiveClient detached(int index, DeliveryLedger ledger, DeliveryLedger changes) {
        return new LiveClient(index, null, true, ledger, changes);
    }

    /**
     * Opens the connection; the future completes when the server said {@code ready}, exceptionally
     * when the handshake failed, the server closed first, or nothing came within {@code readyTimeout}.
     *
     * @param token   the bearer token, or null for an endpoint without authentication
     * @param ledger  where message frames go, or null to ignore them
     * @param changes where change frames (edits, reactions) go, or null to ignore them
     */
    public static CompletableFuture<LiveClient> connect(HttpClient client, URI uri, int index, String token,
                                                        boolean headerAuth, DeliveryLedger ledger, DeliveryLedger changes,
                                                        Duration readyTimeout) {
        LiveClient live = new LiveClient(index, token, headerAuth, ledger, changes);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(readyTimeout);
        if (token != null && headerAuth) {
            builder.header("Authorization", "Bearer " + token);
        }
        builder.buildAsync(uri, live).whenComplete((ws, error) -> {
            if (error != null) {
                live.closed = "handshake: " + describe(error);
                live.ready.completeExceptionally(error);
            }
        });
        return live.ready.orTimeout(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        live.abort();
                    }
                });
    }

    public int index() {
        return index;
    }

    /** Why the connection is closed, or null while it is open. */
    public String closed() {
        return closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (token != null && !headerAuth) {
            webSocket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true);
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long arrival = System.nanoTime();
        if (!last || partial.length() > 0) {
            partial.append(data);
            if (!last) {
                webSocket.request(1);
                return null;
            }
            data = partial.toString();
            partial.setLength(0);
        }
        try {
            handle(data.toString(), arrival);
        } finally {
            webSocket.request(1);
        }
        return null;
    }

    /** One whole text frame, arrived at {@code arrival}. */
    void handle(String text, long arrival) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        String type = frame.path("type").asText("");
        switch (type) {
            case "ready" -> ready.complete(this);
            case "message.created" -> {
                JsonNode m = frame.path("message");
                if (ledger != null) {
                    ledger.received(index, m.path("id").asLong(), m.path("sender_id").asLong(),
                            sentNanos(m.path("content").asText("")), arrival);
                }
            }
            case "message.updated" -> {
                JsonNode m = frame.path("message");
                if (changes != null) {
                    // only its sender edits a message
                    changes.received(index, DeliveryLedger.changeId(m.path("id").asLong(), DeliveryLedger.EDIT),
                            m.path("sender_id").asLong(), -1, arrival);
                }
            }
            case "reaction.updated" -> {
                if (changes != null) {
                    changes.received(index, DeliveryLedger.changeId(frame.path("message").path("id").asLong(),
                            DeliveryLedger.REACTION), frame.path("user_id").asLong(), -1, arrival);
                }
            }
            case "error" -> ready.completeExceptionally(new IllegalStateException("error before ready: " + text));
            default -> {
                // pong, presence, typing, read and delivery markers, deletions: not measured
            }
        }
    }

    /** The send time embedded in a content ({@code t=<nanos> ...}), or -1. */
    public static long sentNanos(String content) {
        if (!content.startsWith(CONTENT_MARK)) {
            return -1;
        }
        int end = content.indexOf(' ', CONTENT_MARK.length());
        try {
            return Long.parseLong(end < 0 ? content.substring(CONTENT_MARK.length())
                    : content.substring(CONTENT_MARK.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = "closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
        ready.completeExceptionally(new IllegalStateException(closed));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = "error: " + describe(error);
        ready.completeExceptionally(error);
    }

    /** Sends {@code {"type":"ping"}}, waiting at most a few seconds; false when the connection is gone. */
    public boolean ping() {
        WebSocket ws = socket;
        if (ws == null || closed != null) {
            return false;
        }
        try {
            ws.sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Closes normally (1000) and stops reading. */
    public CompletableFuture<?> close() {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            abort();
            return CompletableFuture.completedFuture(null);
        }
        if (closed == null) {
            closed = "closed by the bench";
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS)
                .handle((x, e) -> {
                    abort();
                    return null;
                });
    }

    private void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** A short reason for a failure, for counting failures by kind. */
    public static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof java.net.http.WebSocketHandshakeException handshake) {
            return "handshake status " + handshake.getResponse().statusCode();
        }
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no ready in time";
        }
        String message = e.getMessage();
        if (message != null && message.startsWith("closed ")) {
            return message.length() > 40 ? message.substring(0, 40) : message;
        }
        return e.getClass().getSimpleName();
    }
}
