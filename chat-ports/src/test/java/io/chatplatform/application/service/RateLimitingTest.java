package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.ClientAddress;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.Username;
import io.chatplatform.application.ChatApplication;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("rate limits in the use cases")
class RateLimitingTest {

    private static final ClientAddress HOME = ClientAddress.of("192.0.2.10");
    private static final ClientAddress CAFE = ClientAddress.of("198.51.100.7");

    private static RateLimits limits(LimitedAction action, long capacity, Duration period) {
        return RateLimits.none().with(new RateLimit(action, List.of(Bandwidth.of(capacity, period))));
    }

    private static LogIn.Result logIn(InMemoryChat chat, String username, String password, ClientAddress from) {
        return chat.app.logIn().logIn(new LogIn.Command(username, PasswordAttempt.of(password), from));
    }

    @Nested
    @DisplayName("failed logins")
    class FailedLogins {

        private final InMemoryChat chat = new InMemoryChat(false,
                limits(LimitedAction.LOGIN_FAILURES_PER_USERNAME, 3, Duration.ofMinutes(5))
                        .with(new RateLimit(LimitedAction.LOGIN_FAILURES_PER_ADDRESS, List.of(Bandwidth.of(5, Duration.ofMinutes(5))))));
        private final User alice = chat.register("alice");

        @Test
        void a_username_that_failed_too_often_is_refused_without_checking_the_password() {
            for (int i = 0; i < 3; i++) {
                assertThat(logIn(chat, alice.username().value(), "wrong-password", i % 2 == 0 ? HOME : CAFE))
                        .isInstanceOf(LogIn.InvalidCredentials.class);
            }
            int checks = chat.hasher.checks();

            var refused = logIn(chat, alice.username().value(), "password123", CAFE);

            assertThat(refused).isInstanceOf(Throttled.class);
            assertThat(((Throttled) refused).action()).isEqualTo(LimitedAction.LOGIN_FAILURES_PER_USERNAME);
            assertThat(((Throttled) refused).retryAfter()).isPositive();
            assertThat(chat.hasher.checks()).as("no hash was computed for the refused attempt").isEqualTo(checks);
        }

        @Test
        void the_username_limit_ignores_case_as_usernames_do() {
            String name = alice.username().value();
            for (int i = 0; i < 3; i++) {
                logIn(chat, i % 2 == 0 ? name.toUpperCase() : name, "wrong-password", HOME);
            }
            assertThat(logIn(chat, name, "password123", HOME)).isInstanceOf(Throttled.class);
        }

        @Test
        void successful_logins_do_not_count() {
            for (int i = 0; i < 10; i++) {
                assertThat(logIn(chat, alice.username().value(), "password123", HOME)).isInstanceOf(LogIn.LoggedIn.class);
            }
            logIn(chat, alice.username().value(), "wrong-password", HOME);
            logIn(chat, alice.username().value(), "wrong-password", HOME);
            assertThat(logIn(chat, alice.username().value(), "password123", HOME)).isInstanceOf(LogIn.LoggedIn.class);
        }

        @Test
        void an_address_that_failed_too_often_is_refused_for_every_username() {
            for (int i = 0; i < 5; i++) {
                logIn(chat, InMemoryChat.uniqueName("nobody"), "wrong-password", HOME);
            }
            var refused = logIn(chat, alice.username().value(), "password123", HOME);
            assertThat(refused).isInstanceOf(Throttled.class);
            assertThat(((Throttled) refused).action()).isEqualTo(LimitedAction.LOGIN_FAILURES_PER_ADDRESS);
            assertThat(logIn(chat, alice.username().value(), "password123", CAFE))
                    .as("another address is not affected").isInstanceOf(LogIn.LoggedIn.class);
        }

        @Test
        void a_refusal_by_the_username_limit_does_not_count_against_the_address() {
            for (int i = 0; i < 3; i++) {
                logIn(chat, alice.username().value(), "wrong-password", HOME);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(logIn(chat, alice.username().value(), "wrong-password", HOME)).isInstanceOf(Throttled.class);
            }
            // 3 failures counted for HOME, so 2 more are allowed before the address limit
            assertThat(logIn(chat, InMemoryChat.uniqueName("nobody"), "x-password", HOME)).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(logIn(chat, InMemoryChat.uniqueName("nobody"), "x-password", HOME)).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(logIn(chat, InMemoryChat.uniqueName("nobody"), "x-password", HOME)).isInstanceOf(Throttled.class);
        }

        @Test
        void the_limit_lifts_as_time_passes() {
            for (int i = 0; i < 3; i++) {
                logIn(chat, alice.username().value(), "wrong-password", HOME);
            }
            assertThat(logIn(chat, alice.username().value(), "password123", HOME)).isInstanceOf(Throttled.class);

            chat.clock.advance(Duration.ofMinutes(2));

            assertThat(logIn(chat, alice.username().value(), "password123", HOME)).isInstanceOf(LogIn.LoggedIn.class);
        }

        @Test
        void a_login_the_server_had_no_room_for_is_not_a_failure() {
            PasswordHasher busy = new PasswordHasher() {
                @Override
                public PasswordHash hash(Password password) {
                    return chat.hasher.hash(password);
                }

                @Override
                public boolean matches(PasswordAttempt attempt, PasswordHash hash) {
                    throw new CapacityExceededException("password hashing", Duration.ofSeconds(1));
                }
            };
            ChatApplication app = chat.adapters.applyTo(ChatApplication.builder())
                    .passwordHasher(busy).accessTokens(chat.tokens).clock(chat.clock)
                    .rateLimiter(chat.limiter)
                    .rateLimits(limits(LimitedAction.LOGIN_FAILURES_PER_USERNAME, 1, Duration.ofHours(1)))
                    .build();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> app.logIn().logIn(new LogIn.Command(alice.username().value(),
                        PasswordAttempt.of("password123"), HOME))).isInstanceOf(CapacityExceededException.class);
            }
            assertThat(logIn(chat, alice.username().value(), "password123", HOME)).isInstanceOf(LogIn.LoggedIn.class);
        }
    }

    @Test
    void registrations_are_limited_per_address_before_any_hash_is_made() {
        var chat = new InMemoryChat(false, limits(LimitedAction.REGISTRATIONS_PER_ADDRESS, 2, Duration.ofMinutes(5)));
        for (int i = 0; i < 2; i++) {
            String name = InMemoryChat.uniqueName("reg");
            assertThat(chat.app.registerUser().register(new RegisterUser.Command(Username.of(name),
                    Email.of(name + "@example.com"), Password.of("password123"), HOME))).isInstanceOf(RegisterUser.Registered.class);
        }
        String name = InMemoryChat.uniqueName("reg");
        var refused = chat.app.registerUser().register(new RegisterUser.Command(Username.of(name),
                Email.of(name + "@example.com"), Password.of("password123"), HOME));

        assertThat(refused).isInstanceOf(Throttled.class);
        assertThat(chat.users.byUsername(Username.of(name))).isEmpty();
        assertThat(chat.app.registerUser().register(new RegisterUser.Command(Username.of(name),
                Email.of(name + "@example.com"), Password.of("password123"), CAFE))).isInstanceOf(RegisterUser.Registered.class);
    }

    @Test
    void sends_are_limited_per_sender_and_a_refused_send_stores_nothing() {
        var chat = new InMemoryChat(false, limits(LimitedAction.SENDS_PER_USER, 2, Duration.ofSeconds(10)));
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        for (int i = 0; i < 2; i++) {
            assertThat(chat.app.sendMessage().send(new SendMessage.Command(alice.id(), bob.id(), MessageContent.of("hi " + i),
                    Optional.empty()))).isInstanceOf(SendMessage.Sent.class);
        }
        var refused = chat.app.sendMessage().send(new SendMessage.Command(alice.id(), bob.id(), MessageContent.of("again"),
                Optional.of(ClientMessageId.of("k-1"))));

        assertThat(refused).isInstanceOf(Throttled.class);
        assertThat(chat.messages.messagesOf(io.chatplatform.domain.message.ConversationId.between(alice.id(), bob.id()))).hasSize(2);
        assertThat(chat.app.sendMessage().send(new SendMessage.Command(bob.id(), alice.id(), MessageContent.of("bob may"),
                Optional.empty()))).isInstanceOf(SendMessage.Sent.class);

        chat.clock.advance(Duration.ofSeconds(5));
        assertThat(chat.app.sendMessage().send(new SendMessage.Command(alice.id(), bob.id(), MessageContent.of("later"),
                Optional.empty()))).isInstanceOf(SendMessage.Sent.class);
    }

    @Test
    void searches_are_limited_per_searcher() {
        var chat = new InMemoryChat(false, limits(LimitedAction.SEARCHES_PER_USER, 1, Duration.ofMinutes(1)));
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        var query = new SearchUsers.Query(alice.id(), SearchTerm.parse("bob"), 10);

        assertThat(chat.app.searchUsers().search(query)).isInstanceOf(SearchUsers.Found.class);
        assertThat(chat.app.searchUsers().search(query)).isInstanceOf(Throttled.class);
        assertThat(chat.app.searchUsers().search(new SearchUsers.Query(bob.id(), SearchTerm.parse("ali"), 10)))
                .isInstanceOf(SearchUsers.Found.class);
    }

    @Test
    void without_limits_nothing_is_counted() {
        var chat = new InMemoryChat(false, RateLimits.none());
        User alice = chat.register("alice");
        for (int i = 0; i < 100; i++) {
            logIn(chat, alice.username().value(), "wrong-password", HOME);
        }
        assertThat(logIn(chat, alice.username().value(), "password123", HOME)).isInstanceOf(LogIn.LoggedIn.class);
    }

    @Test
    void limits_without_a_limiter_are_refused_at_build_time() {
        var chat = new InMemoryChat();
        assertThatThrownBy(() -> ChatApplication.builder().users(chat.users).messages(chat.messages)
                .sessions(chat.adapters.sessions()).blocks(chat.adapters.blocks())
                .eraseAccounts(chat.adapters.eraseAccounts())
                .passwordHasher(chat.hasher).accessTokens(chat.tokens).rateLimits(RateLimits.defaults()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rateLimiter");
    }
}
