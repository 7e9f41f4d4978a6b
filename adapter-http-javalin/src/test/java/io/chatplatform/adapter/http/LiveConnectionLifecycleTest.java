package io.chatplatform.adapter.http;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.testkit.LiveClient.Closed;
import io.chatplatform.testkit.LiveClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /ws: connections over their life")
class LiveConnectionLifecycleTest {

    @Test
    @DisplayName("closing the server closes its live connections with 1001, so that clients reconnect elsewhere and resume")
    void shutdown() {
        TestServer api = TestServer.startLive();
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.live(api, alice)) {

            api.close();

            assertThat(client.awaitClose()).isEqualTo(new Closed(1001, "server shutting down"));
        }
    }

    @Test
    @DisplayName("a fault in the application closes only that connection, with 1011")
    void serverError() {
        InMemoryChat chat = new InMemoryChat();
        ChatApplication ok = chat.app;
        ChatApplication faulty = new ChatApplication(ok.registerUser(), ok.logIn(), ok.authenticate(),
                ok.recordActivity(), ok.viewOwnProfile(), ok.updateProfile(), ok.viewProfile(), ok.searchUsers(),
                ok.listOnlineUsers(), ok.sendMessage(), ok.readHistory(), ok.markRead(), ok.listConversations(),
                ok.countUnread(), ok.viewCacheStats(), (user, session, channel) -> {
                    throw new IllegalStateException("bug");
                }, ok.changeMessage(), ok.markDelivered(), ok.refreshSession(), ok.manageSessions(), ok.blockUsers(),
                ok.deleteAccount(), ok.exportAccount());
        try (TestServer api = TestServer.start(chat, faulty, TestServer.HEALTHY, TestServer.settings());
             LiveClient client = LiveClients.builder(api).bearer(api.signUp("alice").token()).connect()) {

            client.expect("ready");
            assertThat(client.awaitClose()).isEqualTo(new Closed(1011, "server error; reconnect and resume"));
            assertThat(api.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a connection without a frame either way for the idle timeout is closed; pings keep it open")
    void idleTimeout() {
        HttpSettings settings = TestServer.settings().withWebSocket(new WebSocketSettings(Duration.ofSeconds(5),
                Duration.ofMillis(1500), 16 * 1024, 256, Duration.ofSeconds(1)));
        try (TestServer api = TestServer.start(settings)) {
            Session alice = api.signUp("alice");
            Session bob = api.signUp("bob");
            try (LiveClient idle = LiveClients.live(api, bob); LiveClient pinging = LiveClients.live(api, alice)) {
                // a ping every 200 ms keeps one open past the 1.5 s timeout that closes the other
                eventually("the idle connection closed").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            pinging.send(Map.of("type", "ping"));
                            pinging.expect("pong");
                            return idle.isClosed();
                        });

                assertThat(idle.awaitClose()).isEqualTo(new Closed(1001, "Connection Idle Timeout"));
                assertThat(pinging.isClosed()).isFalse();
                LiveClients.awaitNoConnectionOf(api, bob);
            }
        }
    }

    @Test
    @DisplayName("open connections hold no thread of their own")
    void noThreadPerConnection() {
        try (TestServer api = TestServer.startLive()) {
            List<Session> users = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                var user = api.chat.register("many");
                users.add(new Session(user.id().value(), user.username().value(), api.chat.tokenFor(user)));
            }
            LiveClients.live(api, users.get(0)).close(); // warm up the pools
            int before = ManagementFactory.getThreadMXBean().getThreadCount();
            List<LiveClient> clients = new ArrayList<>();
            try {
                for (Session user : users) {
                    clients.add(LiveClients.live(api, user));
                }
                assertThat(api.server.liveConnections()).hasSize(50);

                int after = ManagementFactory.getThreadMXBean().getThreadCount();
                assertThat(after - before).as("threads started for 50 connections").isLessThan(10);
                for (LiveClient client : clients) {
                    client.send(Map.of("type", "ping"));
                    client.expect("pong");
                }
            } finally {
                clients.forEach(LiveClient::close);
            }
        }
    }
}
