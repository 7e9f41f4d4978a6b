package io.chatplatform.adapter.http;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.testkit.LiveClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: resume after a reconnect")
class LiveResumeTest {

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    /** Everything the server sends until the pong that answers a ping sent now (the ping is a barrier: it is answered after everything queued before it). */
    private static List<JsonNode> untilPong(LiveClient client) {
        client.send(Map.of("type", "ping"));
        List<JsonNode> received = new ArrayList<>();
        for (JsonNode message = client.next(); !message.path("type").asText().equals("pong"); message = client.next()) {
            received.add(message);
        }
        return received;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a client that reconnects while messages keep coming gets each one it missed exactly once, in seq order")
    void resumeWhileSending() throws Exception {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long lastSeen;
        try (LiveClient bobs = LiveClients.live(api, bob)) {
            for (int i = 0; i < 3; i++) {
                api.send(alice, bob, "before " + i);
            }
            bobs.expect("message.created");
            bobs.expect("message.created");
            lastSeen = bobs.expect("message.created").at("/message/seq").asLong();
        }

        AtomicInteger sent = new AtomicInteger();
        CountDownLatch resumed = new CountDownLatch(1);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100; i++) {
                if (i == 99) {
                    await(resumed); // so that at least the last one arrives live, after the replay
                }
                api.send(alice, bob, "missed " + i);
                sent.incrementAndGet();
            }
        });
        eventually("20 messages sent before bob reconnects").until(() -> sent.get() >= 20 || sending.isDone());
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            bobs.send(Map.of("type", "resume", "positions", Map.of(Long.toString(alice.id()), lastSeen)));
            resumed.countDown();
            sending.get(30, TimeUnit.SECONDS);

            List<JsonNode> received = untilPong(bobs);

            List<Long> seqs = received.stream().filter(m -> m.path("type").asText().equals("message.created"))
                    .map(m -> m.at("/message/seq").asLong()).toList();
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, lastSeen + 100).boxed().toList());
            List<String> types = received.stream().map(m -> m.path("type").asText()).toList();
            assertThat(types).containsOnly("message.created", "resume.done");
            int done = types.indexOf("resume.done");
            assertThat(received.get(done).get("replayed").asInt()).as("messages replayed before resume.done").isEqualTo(done);
            assertThat(received.get(done)).isEqualTo(TestServer.parse("{\"type\": \"resume.done\", \"replayed\": " + done + "}"));
        }
    }

    @Test
    @DisplayName("a message sent between ready and the resume is held back, replayed in order and not sent again live")
    void liveEventsWaitForResume() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        api.send(alice, bob, "missed");
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            api.send(alice, bob, "sent after ready");
            bobs.send(Map.of("type", "resume", "positions", Map.of()));

            assertThat(bobs.expect("message.created").at("/message/content").asText()).isEqualTo("missed");
            assertThat(bobs.expect("message.created").at("/message/content").asText()).isEqualTo("sent after ready");
            assertThat(bobs.expect("resume.done").get("replayed").asInt()).isEqualTo(2);
            assertThat(untilPong(bobs)).isEmpty();
        }
    }

    @Test
    @DisplayName("a resume that misses more than 500 messages of a conversation says where to continue with GET /messages")
    void truncated() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        for (int i = 0; i < 502; i++) {
            // straight to the application: the point is the resume, not 502 HTTP requests
            api.chat.app.sendMessage().send(new SendMessage.Command(UserId.of(alice.id()), UserId.of(bob.id()),
                    MessageContent.of("m" + i), Optional.empty()));
        }
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            bobs.send(Map.of("type", "resume"));

            for (int seq = 1; seq <= 500; seq++) {
                assertThat(bobs.expect("message.created").at("/message/seq").asLong()).isEqualTo(seq);
            }
            assertThat(bobs.next()).isEqualTo(TestServer.parse("""
                    {"type": "resume.truncated", "user_id": %d, "after_seq": 500, "after_position": 500}""".formatted(alice.id())));
            assertThat(bobs.next()).isEqualTo(TestServer.parse("{\"type\": \"resume.done\", \"replayed\": 500}"));
        }
    }

    @Test
    @DisplayName("positions that are not peer ids and seqs are refused with invalid; the connection can still resume")
    void invalidPositions() {
        Session bob = api.signUp("bob");
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            bobs.sendText("{\"type\": \"resume\", \"positions\": {\"alice\": 3}}");
            bobs.sendText("{\"type\": \"resume\", \"positions\": {\"12\": -1}}");
            bobs.sendText("{\"type\": \"resume\", \"positions\": [1, 2]}");

            for (int i = 0; i < 3; i++) {
                JsonNode error = bobs.expect("error");
                assertThat(error.get("code").asText()).isEqualTo("invalid");
                assertThat(error.get("message").asText()).startsWith("positions: ");
            }
            bobs.send(Map.of("type", "resume", "positions", Map.of()));
            assertThat(bobs.next()).isEqualTo(TestServer.parse("{\"type\": \"resume.done\", \"replayed\": 0}"));
        }
    }
}
