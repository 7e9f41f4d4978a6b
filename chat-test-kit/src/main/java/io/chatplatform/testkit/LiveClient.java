package io.chatplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's {@link WebSocket}) of the service's {@code /ws}: keeps every
 * JSON frame the server sends, in order, and how the connection closed.
 *
 * <p>Frames can be read two ways. {@link #next()}, {@link #expect}, {@link #await(Predicate, String)}
 * and {@link #drain()} <em>take</em> frames from a queue, for tests of a conversation in order;
 * {@link #frames}, {@link #messageIds()} and {@link #awaitReceived} look at everything received so
 * far without taking it, for tests that only care what arrived.
 *
 * <p>A {@link Builder#slowReader() slow reader} takes the first frame and then reads nothing more
 * until {@link #readEverything()}, to make the server's send buffer fill up.
 */
public final class LiveClient implements AutoCloseable {

    /** How long a frame or a close may take to arrive before a test fails. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the connection ended: the close code and reason the server sent, or 1006 when it broke. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> unread = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final boolean reading;
    private volatile WebSocket socket;

    private LiveClient(boolean reading) {
        this.reading = reading;
    }

    /** A client of {@code /ws} on the server at {@code base} ({@code http://host:port} or {@code ws://host:port}). */
    public static Builder to(URI base) {
        return new Builder(base);
    }

    /** A client of {@code ws://127.0.0.1:<port>}. */
    public static Builder to(int port) {
        return to(URI.create("ws://127.0.0.1:" + port));
    }

    /** Connects with {@code Authorization: Bearer <token>} to the local port and waits for {@code ready}. */
    public static LiveClient authenticated(int port, String token) {
        LiveClient client = to(port).bearer(token).connect();
        client.expect("ready");
        return client;
    }

    /** Options of one connection; {@link #connect()} opens it. */
    public static final class Builder {
        private final URI base;
        private final WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        private String path = "/ws";
        private boolean reading = true;

        private Builder(URI base) {
            this.base = base;
        }

        /** Authenticates with {@code Authorization: Bearer <token>}. */
        public Builder bearer(String token) {
            builder.header("Authorization", "Bearer " + token);
            return this;
        }

        /** Offers these subprotocols (the way browsers authenticate: {@code Sec-WebSocket-Protocol}). */
        public Builder subprotocols(String first, String... others) {
            builder.subprotocols(first, others);
            return this;
        }

        /** Another path (and query) than {@code /ws}. */
        public Builder path(String pathAndQuery) {
            this.path = pathAndQuery;
            return this;
        }

        /** Reads the first frame only, until {@link LiveClient#readEverything()}. */
        public Builder slowReader() {
            this.reading = false;
            return this;
        }

        /** Opens the connection; fails if the handshake does not succeed within ten seconds. */
        public LiveClient connect() {
            LiveClient client = new LiveClient(reading);
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + path);
            try {
                client.socket = builder.buildAsync(uri, client.new Listener()).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not connect to " + uri, e);
            }
            return client;
        }
    }

    /** The subprotocol the server selected ("" for none). */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends {@code value} (a map, a record, a JSON tree) as JSON text. */
    public void send(Object value) {
        try {
            sendText(value instanceof String ? (String) value : JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    /** Sends a text frame as it is, JSON or not. */
    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** A slow reader starts reading again, everything. */
    public void readEverything() {
        socket.request(Long.MAX_VALUE);
    }

    /** Takes the next frame, which must come within {@link #WAIT}. */
    public JsonNode next() {
        return next(WAIT);
    }

    /** Takes the next frame, which must come within {@code wait}. */
    public JsonNode next(Duration wait) {
        JsonNode frame = poll(wait);
        if (frame == null) {
            fail("no frame within " + wait + (closed.isDone() ? "; the connection closed: " + closed.join() : ""));
        }
        return frame;
    }

    /** Takes the next frame, which must be of this {@code type}. */
    public JsonNode expect(String type) {
        JsonNode frame = next();
        assertThat(frame.path("type").asText()).as("type of %s", frame).isEqualTo(type);
        return frame;
    }

    /** Takes frames until one matches, within {@link #WAIT}; returns it. */
    public JsonNode await(Predicate<JsonNode> wanted, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        JsonNode frame;
        while ((frame = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            if (wanted.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
        return fail("no " + description + " within " + WAIT + "; received " + skipped
                + (closed.isDone() ? "; the connection closed: " + closed.join() : ""));
    }

    /** Nothing more arrives within {@code wait}. */
    public void expectSilence(Duration wait) {
        assertThat(poll(wait)).as("an unexpected frame").isNull();
    }

    /** Takes every frame received and not yet taken. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        unread.drainTo(all);
        return all;
    }

    /** Every frame received so far, taken or not, in order. */
    public List<JsonNode> all() {
        return List.copyOf(received);
    }

    /** Every frame of this {@code type} received so far, taken or not, in order. */
    public List<JsonNode> frames(String type) {
        return received.stream().filter(frame -> frame.path("type").asText().equals(type)).toList();
    }

    /** The ids of the {@code message.created} frames received so far, in the order they arrived. */
    public List<Long> messageIds() {
        return frames("message.created").stream().map(frame -> frame.get("message").get("id").asLong()).toList();
    }

    /** Waits until some frame received (before or within {@code within}) matches; returns the first that does. */
    public JsonNode awaitReceived(Predicate<JsonNode> matching, Duration within) {
        return Waits.eventually("a matching frame among " + received + (closed.isDone() ? ", closed " + closed.join() : ""))
                .atMost(within)
                .until(() -> received.stream().filter(matching).findFirst().orElse(null), frame -> frame != null);
    }

    /** Waits until at least {@code count} {@code message.created} frames have been received. */
    public List<Long> awaitMessages(int count, Duration within) {
        return Waits.eventually(count + " message.created frames").atMost(within)
                .until(this::messageIds, ids -> ids.size() >= count);
    }

    /** How the server closed the connection, within {@code wait}. */
    public Closed awaitClose(Duration wait) {
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

    public Closed awaitClose() {
        return awaitClose(WAIT);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes from the client side (1000) and waits for the server's answer; aborts a broken connection. */
    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                closed.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // broken already or no answer: the abort below ends it either way
                closed.complete(new Closed(1006, "no close answer: " + e));
            }
        }
        socket.abort();
    }

    private JsonNode poll(Duration wait) {
        try {
            return unread.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void add(JsonNode frame) {
        received.add(frame);
        unread.add(frame);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // the server sent something that is not JSON: keep it, so that the test shows it
            return JSON.createObjectNode().put("type", "unparsable text frame").put("text", text);
        }
    }

    /** The JDK's callbacks; one frame at a time unless reading everything. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                add(parse(partial.toString()));
                partial.setLength(0);
            }
            if (reading || !last) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            add(JSON.createObjectNode().put("type", "unexpected binary message"));
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
    }
}
