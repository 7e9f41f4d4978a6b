package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) on {@code /ws}: keeps every JSON message the server sends,
 * in order, and how the connection closed. A {@link #slowReader() slow reader} takes the first
 * message and then reads nothing more until told to.
 */
final class LiveClient implements WebSocket.Listener, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** How the connection ended: the close code and reason the server sent, or 1006 when it broke. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private volatile WebSocket socket;

    private LiveClient(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code /ws} without credentials. */
    static LiveClient connect(TestServer api) {
        return builder(api).connect();
    }

    /** Connects with {@code Authorization: Bearer <token>} and waits for {@code ready}. */
    static LiveClient authenticated(TestServer api, TestServer.Session user) {
        LiveClient client = builder(api).bearer(user.token()).connect();
        client.expect("ready");
        return client;
    }

    /** Connects with the header, waits for {@code ready} and goes live at once (a ping ends the wait for a resume). */
    static LiveClient live(TestServer api, TestServer.Session user) {
        LiveClient client = authenticated(api, user);
        client.send(Map.of("type", "ping"));
        client.expect("pong");
        return client;
    }

    static Builder builder(TestServer api) {
        return new Builder(api);
    }

    static final class Builder {
        private final TestServer api;
        private final WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        private String path = "/ws";
        private boolean reading = true;

        private Builder(TestServer api) {
            this.api = api;
        }

        Builder bearer(String token) {
            builder.header("Authorization", "Bearer " + token);
            return this;
        }

        Builder subprotocols(String first, String... others) {
            builder.subprotocols(first, others);
            return this;
        }

        Builder path(String pathAndQuery) {
            this.path = pathAndQuery;
            return this;
        }

        /** Reads the first message only, until {@link LiveClient#readEverything()}. */
        Builder slowReader() {
            this.reading = false;
            return this;
        }

        LiveClient connect() {
            LiveClient client = new LiveClient(reading);
            try {
                client.socket = builder.buildAsync(api.wsUri(path), client).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not connect to " + path, e);
            }
            return client;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(TestServer.parse(partial.toString()));
            partial.setLength(0);
        }
        if (reading || !last) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        received.add(TestServer.parse("{\"type\": \"unexpected binary message\"}"));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(1006, String.valueOf(error)));
    }

    /** The subprotocol the server selected ("" for none). */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends {@code value} as JSON text. */
    void send(Object value) {
        sendText(TestServer.json(value));
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** A slow reader starts reading again, everything. */
    void readEverything() {
        socket.request(Long.MAX_VALUE);
    }

    /** The next message, which must come within {@link #WAIT}. */
    JsonNode next() {
        return next(WAIT);
    }

    JsonNode next(Duration wait) {
        try {
            JsonNode message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("no message within " + wait + (closed.isDone() ? "; the connection closed: " + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message, which must be of this type. */
    JsonNode expect(String type) {
        JsonNode message = next();
        assertThat(message.path("type").asText()).as("type of %s", message).isEqualTo(type);
        return message;
    }

    /** Skips messages until one matches, within {@link #WAIT}; returns it. */
    JsonNode await(Predicate<JsonNode> wanted, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode message;
            try {
                message = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (message == null) {
                break;
            }
            if (wanted.test(message)) {
                return message;
            }
            skipped.add(message);
        }
        return fail("no " + description + " within " + WAIT + "; received " + skipped);
    }

    /** Nothing more arrives within {@code wait}. */
    void expectSilence(Duration wait) {
        try {
            JsonNode message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("an unexpected message").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every message received and not yet taken. */
    List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** How the server closed the connection, within {@code wait}. */
    Closed awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("the connection did not close within " + wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    Closed awaitClose() {
        return awaitClose(WAIT);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Waits until the server holds no connection of {@code user} any more (it has forgotten the closed ones). */
    static void awaitNoConnectionOf(TestServer api, TestServer.Session user) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (api.server.liveConnections().stream().anyMatch(c -> c.user() != null && c.user().value() == user.id())) {
            if (System.nanoTime() > deadline) {
                fail("the server still holds a connection of " + user.username() + " after " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Closes from the client side (1000) and waits for the server's answer. */
    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                closed.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // broken already: abort below
            }
        }
        socket.abort();
    }
}
