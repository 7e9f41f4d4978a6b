package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.DeleteAccount;
import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.SessionTokens;
import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.event.AccountErased;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.event.ContentErased;
import io.chatplatform.domain.event.SessionsEnded;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.AccountErasurePolicy;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Account deletion through the application, erasure steps run inline in batches of 3. */
@DisplayName("account deletion")
class AccountDeletionServiceTest {

    /** Every text the deleted user ever wrote carries this; none may be found afterwards. */
    private static final String SECRET = "SECRET";
    private static final AccountErasurePolicy SMALL_STEPS = AccountErasurePolicy.DEFAULT.withBatchSize(3);

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private InMemoryChat chat = chat(false, builder -> { });
    private User alice = chat.register("alice");
    private User bob = chat.register("bob");
    private User carol = chat.register("carol");

    private InMemoryChat chat(boolean cached, Consumer<ChatApplication.Builder> more) {
        return new InMemoryChat(cached, RateLimits.none(), builder -> {
            builder.erasurePolicy(SMALL_STEPS).erasureExecutor(Runnable::run).connectionExecutor(Runnable::run)
                    .errors((where, error) -> reported.add(where.label() + ": " + error.getMessage()));
            more.accept(builder);
        });
    }

    private DeleteAccount.Result delete(InMemoryChat on, User user, String password) {
        return on.app.deleteAccount().delete(new DeleteAccount.Command(user.id(), PasswordAttempt.of(password)));
    }

    private LogIn.Result logIn(User user) {
        return chat.app.logIn().logIn(new LogIn.Command(user.username().value(), PasswordAttempt.of("password123")));
    }

    private RegisterUser.Result register(String username, String email) {
        return chat.app.registerUser().register(new RegisterUser.Command(Username.of(username), Email.of(email),
                Password.of("password123")));
    }

    /** Alice writes to Bob (11 messages, one edited, one reacted to) and Carol, with Bob and Carol answering. */
    private List<Message> conversations() {
        List<Message> hers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            hers.add(chat.send(alice, bob, SECRET + " to bob " + i));
            if (i % 4 == 0) {
                chat.send(bob, alice, "bob answers " + i);
            }
        }
        chat.app.changeMessage().edit(alice.id(), hers.get(0).id(), MessageContent.of(SECRET + " edited"));
        chat.app.changeMessage().react(bob.id(), hers.get(1).id(), Emoji.of("👍"));
        chat.send(carol, alice, "carol first");
        hers.add(chat.send(alice, carol, SECRET + " to carol"));
        hers.add(chat.send(alice, alice, SECRET + " note to self"));
        return hers;
    }

    @Test
    @DisplayName("a wrong password deletes nothing")
    void wrong_password() {
        List<Message> hers = conversations();
        SessionTokens tokens = ((LogIn.LoggedIn) logIn(alice)).tokens();

        assertThat(delete(chat, alice, "not-her-password")).isEqualTo(new DeleteAccount.WrongPassword());

        assertThat(logIn(alice)).isInstanceOf(LogIn.LoggedIn.class);
        assertThat(chat.app.authenticate().authenticate(tokens.access().value())).isPresent();
        assertThat(chat.messages.find(hers.get(5).id()).orElseThrow().content()).isPresent();
        assertThat(chat.adapters.eraseAccounts().unfinished()).isEmpty();
        assertThat(chat.events.eventsOf(AccountErased.class)).isEmpty();
        assertThat(chat.events.eventsOf(SessionsEnded.class)).isEmpty();
    }

    @Test
    @DisplayName("an unknown or already deleted caller is answered UnknownUser")
    void unknown_user() {
        assertThat(chat.app.deleteAccount().delete(new DeleteAccount.Command(UserId.of(999_999), PasswordAttempt.of("password123"))))
                .isEqualTo(new DeleteAccount.UnknownUser());
        assertThat(delete(chat, alice, "password123")).isEqualTo(new DeleteAccount.Deleted());
        assertThat(delete(chat, alice, "password123")).isEqualTo(new DeleteAccount.UnknownUser());
        assertThat(chat.events.eventsOf(AccountErased.class)).hasSize(1);
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a deletion: no login, no session, no live connection, the handles held; the peers keep tombstones of everything")
    void deletion(boolean cached) {
        chat = chat(cached, builder -> { });
        alice = chat.register("alice");
        bob = chat.register("bob");
        carol = chat.register("carol");
        List<Message> hers = conversations();
        SessionTokens phone = ((LogIn.LoggedIn) logIn(alice)).tokens();
        SessionTokens laptop = ((LogIn.LoggedIn) logIn(alice)).tokens();
        SessionTokens bobs = ((LogIn.LoggedIn) logIn(bob)).tokens();
        RecordingChannel live = new RecordingChannel();
        chat.app.openLiveConnection().open(alice.id(), Optional.of(phone.session()), live);
        chat.app.blockUsers().block(alice.id(), carol.id());
        // everything read once, so that a cache holds it
        readEverything(bob);
        readEverything(carol);
        assertThat(chat.app.authenticate().authenticate(phone.access().value())).isPresent();

        assertThat(delete(chat, alice, "password123")).isEqualTo(new DeleteAccount.Deleted());

        assertThat(logIn(alice)).isEqualTo(new LogIn.InvalidCredentials());
        assertThat(chat.app.authenticate().authenticate(phone.access().value())).isEmpty();
        assertThat(chat.app.authenticate().authenticate(laptop.access().value())).isEmpty();
        assertThat(chat.app.authenticate().authenticate(bobs.access().value())).isPresent();
        assertThat(chat.adapters.sessions().list(alice.id())).isEmpty();
        assertThat(live.closeReason()).isEqualTo(CloseReason.SESSION_REVOKED);
        assertThat(chat.adapters.blocks().blocksOf(carol.id()).isEmpty()).isTrue();
        assertThat(chat.events.eventsOf(BlockChanged.class)).last().isEqualTo(new BlockChanged(alice.id(), carol.id(), false));
        assertThat(chat.events.eventsOf(SessionsEnded.class)).last()
                .isEqualTo(new SessionsEnded(alice.id(), java.util.Set.of(phone.session(), laptop.session())));
        assertThat(chat.app.viewProfile().profileOf(bob.id(), alice.id())).isEmpty();
        var found = (SearchUsers.Found) chat.app.searchUsers().search(new SearchUsers.Query(bob.id(),
                SearchTerm.parse(alice.username().value()), 10));
        assertThat(found.users()).isEmpty();
        assertThat(chat.app.sendMessage().send(new SendMessage.Command(bob.id(), alice.id(), MessageContent.of("hello?"),
                Optional.empty()))).isInstanceOf(SendMessage.RecipientNotFound.class);
        // erased in steps of 3: alice's notes (1 message), bob's conversation (14 messages: 5 steps), carol's (2: 1 step)
        assertThat(chat.events.eventsOf(ContentErased.class)).hasSize(7)
                .flatExtracting(ContentErased::messages)
                .containsExactlyInAnyOrderElementsOf(hers.stream().map(Message::id).toList());
        assertThat(chat.adapters.eraseAccounts().unfinished()).isEmpty();
        for (Message message : hers) {
            Message now = chat.messages.find(message.id()).orElseThrow();
            assertThat(now.isDeleted()).isTrue();
            assertThat(now.content()).isEmpty();
        }
        assertThat(chat.app.readHistory().history(new ReadHistory.Query(bob.id(), alice.id(), HistoryPage.newest())))
                .hasSize(14)
                .filteredOn(message -> message.senderId().equals(alice.id()))
                .hasSize(11)
                .allSatisfy(message -> assertThat(message.isDeleted()).isTrue());
        List<InboxEntry> bobsList = chat.app.listConversations().conversations(new ListConversations.Query(bob.id(), 10));
        assertThat(bobsList).singleElement().satisfies(entry -> {
            assertThat(entry.peer()).isEqualTo(alice.id());
            assertThat(entry.peerDeleted()).isTrue();
            assertThat(entry.peerUsername()).isEqualTo(Username.DELETED);
        });
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isZero();
        assertNothingOfHersIsReachable(hers);
    }

    @Test
    @DisplayName("the username and email stay taken for the retention, then anybody may register them")
    void handles() {
        String name = alice.username().value();
        delete(chat, alice, "password123");

        assertThat(register(name, "new@example.com")).isInstanceOf(RegisterUser.AlreadyRegistered.class);
        assertThat(register("someone_new", name + "@example.com")).isInstanceOf(RegisterUser.AlreadyRegistered.class);
        chat.clock.advance(SMALL_STEPS.handleRetention());

        var again = register(name, name + "@example.com");

        assertThat(again).isInstanceOf(RegisterUser.Registered.class);
        Account heir = ((RegisterUser.Registered) again).account();
        assertThat(heir.id()).isNotEqualTo(alice.id());
        assertThat(logIn(alice)).as("the new account's, with the same password").isInstanceOf(LogIn.LoggedIn.class);
        assertThat(register(Username.DELETED.value(), "ghost@example.com")).isInstanceOf(RegisterUser.AlreadyRegistered.class);
    }

    @Test
    @DisplayName("an erasure that stops mid-way (a crash) is finished by the next application over the same stores")
    void resume_after_a_crash() {
        List<Message> hers = conversations();
        EraseAccounts stable = chat.adapters.eraseAccounts();
        AtomicInteger steps = new AtomicInteger();
        EraseAccounts crashing = new EraseAccounts() {
            @Override
            public Optional<Begun> begin(UserId user, Instant at, Instant handlesFreeAt) {
                return stable.begin(user, at, handlesFreeAt);
            }

            @Override
            public Step next(UserId user, int batchSize, Instant at) {
                if (steps.incrementAndGet() > 3) {
                    throw new IllegalStateException("the process died");
                }
                return stable.next(user, batchSize, at);
            }

            @Override
            public List<UserId> unfinished() {
                return stable.unfinished();
            }
        };
        ChatApplication first = chat.adapters.applyTo(ChatApplication.builder())
                .passwordHasher(chat.hasher).accessTokens(chat.tokens).events(chat.events)
                .erasurePolicy(SMALL_STEPS).erasureExecutor(Runnable::run).eraseAccounts(crashing)
                .errors((where, error) -> reported.add(where.label() + ": " + error.getMessage()))
                .build();

        assertThat(first.deleteAccount().delete(new DeleteAccount.Command(alice.id(), PasswordAttempt.of("password123"))))
                .isEqualTo(new DeleteAccount.Deleted());

        assertThat(reported).containsExactly("account_erasure: the process died");
        assertThat(stable.unfinished()).containsExactly(alice.id());
        assertThat(hers).filteredOn(message -> chat.messages.find(message.id()).orElseThrow().content().isPresent())
                .as("some of her messages still wait").isNotEmpty();
        assertThat(reachableTexts(hers)).as("what the search would see of her before the resume")
                .anyMatch(text -> text.contains(SECRET + " to bob 10")).anyMatch(text -> text.contains(SECRET + " to carol"));
        first.close();

        ChatApplication second = chat.adapters.applyTo(ChatApplication.builder())
                .passwordHasher(chat.hasher).accessTokens(chat.tokens).events(chat.events)
                .erasurePolicy(SMALL_STEPS).erasureExecutor(Runnable::run)
                .build();
        assertThat(second.deleteAccount().resumeErasures()).isEqualTo(1);

        assertThat(stable.unfinished()).isEmpty();
        assertThat(second.deleteAccount().resumeErasures()).isZero();
        assertNothingOfHersIsReachable(hers);
        second.close();
    }

    @Test
    @DisplayName("with the library's own executor, the erasure runs in the background and finishes")
    void background() {
        InMemoryChat own = new InMemoryChat(false, RateLimits.none(), builder -> builder.erasurePolicy(SMALL_STEPS));
        try {
            User dave = own.register("dave");
            User erin = own.register("erin");
            List<Message> his = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                his.add(own.send(dave, erin, SECRET + i));
            }

            assertThat(delete(own, dave, "password123")).isEqualTo(new DeleteAccount.Deleted());

            io.chatplatform.testkit.Waits.eventually("the background erasure").until(
                    () -> own.adapters.eraseAccounts().unfinished().isEmpty());
            assertThat(his).allSatisfy(message ->
                    assertThat(own.messages.find(message.id()).orElseThrow().content()).isEmpty());
        } finally {
            own.app.close();
        }
    }

    private void readEverything(User reader) {
        chat.app.listConversations().conversations(new ListConversations.Query(reader.id(), 10)).forEach(entry ->
                chat.app.readHistory().history(new ReadHistory.Query(reader.id(), entry.peer(), HistoryPage.newest())));
        chat.app.countUnread().unreadCount(reader.id());
    }

    private void assertNothingOfHersIsReachable(List<Message> hers) {
        List<String> reachable = reachableTexts(hers);
        assertThat(reachable).noneMatch(text -> text.contains(SECRET));
        assertThat(String.join("\n", reachable)).as("the peers' own words are still found").contains("bob answers", "carol first");
    }

    /** Every text, preview and earlier version a reader, the store or an export can reach, where her words could hide. */
    private List<String> reachableTexts(List<Message> hers) {
        List<String> reachable = new ArrayList<>();
        for (User reader : List.of(bob, carol)) {
            for (InboxEntry entry : chat.app.listConversations().conversations(new ListConversations.Query(reader.id(), 50))) {
                reachable.add(entry.lastMessagePreview().orElse(""));
                chat.app.readHistory().history(new ReadHistory.Query(reader.id(), entry.peer(), HistoryPage.newest()))
                        .forEach(message -> reachable.addAll(texts(message)));
                for (ConversationChange change : chat.messages.after(entry.conversationId(), reader.id(), 0, 1_000)) {
                    if (change instanceof MessageCreated created) {
                        reachable.addAll(texts(created.message()));
                    } else if (change instanceof MessageEdited edited) {
                        reachable.addAll(texts(edited.message()));
                    } else if (change instanceof MessageDeleted deleted) {
                        reachable.addAll(texts(deleted.message()));
                    } else if (change instanceof ReactionUpdated reaction) {
                        reachable.addAll(texts(reaction.message()));
                    }
                }
            }
            chat.app.exportAccount().export(reader.id(), new ExportAccount.Sink() {
                @Override
                public void profile(Account account) {
                }

                @Override
                public void sessions(List<Session> sessions) {
                }

                @Override
                public void conversation(InboxEntry entry) {
                    reachable.add(entry.lastMessagePreview().orElse(""));
                }

                @Override
                public void messages(List<Message> page) {
                    page.forEach(message -> reachable.addAll(texts(message)));
                }

                @Override
                public void conversationEnd() {
                }

                @Override
                public void end() {
                }
            });
        }
        for (Message message : hers) {
            reachable.addAll(texts(chat.messages.find(message.id()).orElseThrow()));
        }
        for (UserId peer : List.of(alice.id(), bob.id(), carol.id())) {
            chat.messages.messagesOf(ConversationId.between(alice.id(), peer)).forEach(message -> reachable.addAll(texts(message)));
        }
        chat.messages.list(alice.id(), 50).forEach(entry -> reachable.add(entry.lastMessagePreview().orElse("")));
        return reachable;
    }

    /** The text of a message as it stands, and of its earlier versions. */
    private List<String> texts(Message message) {
        List<String> texts = new ArrayList<>();
        message.content().ifPresent(content -> texts.add(content.value()));
        chat.messages.earlierVersions(message.conversationId(), message.id())
                .forEach(version -> texts.add(version.content().value()));
        return texts;
    }
}
