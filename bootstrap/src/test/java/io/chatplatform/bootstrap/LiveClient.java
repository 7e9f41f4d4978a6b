package io.chatplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client of GET /ws (the JDK's), keeping every frame it receives as JSON. */
final class LiveClient implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile Integer closeCode;

    private LiveClient(int port, String token) {
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not connect to /ws on port " + port, e);
        }
    }

    static LiveClient connect(int port, String token) {
        LiveClient client = new LiveClient(port, token);
        client.await(frame -> frame.path("type").asText().equals("ready"), Duration.ofSeconds(10));
        return client;
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    List<JsonNode> frames(String type) {
        List<JsonNode> frames = new ArrayList<>();
        for (JsonNode frame : received) {
            if (frame.path("type").asText().equals(type)) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The ids of the messages received, in the order they arrived. */
    List<Long> messageIds() {
        return frames("message.created").stream().map(frame -> frame.get("message").get("id").asLong()).toList();
    }

    JsonNode await(Predicate<JsonNode> matching, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : received) {
                if (matching.test(frame)) {
                    return frame;
                }
            }
            RedisProcess.sleep(10);
        }
        throw new AssertionError("no matching frame within " + within + "; received " + received + ", closed " + closeCode);
    }

    void awaitMessages(int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (frames("message.created").size() < count && System.nanoTime() < deadline) {
            RedisProcess.sleep(10);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(Http.JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }
    }
}
