package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.testkit.LiveClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("rate limits and admission over HTTP")
class RateLimitsTest {

    private static RateLimits tight() {
        return RateLimits.none()
                .with(limit(LimitedAction.LOGIN_FAILURES_PER_USERNAME, 3))
                .with(limit(LimitedAction.LOGIN_FAILURES_PER_ADDRESS, 6))
                .with(limit(LimitedAction.REGISTRATIONS_PER_ADDRESS, 5))
                .with(limit(LimitedAction.SENDS_PER_USER, 2))
                .with(limit(LimitedAction.SEARCHES_PER_USER, 2));
    }

    private static RateLimit limit(LimitedAction action, long perMinute) {
        return new RateLimit(action, List.of(Bandwidth.of(perMinute, Duration.ofMinutes(1))));
    }

    private static TestServer start(RateLimits limits, HttpSettings settings) {
        InMemoryChat chat = new InMemoryChat(false, limits);
        return TestServer.start(chat, chat.app, TestServer.HEALTHY, settings);
    }

    private static Reply logIn(TestServer api, String username, String password, String forwardedFor) {
        TestServer.Call call = api.request("POST", "/login").form(Map.of("username", username, "password", password));
        if (forwardedFor != null) {
            call.header("X-Forwarded-For", forwardedFor);
        }
        return call.send();
    }

    private static void expectTooManyRequests(Reply reply) {
        Expect.detail(reply, 429, "Too many requests");
        assertThat(Long.parseLong(reply.header("retry-after"))).as("Retry-After of %s", reply).isBetween(1L, 60L);
    }

    @Test
    void a_password_guesser_gets_429_with_retry_after_and_the_right_password_waits_too() {
        try (TestServer api = start(tight(), TestServer.settings())) {
            Session alice = api.signUp("alice");
            for (int i = 0; i < 3; i++) {
                Expect.detail(logIn(api, alice.username(), "guess-" + i + "xyz", null), 400, "Incorrect username or password");
            }
            expectTooManyRequests(logIn(api, alice.username(), "guess-4-xyz", null));
            expectTooManyRequests(logIn(api, alice.username(), TestServer.PASSWORD, null));
        }
    }

    @Test
    void a_429_is_sent_only_after_the_configured_pause_so_hammering_is_not_answered_fast() {
        try (TestServer api = start(tight(), TestServer.settings().withThrottledPause(Duration.ofMillis(400)))) {
            Session alice = api.signUp("alice");
            for (int i = 0; i < 3; i++) {
                logIn(api, alice.username(), "guess-" + i + "xyz", null);
            }
            long started = System.nanoTime();
            expectTooManyRequests(logIn(api, alice.username(), "guess-4-xyz", null));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            started = System.nanoTime();
            Expect.detail(logIn(api, alice.username() + "x", "guess-5-xyz", null), 400, "Incorrect username or password");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("other answers are not paused")
                    .isLessThan(Duration.ofMillis(400));
        }
    }

    @Test
    void without_a_trusted_proxy_x_forwarded_for_is_ignored_so_it_cannot_dodge_the_address_limit() {
        try (TestServer api = start(tight(), TestServer.settings())) {
            for (int i = 0; i < 6; i++) {
                logIn(api, InMemoryChat.uniqueName("nobody"), "wrong-password", "203.0.113." + i);
            }
            expectTooManyRequests(logIn(api, InMemoryChat.uniqueName("nobody"), "wrong-password", "198.51.100.99"));
        }
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_a_limit_of_its_own() {
        try (TestServer api = start(tight(), TestServer.settings().withTrustedProxies(TrustedProxies.of("127.0.0.0/8", "::1")))) {
            for (int i = 0; i < 6; i++) {
                logIn(api, InMemoryChat.uniqueName("nobody"), "wrong-password", "203.0.113.7");
            }
            expectTooManyRequests(logIn(api, InMemoryChat.uniqueName("nobody"), "wrong-password", "203.0.113.7"));
            // a client's own X-Forwarded-For comes first; the proxy appends what it saw
            expectTooManyRequests(logIn(api, InMemoryChat.uniqueName("nobody"), "wrong-password", "192.0.2.1, 203.0.113.7"));
            Expect.detail(logIn(api, InMemoryChat.uniqueName("nobody"), "wrong-password", "198.51.100.8"), 400,
                    "Incorrect username or password");
        }
    }

    @Test
    void registrations_sends_and_searches_answer_429_past_their_limits() {
        try (TestServer api = start(tight(), TestServer.settings())) {
            Session alice = api.signUp("alice");
            Session bob = api.signUp("bob");
            for (int i = 0; i < 3; i++) {
                api.signUp("more");
            }
            expectTooManyRequests(api.request("POST", "/register").json(TestServer.json(Map.of("username",
                    InMemoryChat.uniqueName("late"), "email", "late@example.com", "password", TestServer.PASSWORD))).send());

            api.send(alice, bob, "one");
            api.send(alice, bob, "two");
            expectTooManyRequests(api.post("/send", TestServer.json(Map.of("recipient_id", bob.id(), "content", "three")),
                    alice.token()));
            assertThat(api.get("/messages?with_user_id=" + bob.id(), alice.token()).json()).hasSize(2);

            api.get("/users/search?query=bob", alice.token());
            api.get("/users/search?query=bob", alice.token());
            expectTooManyRequests(api.get("/users/search?query=bob", alice.token()));
        }
    }

    @Test
    void hashing_without_room_answers_503_with_retry_after_and_a_request_id() {
        InMemoryChat chat = new InMemoryChat();
        PasswordHasher full = new PasswordHasher() {
            @Override
            public PasswordHash hash(Password password) {
                throw new CapacityExceededException("password hashing", Duration.ofSeconds(1));
            }

            @Override
            public boolean matches(PasswordAttempt attempt, PasswordHash hash) {
                throw new CapacityExceededException("password hashing", Duration.ofSeconds(1));
            }
        };
        ChatApplication app = ChatApplication.builder().users(chat.users).messages(chat.messages)
                .sessions(chat.adapters.sessions()).blocks(chat.adapters.blocks())
                .eraseAccounts(chat.adapters.eraseAccounts())
                .passwordHasher(full).accessTokens(chat.tokens).clock(chat.clock).build();
        try (TestServer api = TestServer.start(chat, app, TestServer.HEALTHY, TestServer.settings())) {
            Reply reply = api.request("POST", "/login").form(Map.of("username", "alice", "password", "password123")).send();

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("retry-after")).isEqualTo("1");
            assertThat(reply.json().get("detail").asText()).isEqualTo("Too busy, try again shortly");
            assertThat(reply.json().get("request_id").asText()).isNotBlank();
        }
    }

    @Test
    void a_live_client_that_floods_is_told_once_then_closed() {
        WebSocketSettings oneBurst = new WebSocketSettings(Duration.ofMillis(500), Duration.ofMinutes(5), 16 * 1024, 256,
                Duration.ofMillis(50), java.util.Optional.of(new RateLimit(LimitedAction.LIVE_FRAMES_PER_CONNECTION,
                List.of(Bandwidth.of(5, Duration.ofMinutes(1))))));
        try (TestServer api = start(RateLimits.none(), TestServer.settings().withWebSocket(oneBurst))) {
            Session alice = api.signUp("alice");
            try (LiveClient client = LiveClients.authenticated(api, alice)) {
                for (int i = 0; i < 5; i++) {
                    client.send(Map.of("type", "ping"));
                    client.expect("pong");
                }
                client.send(Map.of("type", "ping"));
                var refusal = client.next();
                assertThat(refusal.path("type").asText()).as("%s", refusal).isEqualTo("error");
                assertThat(refusal.path("code").asText()).as("%s", refusal).isEqualTo("rate_limited");
                // five refusals in a row (the burst) are borne silently; the sixth closes the connection
                for (int i = 0; i < 4; i++) {
                    client.send(Map.of("type", "ping"));
                }
                client.expectSilence(Duration.ofMillis(200));
                client.send(Map.of("type", "ping"));

                LiveClient.Closed closed = client.awaitClose();
                assertThat(closed.code()).isEqualTo(1008);
                assertThat(closed.reason()).isEqualTo("too many messages: the client kept sending past its allowance");
            }
        }
    }
}
