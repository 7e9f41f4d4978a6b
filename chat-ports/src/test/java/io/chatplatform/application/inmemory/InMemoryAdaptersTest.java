package io.chatplatform.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.FakePasswordHasher;
import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.security.Hs256AccessTokens;
import io.chatplatform.application.security.Pbkdf2PasswordHasher;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemoryAdapters")
class InMemoryAdaptersTest {

    private static UserId register(ChatApplication chat, String name) {
        var result = chat.registerUser().register(new RegisterUser.Command(Username.of(name), Email.of(name + "@example.com"),
                Password.of("password123")));
        return ((RegisterUser.Registered) result).account().id();
    }

    @Test
    @DisplayName("a builder from it alone gives a working chat, with the JDK hasher and token issuer")
    void a_whole_chat() {
        try (ChatApplication chat = InMemoryAdapters.builder().build()) {
            UserId alice = register(chat, "alice");
            UserId bob = register(chat, "bob");
            var sent = chat.sendMessage().send(new SendMessage.Command(alice, bob, MessageContent.of("hi Bob"), Optional.empty()));
            var login = chat.logIn().logIn(new LogIn.Command("bob", PasswordAttempt.of("password123")));

            assertThat(sent).isInstanceOf(SendMessage.Sent.class);
            assertThat(chat.readHistory().history(new ReadHistory.Query(bob, alice, HistoryPage.newest())))
                    .extracting(m -> m.content().orElseThrow().value()).containsExactly("hi Bob");
            assertThat(chat.listConversations().conversations(new ListConversations.Query(bob, 10)))
                    .singleElement().satisfies(entry -> assertThat(entry.unreadCount()).isEqualTo(1));
            String token = ((LogIn.LoggedIn) login).token().value();
            assertThat(chat.authenticate().authenticate(token)).hasValueSatisfying(grant -> assertThat(grant.user()).isEqualTo(bob));
        }
    }

    @Test
    @DisplayName("holds its adapters for the application to look at, and one port can be replaced after it")
    void one_port_replaced() {
        MutableClock clock = MutableClock.at("2026-12-06T12:00:00Z");
        InMemoryAdapters adapters = new InMemoryAdapters(clock, new FakePasswordHasher());
        InMemoryMessageStore mine = new InMemoryMessageStore();

        try (ChatApplication chat = adapters.applyTo(ChatApplication.builder()).messages(mine).build()) {
            UserId alice = register(chat, "alice");
            chat.sendMessage().send(new SendMessage.Command(alice, alice, MessageContent.of("note"), Optional.empty()));

            assertThat(adapters.users().all()).singleElement().satisfies(user -> assertThat(user.createdAt()).isEqualTo(clock.instant()));
            assertThat(mine.messagesOf(io.chatplatform.domain.message.ConversationId.between(alice, alice))).hasSize(1);
            assertThat(adapters.messages().list(alice, 10)).as("the replaced store is not used").isEmpty();
        }
        assertThat(adapters.clock()).isSameAs(clock);
        assertThat(adapters.passwordHasher()).isInstanceOf(FakePasswordHasher.class);
        assertThat(adapters.accessTokens()).isInstanceOf(Hs256AccessTokens.class);
        assertThat(new InMemoryAdapters().passwordHasher()).isInstanceOf(Pbkdf2PasswordHasher.class);
        assertThat(new InMemoryAdapters(Clock.systemUTC()).clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    @DisplayName("its rate limiter counts the limits the application is given")
    void rate_limits() {
        InMemoryAdapters adapters = new InMemoryAdapters(MutableClock.at("2026-12-06T12:00:00Z"), new FakePasswordHasher());
        RateLimits limits = RateLimits.none().with(new RateLimit(LimitedAction.SENDS_PER_USER,
                List.of(Bandwidth.of(1, Duration.ofMinutes(1)))));

        try (ChatApplication chat = adapters.applyTo(ChatApplication.builder()).rateLimits(limits).build()) {
            UserId alice = register(chat, "alice");
            var first = chat.sendMessage().send(new SendMessage.Command(alice, alice, MessageContent.of("1"), Optional.empty()));
            var second = chat.sendMessage().send(new SendMessage.Command(alice, alice, MessageContent.of("2"), Optional.empty()));

            assertThat(first).isInstanceOf(SendMessage.Sent.class);
            assertThat(second).isInstanceOf(io.chatplatform.application.port.in.Throttled.class);
            assertThat(adapters.rateLimiter().subjects()).isEqualTo(1);
        }
    }
}
