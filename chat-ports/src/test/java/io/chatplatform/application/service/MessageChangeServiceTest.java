package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.ChangeMessage.Changed;
import io.chatplatform.application.port.in.ChangeMessage.EditHistory;
import io.chatplatform.application.port.in.ChangeMessage.Unchanged;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.out.ChangeKind;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.StoreUnavailableException;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.event.DomainEvent;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edits, deletions and reactions through the application, on the in-memory adapters. */
class MessageChangeServiceTest {

    private static final Emoji HEART = Emoji.of("❤️");
    private static final Emoji FIRE = Emoji.of("🔥");
    private static final Emoji THUMBS_UP = Emoji.of("👍");

    private final List<ChangeKind> counted = new CopyOnWriteArrayList<>();
    private InMemoryChat chat = chat(builder -> { });
    private User alice = chat.register("alice");
    private User bob = chat.register("bob");
    private User carol = chat.register("carol");

    private InMemoryChat chat(Consumer<ChatApplication.Builder> more) {
        return chat(RateLimits.none(), more);
    }

    private InMemoryChat chat(RateLimits limits, Consumer<ChatApplication.Builder> more) {
        return new InMemoryChat(false, limits, builder -> {
            builder.metrics(new ChatMetrics() {
                @Override
                public void messageChanged(ChangeKind kind) {
                    counted.add(kind);
                }
            });
            more.accept(builder);
        });
    }

    /** A fresh application with these limits on message changes, and fresh users in it. */
    private void restartWith(MessageChangeLimits limits) {
        chat = chat(builder -> builder.messageChangeLimits(limits));
        alice = chat.register("alice");
        bob = chat.register("bob");
        carol = chat.register("carol");
    }

    private ChangeMessage changes() {
        return chat.app.changeMessage();
    }

    private List<Message> history(User reader, User peer) {
        return chat.app.readHistory().history(new ReadHistory.Query(reader.id(), peer.id(), HistoryPage.newest()));
    }

    private Message stored(Message message) {
        return chat.messages.find(message.id()).orElseThrow();
    }

    private List<ConversationChange> announced() {
        return chat.events.eventsOf(ConversationChanged.class).stream().map(ConversationChanged::change).toList();
    }

    /** The newest position announced in the conversation of {@code message}. */
    private long lastPosition(Message message) {
        return chat.events.events().stream()
                .filter(event -> conversationOf(event).equals(Optional.of(message.conversationId().value())))
                .mapToLong(MessageChangeServiceTest::positionOf).max().orElse(0);
    }

    private static Optional<String> conversationOf(DomainEvent event) {
        if (event instanceof MessageSent sent) {
            return Optional.of(sent.message().conversationId().value());
        }
        if (event instanceof MessagesRead read) {
            return Optional.of(read.conversationId().value());
        }
        if (event instanceof ConversationChanged changed) {
            return Optional.of(changed.change().conversation().value());
        }
        return Optional.empty();
    }

    private static long positionOf(DomainEvent event) {
        if (event instanceof MessageSent sent) {
            return sent.position();
        }
        if (event instanceof MessagesRead read) {
            return read.position();
        }
        return ((ConversationChanged) event).change().position();
    }

    /** Runs {@code change}, checks it announced exactly one change at the next position, and returns that change. */
    private ConversationChange announcesOne(Message about, Runnable change) {
        long before = lastPosition(about);
        int announcedBefore = announced().size();
        change.run();
        assertThat(announced()).hasSize(announcedBefore + 1);
        ConversationChange written = announced().get(announcedBefore);
        assertThat(written.position()).isEqualTo(before + 1);
        return written;
    }

    /** Checks that {@code change} answers {@code expected} and writes and announces nothing. */
    private void refusedQuietly(Message about, ChangeMessage.Result expected, Supplier<ChangeMessage.Result> change) {
        Message before = stored(about);
        int events = chat.events.events().size();
        int metrics = counted.size();
        assertThat(change.get()).isEqualTo(expected);
        assertThat(stored(about)).isEqualTo(before);
        assertThat(chat.events.events()).hasSize(events);
        assertThat(counted).hasSize(metrics);
    }

    @Nested
    @DisplayName("editing")
    class Editing {
        @Test
        void the_sender_edits_and_both_participants_see_the_new_text_announced_once_at_the_next_position() {
            Message hello = chat.send(alice, bob, "hello");
            chat.clock.advance(Duration.ofMinutes(3));
            Instant now = chat.clock.instant();
            ConversationChange change = announcesOne(hello, () ->
                    assertThat(changes().edit(alice.id(), hello.id(), MessageContent.of("hello, Bob")))
                            .isEqualTo(new Changed(hello.edited(MessageContent.of("hello, Bob"), now))));
            assertThat(change).isEqualTo(new MessageEdited(hello.edited(MessageContent.of("hello, Bob"), now), 2));
            assertThat(counted).containsExactly(ChangeKind.EDIT);
            assertThat(history(bob, alice)).singleElement().satisfies(m -> {
                assertThat(m.content()).contains(MessageContent.of("hello, Bob"));
                assertThat(m.editedAt()).contains(now);
            });
            assertThat(history(alice, bob)).containsExactly(stored(hello));
        }

        @Test
        void the_recipient_a_stranger_and_an_unknown_id_are_told_not_found_and_nothing_changes() {
            Message hello = chat.send(alice, bob, "hello");
            refusedQuietly(hello, new ChangeMessage.NotFound(),
                    () -> changes().edit(bob.id(), hello.id(), MessageContent.of("hijacked")));
            refusedQuietly(hello, new ChangeMessage.NotFound(),
                    () -> changes().edit(carol.id(), hello.id(), MessageContent.of("hijacked")));
            assertThat(changes().edit(alice.id(), MessageId.of(987_654), MessageContent.of("x")))
                    .isEqualTo(new ChangeMessage.NotFound());
            assertThat(announced()).isEmpty();
        }

        @Test
        void the_same_text_again_is_unchanged_and_announces_nothing() {
            Message hello = chat.send(alice, bob, "hello");
            refusedQuietly(hello, new Unchanged(hello), () -> changes().edit(alice.id(), hello.id(), MessageContent.of("hello")));
            changes().edit(alice.id(), hello.id(), MessageContent.of("hello!"));
            Message edited = stored(hello);
            refusedQuietly(hello, new Unchanged(edited), () -> changes().edit(alice.id(), hello.id(), MessageContent.of("hello!")));
        }

        @Test
        void a_message_deleted_for_everyone_is_gone() {
            Message hello = chat.send(alice, bob, "hello");
            changes().deleteForEveryone(alice.id(), hello.id());
            refusedQuietly(hello, new ChangeMessage.Gone(), () -> changes().edit(alice.id(), hello.id(), MessageContent.of("back")));
            // the recipient still learns nothing more than not found
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().edit(bob.id(), hello.id(), MessageContent.of("x")));
        }

        @Test
        void within_the_edit_window_its_last_instant_included_and_not_after() {
            restartWith(MessageChangeLimits.parse("edit_window=1m"));
            Message hello = chat.send(alice, bob, "hello");
            chat.clock.set(hello.createdAt().plus(Duration.ofMinutes(1)));
            assertThat(changes().edit(alice.id(), hello.id(), MessageContent.of("in time"))).isInstanceOf(Changed.class);
            chat.clock.advance(Duration.ofMillis(1));
            refusedQuietly(hello, new ChangeMessage.WindowClosed(hello.createdAt().plus(Duration.ofMinutes(1))),
                    () -> changes().edit(alice.id(), hello.id(), MessageContent.of("too late")));
            // a retry of the edit that made it is still answered as its first attempt was
            assertThat(changes().edit(alice.id(), hello.id(), MessageContent.of("in time"))).isInstanceOf(Unchanged.class);
        }

        @Test
        void a_message_with_as_many_earlier_versions_as_it_may_keep_takes_no_more_edits() {
            restartWith(MessageChangeLimits.parse("edit_versions=2"));
            Message hello = chat.send(alice, bob, "v0");
            assertThat(changes().edit(alice.id(), hello.id(), MessageContent.of("v1"))).isInstanceOf(Changed.class);
            assertThat(changes().edit(alice.id(), hello.id(), MessageContent.of("v2"))).isInstanceOf(Changed.class);
            refusedQuietly(hello, new ChangeMessage.TooManyEdits(2), () -> changes().edit(alice.id(), hello.id(), MessageContent.of("v3")));
            assertThat(stored(hello).content()).contains(MessageContent.of("v2"));
        }

        @Test
        void the_earlier_versions_are_listed_oldest_first_for_both_participants_and_not_found_for_anyone_else() {
            Message hello = chat.send(alice, bob, "first");
            chat.clock.advance(Duration.ofSeconds(10));
            Instant firstEdit = chat.clock.instant();
            changes().edit(alice.id(), hello.id(), MessageContent.of("second"));
            chat.clock.advance(Duration.ofSeconds(10));
            changes().edit(alice.id(), hello.id(), MessageContent.of("third"));

            EditHistory expected = new EditHistory(List.of(
                    new EarlierVersion(MessageContent.of("first"), Optional.empty()),
                    new EarlierVersion(MessageContent.of("second"), Optional.of(firstEdit))));
            assertThat(changes().edits(alice.id(), hello.id())).isEqualTo(expected);
            assertThat(changes().edits(bob.id(), hello.id())).isEqualTo(expected);
            assertThat(changes().edits(carol.id(), hello.id())).isEqualTo(new ChangeMessage.NotFound());
            assertThat(changes().edits(alice.id(), MessageId.of(987_654))).isEqualTo(new ChangeMessage.NotFound());

            Message never = chat.send(bob, alice, "never edited");
            assertThat(changes().edits(alice.id(), never.id())).isEqualTo(new EditHistory(List.of()));
        }

        @Test
        void deleting_for_everyone_erases_the_earlier_versions() {
            Message hello = chat.send(alice, bob, "secret");
            changes().edit(alice.id(), hello.id(), MessageContent.of("still secret"));
            changes().deleteForEveryone(alice.id(), hello.id());
            assertThat(changes().edits(bob.id(), hello.id())).isEqualTo(new EditHistory(List.of()));
            assertThat(chat.messages.earlierVersions(hello.conversationId(), hello.id())).isEmpty();
            assertThat(stored(hello).content()).isEmpty();
        }
    }

    @Nested
    @DisplayName("deleting")
    class Deleting {
        @Test
        void the_sender_deletes_for_everyone_both_see_the_tombstone_announced_once() {
            Message hello = chat.send(alice, bob, "hello");
            chat.clock.advance(Duration.ofSeconds(5));
            Message tombstone = hello.deleted(chat.clock.instant());
            ConversationChange change = announcesOne(hello, () ->
                    assertThat(changes().deleteForEveryone(alice.id(), hello.id())).isEqualTo(new Changed(tombstone)));
            assertThat(change).isEqualTo(new MessageDeleted(tombstone, Optional.empty(), 2));
            assertThat(counted).containsExactly(ChangeKind.DELETE_FOR_EVERYONE);
            assertThat(history(bob, alice)).containsExactly(tombstone);
            assertThat(history(alice, bob)).containsExactly(tombstone);
        }

        @Test
        void a_second_deletion_is_unchanged_the_recipient_and_strangers_are_told_not_found() {
            Message hello = chat.send(alice, bob, "hello");
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().deleteForEveryone(bob.id(), hello.id()));
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().deleteForEveryone(carol.id(), hello.id()));
            changes().deleteForEveryone(alice.id(), hello.id());
            refusedQuietly(hello, new Unchanged(stored(hello)), () -> changes().deleteForEveryone(alice.id(), hello.id()));
            assertThat(changes().deleteForEveryone(alice.id(), MessageId.of(987_654))).isEqualTo(new ChangeMessage.NotFound());
        }

        @Test
        void either_participant_hides_a_message_from_their_own_history_only_and_only_they_are_told() {
            Message hello = chat.send(alice, bob, "hello");
            ConversationChange change = announcesOne(hello, () ->
                    assertThat(changes().deleteForMe(bob.id(), hello.id())).isEqualTo(new Changed(hello)));
            assertThat(change).isEqualTo(new MessageDeleted(hello, Optional.of(bob.id()), 2));
            assertThat(change.audience()).containsExactly(bob.id());
            assertThat(history(bob, alice)).isEmpty();
            assertThat(history(alice, bob)).containsExactly(hello);
            refusedQuietly(hello, new Unchanged(hello), () -> changes().deleteForMe(bob.id(), hello.id()));
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().deleteForMe(carol.id(), hello.id()));
            // the sender may hide it too, and still delete it for everyone afterwards
            assertThat(changes().deleteForMe(alice.id(), hello.id())).isEqualTo(new Changed(hello));
            assertThat(changes().deleteForEveryone(alice.id(), hello.id())).isInstanceOf(Changed.class);
            assertThat(counted).containsExactly(ChangeKind.DELETE_FOR_ME, ChangeKind.DELETE_FOR_ME,
                    ChangeKind.DELETE_FOR_EVERYONE);
        }

        @Test
        void a_tombstone_can_be_hidden() {
            Message hello = chat.send(alice, bob, "hello");
            changes().deleteForEveryone(alice.id(), hello.id());
            Message tombstone = stored(hello);
            assertThat(changes().deleteForMe(bob.id(), hello.id())).isEqualTo(new Changed(tombstone));
            assertThat(history(bob, alice)).isEmpty();
            assertThat(history(alice, bob)).containsExactly(tombstone);
        }
    }

    @Nested
    @DisplayName("reacting")
    class Reacting {
        @Test
        void either_participant_reacts_once_per_emoji_announced_once_each() {
            Message hello = chat.send(alice, bob, "hello");
            ConversationChange change = announcesOne(hello, () ->
                    assertThat(changes().react(bob.id(), hello.id(), HEART)).isInstanceOf(Changed.class));
            assertThat(change).isInstanceOfSatisfying(ReactionUpdated.class, updated -> {
                assertThat(updated.reactor()).isEqualTo(bob.id());
                assertThat(updated.message().reactions().entries()).containsExactly(new Reaction(HEART, List.of(bob.id())));
            });
            announcesOne(hello, () -> changes().react(alice.id(), hello.id(), HEART));
            announcesOne(hello, () -> changes().react(alice.id(), hello.id(), FIRE));
            // the emoji in the order of first use, each one's users in ascending id order
            assertThat(stored(hello).reactions().entries()).containsExactly(
                    Reaction.of(HEART, List.of(bob.id(), alice.id())), new Reaction(FIRE, List.of(alice.id())));
            // the same emoji again, also from another keyboard, changes nothing
            refusedQuietly(hello, new Unchanged(stored(hello)), () -> changes().react(bob.id(), hello.id(), Emoji.of("❤")));
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().react(carol.id(), hello.id(), HEART));
            assertThat(counted).containsExactly(ChangeKind.REACT, ChangeKind.REACT, ChangeKind.REACT);
            assertThat(history(bob, alice)).containsExactly(stored(hello));
        }

        @Test
        void a_reaction_is_taken_back_once_and_what_is_not_there_is_unchanged() {
            Message hello = chat.send(alice, bob, "hello");
            changes().react(bob.id(), hello.id(), HEART);
            ConversationChange change = announcesOne(hello, () ->
                    assertThat(changes().unreact(bob.id(), hello.id(), HEART)).isEqualTo(new Changed(hello)));
            assertThat(change).isEqualTo(new ReactionUpdated(hello, bob.id(), 3));
            refusedQuietly(hello, new Unchanged(hello), () -> changes().unreact(bob.id(), hello.id(), HEART));
            refusedQuietly(hello, new Unchanged(hello), () -> changes().unreact(alice.id(), hello.id(), FIRE));
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().unreact(carol.id(), hello.id(), HEART));
            assertThat(counted).containsExactly(ChangeKind.REACT, ChangeKind.UNREACT);
        }

        @Test
        void nobody_reacts_to_a_tombstone_and_its_reactions_are_gone() {
            Message hello = chat.send(alice, bob, "hello");
            changes().react(bob.id(), hello.id(), HEART);
            changes().deleteForEveryone(alice.id(), hello.id());
            assertThat(stored(hello).reactions().isEmpty()).isTrue();
            refusedQuietly(hello, new ChangeMessage.Gone(), () -> changes().react(bob.id(), hello.id(), FIRE));
            refusedQuietly(hello, new ChangeMessage.Gone(), () -> changes().unreact(bob.id(), hello.id(), HEART));
            refusedQuietly(hello, new ChangeMessage.NotFound(), () -> changes().react(carol.id(), hello.id(), FIRE));
        }

        @Test
        void a_new_emoji_beyond_the_limit_is_refused_joining_one_already_there_is_not() {
            restartWith(MessageChangeLimits.parse("emoji_per_message=2"));
            Message hello = chat.send(alice, bob, "hello");
            changes().react(bob.id(), hello.id(), HEART);
            changes().react(bob.id(), hello.id(), FIRE);
            refusedQuietly(hello, new ChangeMessage.TooManyEmoji(2), () -> changes().react(alice.id(), hello.id(), THUMBS_UP));
            assertThat(changes().react(alice.id(), hello.id(), FIRE)).isInstanceOf(Changed.class);
            assertThat(stored(hello).reactions().distinctEmoji()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("every change is the next position of the conversation's stream, which each participant reads as they may see it")
    void one_stream_per_conversation() {
        Message hello = chat.send(alice, bob, "hello");
        Message other = chat.send(alice, carol, "elsewhere");
        changes().edit(alice.id(), hello.id(), MessageContent.of("hello!"));
        changes().react(bob.id(), hello.id(), HEART);
        changes().react(carol.id(), other.id(), HEART);
        changes().unreact(bob.id(), hello.id(), HEART);
        changes().deleteForMe(bob.id(), hello.id());
        changes().deleteForEveryone(alice.id(), hello.id());

        assertThat(announced()).filteredOn(c -> c.conversation().equals(hello.conversationId()))
                .extracting(ConversationChange::position).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(announced()).filteredOn(c -> c.conversation().equals(other.conversationId()))
                .extracting(ConversationChange::position).containsExactly(2L);
        assertThat(chat.messages.after(hello.conversationId(), bob.id(), 0, 100))
                .extracting(ConversationChange::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // Bob's deletion for himself is not Alice's to see
        assertThat(chat.messages.after(hello.conversationId(), alice.id(), 0, 100))
                .extracting(ConversationChange::position).containsExactly(1L, 2L, 3L, 4L, 6L);
        assertThat(counted).containsExactly(ChangeKind.EDIT, ChangeKind.REACT, ChangeKind.REACT, ChangeKind.UNREACT,
                ChangeKind.DELETE_FOR_ME, ChangeKind.DELETE_FOR_EVERYONE);
    }

    @Test
    @DisplayName("notes to self change as any message, told to their one writer")
    void notes_to_self() {
        Message note = chat.send(alice, alice, "buy milk");
        assertThat(announcesOne(note, () -> changes().edit(alice.id(), note.id(), MessageContent.of("buy oat milk")))
                .audience()).containsExactly(alice.id());
        assertThat(announcesOne(note, () -> changes().react(alice.id(), note.id(), THUMBS_UP)).audience())
                .containsExactly(alice.id());
        assertThat(announcesOne(note, () -> changes().deleteForEveryone(alice.id(), note.id())).audience())
                .containsExactly(alice.id());
        assertThat(announcesOne(note, () -> changes().deleteForMe(alice.id(), note.id())).audience())
                .containsExactly(alice.id());
        assertThat(changes().react(bob.id(), note.id(), THUMBS_UP)).isEqualTo(new ChangeMessage.NotFound());
        assertThat(chat.app.countUnread().unreadCount(alice.id())).isZero();
        assertThat(history(alice, alice)).isEmpty();
    }

    @Test
    @DisplayName("a delivery is counted as a change when the marker moves, not when it stands")
    void deliveries_are_counted() {
        chat.send(alice, bob, "hello");
        chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 1);
        chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 1);
        chat.app.markDelivered().markDelivered(alice.id(), alice.id(), 1);
        assertThat(counted).containsExactly(ChangeKind.DELIVERED);
    }

    @Test
    @DisplayName("concurrent changes of one message each get their own position: contiguous, none twice, each announced once")
    void concurrent_changes() throws Exception {
        Message hello = chat.send(alice, bob, "hello");
        List<Emoji> emoji = List.of(HEART, FIRE, THUMBS_UP, Emoji.of("😂"), Emoji.of("🎉"), Emoji.of("🙏"));
        ExecutorService pool = Executors.newFixedThreadPool(emoji.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int i = 0; i < emoji.size(); i++) {
                User user = i % 2 == 0 ? alice : bob;
                Emoji mine = emoji.get(i);
                done.add(pool.submit(() -> {
                    start.await();
                    int changed = 0;
                    // react and take back 10 times, then react: each call changes something
                    for (int round = 0; round < 21; round++) {
                        ChangeMessage.Result result = round % 2 == 0 ? changes().react(user.id(), hello.id(), mine)
                                : changes().unreact(user.id(), hello.id(), mine);
                        changed += result instanceof Changed ? 1 : 0;
                    }
                    return changed;
                }));
            }
            start.countDown();
            int changed = 0;
            for (Future<Integer> future : done) {
                changed += future.get(30, TimeUnit.SECONDS);
            }
            assertThat(changed).isEqualTo(emoji.size() * 21);
        } finally {
            pool.shutdownNow();
        }
        List<Long> positions = announced().stream().map(ConversationChange::position).sorted().toList();
        assertThat(positions).isEqualTo(LongStream.rangeClosed(2, emoji.size() * 21 + 1).boxed().toList());
        assertThat(chat.messages.after(hello.conversationId(), bob.id(), 1, 1000))
                .extracting(ConversationChange::position).isEqualTo(positions);
        assertThat(stored(hello).reactions().distinctEmoji()).isEqualTo(emoji.size());
        assertThat(counted).hasSize(emoji.size() * 21);
    }

    @Test
    @DisplayName("a store that fails mid-change announces nothing and counts nothing; the failure reaches the caller")
    void store_outage() {
        InMemoryChat broken = new InMemoryChat(false, RateLimits.none(),
                builder -> builder.changeMessages(new FailingChanges()));
        User sender = broken.register("alice");
        User recipient = broken.register("bob");
        Message hello = broken.send(sender, recipient, "hello");
        int events = broken.events.events().size();
        assertThatThrownBy(() -> broken.app.changeMessage().edit(sender.id(), hello.id(), MessageContent.of("x")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> broken.app.changeMessage().react(recipient.id(), hello.id(), HEART))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(broken.events.events()).hasSize(events);
        assertThat(broken.messages.find(hello.id())).contains(hello);
    }

    /** A store whose every change fails, as with the database down. */
    private static final class FailingChanges implements ChangeMessages {
        private static StoreUnavailableException down() {
            return new StoreUnavailableException("down", new IllegalStateException("connection refused"));
        }

        @Override
        public Result<Decision.Edit> edit(MessageId id, UserId editor, MessageContent content, Instant at, Rule<Decision.Edit> rule) {
            throw down();
        }

        @Override
        public Result<Decision.DeleteForEveryone> deleteForEveryone(MessageId id, UserId user, Instant at,
                                                                    Rule<Decision.DeleteForEveryone> rule) {
            throw down();
        }

        @Override
        public Result<Decision.DeleteForMe> hide(MessageId id, UserId user, Instant at, HideRule rule) {
            throw down();
        }

        @Override
        public Result<Decision.React> react(MessageId id, UserId user, Emoji emoji, Instant at, Rule<Decision.React> rule) {
            throw down();
        }

        @Override
        public Result<Decision.Unreact> unreact(MessageId id, UserId user, Emoji emoji, Instant at,
                                                Rule<Decision.Unreact> rule) {
            throw down();
        }
    }

    @Test
    @DisplayName("changes are throttled per user: beyond the limit nothing is written or announced, and others are not held back")
    void throttled() {
        RateLimits limits = RateLimits.none().with(new RateLimit(LimitedAction.MESSAGE_CHANGES_PER_USER,
                List.of(Bandwidth.of(2, Duration.ofMinutes(1)))));
        chat = chat(limits, builder -> { });
        alice = chat.register("alice");
        bob = chat.register("bob");
        Message hello = chat.send(alice, bob, "hello");

        assertThat(changes().react(bob.id(), hello.id(), HEART)).isInstanceOf(Changed.class);
        assertThat(changes().react(bob.id(), hello.id(), FIRE)).isInstanceOf(Changed.class);
        Message before = stored(hello);
        int events = chat.events.events().size();
        for (ChangeMessage.Result refused : List.of(changes().react(bob.id(), hello.id(), THUMBS_UP),
                changes().unreact(bob.id(), hello.id(), HEART), changes().deleteForMe(bob.id(), hello.id()))) {
            assertThat(refused).isInstanceOfSatisfying(Throttled.class, throttled -> {
                assertThat(throttled.action()).isEqualTo(LimitedAction.MESSAGE_CHANGES_PER_USER);
                assertThat(throttled.retryAfter()).isPositive();
            });
        }
        assertThat(stored(hello)).isEqualTo(before);
        assertThat(chat.events.events()).hasSize(events);
        assertThat(history(alice, bob)).containsExactly(before);
        // Alice has her own allowance
        assertThat(changes().edit(alice.id(), hello.id(), MessageContent.of("hello!"))).isInstanceOf(Changed.class);
        chat.clock.advance(Duration.ofMinutes(1));
        assertThat(changes().react(bob.id(), hello.id(), THUMBS_UP)).isInstanceOf(Changed.class);
    }
}
