package io.chatplatform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.FakeAccessTokens;
import io.chatplatform.application.fixtures.FakePasswordHasher;
import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.inmemory.InMemoryAccountErasure;
import io.chatplatform.application.inmemory.InMemoryBlockStore;
import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.inmemory.InMemorySessionStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.realtime.LiveConnections;
import io.chatplatform.application.realtime.RealtimeSettings;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.Presence;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Uses the library the way an application that embeds the chat would. */
class ChatApplicationTest {

    @Test
    void an_embedding_application_builds_the_chat_from_its_own_adapters() {
        var users = new InMemoryUserStore();
        var messages = new InMemoryMessageStore();
        var sessions = new InMemorySessionStore();
        var blocks = new InMemoryBlockStore();
        ChatApplication chat = ChatApplication.builder()
                .users(users)
                .messages(messages)
                .sessions(sessions)
                .blocks(blocks)
                .eraseAccounts(new InMemoryAccountErasure(users, messages, sessions, blocks))
                .passwordHasher(new FakePasswordHasher())
                .accessTokens(new FakeAccessTokens())
                .clock(Clock.systemUTC())
                .presence(Presence.DEFAULT)
                .build();
        var result = chat.registerUser().register(new RegisterUser.Command(Username.of("embedder"),
                Email.of("embedder@example.com"), Password.of("password123")));
        assertThat(result).isInstanceOf(RegisterUser.Registered.class);
        assertThat(users.all()).hasSize(1);
    }

    @Test
    @DisplayName("building starts nothing; live connections start on first use, and close stops them")
    void real_time_is_opt_in() {
        ChatApplication chat = minimal().build();
        LiveConnections live = (LiveConnections) chat.openLiveConnection();
        assertThat(live.started()).isFalse();
        chat.close();
        chat.close();
        assertThatThrownBy(() -> live.open(UserId.of(1), new RecordingChannel())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a listener that throws does not fail a send whose message is stored: it is reported and counted")
    void listener_failures_are_reported() {
        List<String> reported = new CopyOnWriteArrayList<>();
        List<String> counted = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ChatApplication chat = minimal()
                .events(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .errors((where, error) -> reported.add(where.label() + ": " + error.getMessage()))
                .metrics(new ChatMetrics() {
                    @Override
                    public void libraryError(String where) {
                        counted.add(where);
                    }
                })
                .scheduler(scheduler)
                .connectionExecutor(Runnable::run)
                .realtimeSettings(RealtimeSettings.DEFAULT)
                .build();
        UserId alice = register(chat, "alice");
        UserId bob = register(chat, "bob");

        var result = chat.sendMessage().send(new SendMessage.Command(alice, bob, MessageContent.of("hi"), Optional.empty()));

        assertThat(result).isInstanceOf(SendMessage.Sent.class);
        assertThat(reported).contains("event_listener: listener bug");
        assertThat(counted).contains("event_listener");
        assertThat(chat.readHistory().history(new ReadHistory.Query(bob, alice, HistoryPage.newest()))).hasSize(1);
        chat.close();
        assertThat(scheduler.isShutdown()).as("given, so left to its owner").isFalse();
        scheduler.shutdownNow();
    }

    @Test
    @DisplayName("a reporter that throws falls back to the system logger; the failure is still counted")
    void failing_reporter() {
        List<String> counted = new CopyOnWriteArrayList<>();
        ErrorReporter reporter = ErrorReporter.counted((where, error) -> {
            throw new IllegalStateException("reporter bug");
        }, new ChatMetrics() {
            @Override
            public void libraryError(String where) {
                counted.add(where);
            }
        });
        reporter.report(ErrorReporter.Where.PRESENCE_SWEEP, new IllegalStateException("original"));
        ErrorReporter.systemLogger().report(ErrorReporter.Where.LIVE_DISPATCH, new IllegalStateException("logged"));
        assertThat(counted).containsExactly("presence_sweep");
    }

    private static ChatApplication.Builder minimal() {
        return withStateStores(ChatApplication.builder())
                .passwordHasher(new FakePasswordHasher())
                .accessTokens(new FakeAccessTokens());
    }

    /** The user, message, session, block and erasure ports, all in memory and over the same stores. */
    private static ChatApplication.Builder withStateStores(ChatApplication.Builder builder) {
        var users = new InMemoryUserStore();
        var messages = new InMemoryMessageStore();
        var sessions = new InMemorySessionStore();
        var blocks = new InMemoryBlockStore();
        return builder.users(users).messages(messages).sessions(sessions).blocks(blocks)
                .eraseAccounts(new InMemoryAccountErasure(users, messages, sessions, blocks));
    }

    private static UserId register(ChatApplication chat, String name) {
        var result = chat.registerUser().register(new RegisterUser.Command(Username.of(name),
                Email.of(name + "@example.com"), Password.of("password123")));
        return ((RegisterUser.Registered) result).account().id();
    }

    @Test
    void the_builder_names_the_port_that_is_missing() {
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appendMessage");
        assertThatThrownBy(() -> ChatApplication.builder().build()).hasMessageContaining("createUser");
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore())
                .messages(new InMemoryMessageStore()).build()).hasMessageContaining("passwordHasher");
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore())
                .messages(new InMemoryMessageStore()).passwordHasher(new FakePasswordHasher()).build())
                .hasMessageContaining("accessTokens");
        // a message store of its own parts must also change messages and read the change streams
        InMemoryMessageStore store = new InMemoryMessageStore();
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore()).appendMessage(store)
                .loadMessages(store).loadInbox(store).moveReadMarker(store).passwordHasher(new FakePasswordHasher())
                .accessTokens(new FakeAccessTokens()).build())
                .hasMessageContaining("changeMessages (or messages)");
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore()).appendMessage(store)
                .loadMessages(store).loadInbox(store).moveReadMarker(store).changeMessages(store)
                .passwordHasher(new FakePasswordHasher()).accessTokens(new FakeAccessTokens()).build())
                .hasMessageContaining("loadChanges (or messages)");
        var complete = ChatApplication.builder().users(new InMemoryUserStore()).appendMessage(store).loadMessages(store)
                .loadInbox(store).moveReadMarker(store).changeMessages(store).loadChanges(store)
                .messageChangeLimits(MessageChangeLimits.parse("edit_window=off"))
                .passwordHasher(new FakePasswordHasher()).accessTokens(new FakeAccessTokens());
        assertThatThrownBy(complete::build).hasMessageContaining("needs sessions");
        complete.sessions(new InMemorySessionStore());
        assertThatThrownBy(complete::build).hasMessageContaining("needs blocks");
        complete.blocks(new InMemoryBlockStore());
        assertThatThrownBy(complete::build).hasMessageContaining("needs eraseAccounts");
        assertThat(withStateStores(complete).build().changeMessage()).isNotNull();
    }
}
