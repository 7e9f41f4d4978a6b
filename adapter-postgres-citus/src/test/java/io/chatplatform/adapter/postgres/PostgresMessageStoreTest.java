package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.message;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.MoveReadMarker.ReadState;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PostgresMessageStore")
class PostgresMessageStoreTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private final PostgresMessageStore messages = db.messages();
    private final PostgresUserStore users = db.users();

    private static List<Long> seqs(List<Message> page) {
        return page.stream().map(Message::seq).toList();
    }

    /** A read state's marker and newest seq, without its position and unread count. */
    private static List<Long> marker(ReadState state) {
        return List.of(state.lastReadSeq(), state.lastSeq());
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Nested
    @DisplayName("appending")
    class Appending {

        @Test
        @DisplayName("stores the message in the pair's conversation with seq 1, 2, 3, ... and returns it as stored")
        void seqs_count_up() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");

            Message first = send(messages, bob, alice, "hi", at(1));
            Message second = send(messages, alice, bob, "hello", at(2));
            Message third = send(messages, bob, alice, "how are you?", at(3));

            ConversationId conversation = ConversationId.between(alice.id(), bob.id());
            assertThat(List.of(first, second, third)).extracting(Message::seq).containsExactly(1L, 2L, 3L);
            assertThat(first.conversationId()).isEqualTo(conversation);
            assertThat(first.senderId()).isEqualTo(bob.id());
            assertThat(first.recipientId()).isEqualTo(alice.id());
            assertThat(first.createdAt()).isEqualTo(at(1));
            assertThat(first.clientMessageId()).isEmpty();
            assertThat(messages.find(conversation, first.id())).contains(first);
            assertThat(db.count("SELECT count(*) FROM conversations WHERE id = ?", conversation.value())).isOne();
            assertThat(db.count("SELECT last_seq FROM conversations WHERE id = ?", conversation.value())).isEqualTo(3);
        }

        @Test
        @DisplayName("a retried send with the same client message id returns the stored message and stores nothing")
        void idempotent() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            var original = messages.append(message(alice, bob, "once", at(1), "client-1"));

            var retry = messages.append(message(alice, bob, "once (edited on retry)", at(9), "client-1"));
            Message next = send(messages, alice, bob, "next", at(10));

            assertThat(original).isInstanceOf(AppendMessage.Appended.class);
            assertThat(retry).isInstanceOf(AppendMessage.AlreadyAppended.class);
            assertThat(retry.message()).isEqualTo(original.message());
            assertThat(retry.message().clientMessageId()).contains(ClientMessageId.of("client-1"));
            assertThat(next.seq()).isEqualTo(2);
            assertThat(messages.list(bob.id(), 10).get(0).lastSeq()).isEqualTo(2);
        }

        @Test
        @DisplayName("a client message id is the sender's own: the peer, or another conversation, may use the same one")
        void client_message_id_scope() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            User carol = register(users, "carol");

            var fromAlice = messages.append(message(alice, bob, "a", at(1), "same"));
            var fromBob = messages.append(message(bob, alice, "b", at(2), "same"));
            var toCarol = messages.append(message(alice, carol, "c", at(3), "same"));

            assertThat(List.of(fromAlice, fromBob, toCarol)).allMatch(AppendMessage.Appended.class::isInstance);
            assertThat(fromBob.message().seq()).isEqualTo(2);
            assertThat(toCarol.message().seq()).isEqualTo(1);
        }

        @Test
        @DisplayName("stores content byte for byte: emoji, quotes, SQL and HTML metacharacters, control characters, 4000 code points")
        void content_verbatim() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            List<String> contents = List.of(
                    "emoji 😀👍🏽 and 𝕏 (astral) plus é vs e\u0301",
                    "it's \"quoted\" `back` ; DROP TABLE messages; -- /* */ $1 :name ? %s %_ \\ \\\\",
                    "<script>alert('x')</script> &amp; &lt;b&gt;",
                    "  leading and trailing spaces, tabs\tand\r\nnewlines\n  ",
                    "😀".repeat(4000),
                    "x".repeat(3999) + "é");

            for (String content : contents) {
                Message sent = send(messages, alice, bob, content, at(1));
                assertThat(sent.content().orElseThrow().value()).isEqualTo(content);
                assertThat(messages.find(sent.id()).orElseThrow().content().orElseThrow().value()).isEqualTo(content);
            }
            List<Message> page = messages.page(ConversationId.between(alice.id(), bob.id()), alice.id(), new HistoryPage(10, 0, Optional.empty()));
            List<String> newestFirst = new ArrayList<>(contents);
            java.util.Collections.reverse(newestFirst);
            assertThat(page).extracting(m -> m.content().orElseThrow().value()).containsExactlyElementsOf(newestFirst);
        }

        @Test
        @DisplayName("fails without a trace when a participant does not exist, and the error is not reported as an outage")
        void unknown_participant() {
            User alice = register(users, "alice");
            User ghost = new User(UserId.of(8_000_000_000L), alice.username(), alice.email(), alice.passwordHash(),
                    alice.profile(), T0, T0);

            assertThatThrownBy(() -> messages.append(message(alice, ghost, "anyone there?", at(1))))
                    .isInstanceOf(org.jdbi.v3.core.JdbiException.class);
            assertThat(db.count("SELECT count(*) FROM conversations WHERE id = ?",
                    ConversationId.between(alice.id(), ghost.id()).value())).isZero();
            assertThat(messages.list(alice.id(), 10)).isEmpty();
        }
    }

    @Nested
    @DisplayName("reading history")
    class History {

        @Test
        @DisplayName("pages newest first, with limit and offset")
        void limit_and_offset() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            for (int i = 1; i <= 7; i++) {
                send(messages, i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice, "m" + i, at(i));
            }
            ConversationId conversation = ConversationId.between(bob.id(), alice.id());

            assertThat(seqs(messages.page(conversation, alice.id(), HistoryPage.newest()))).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
            assertThat(seqs(messages.page(conversation, alice.id(), new HistoryPage(3, 0, Optional.empty())))).containsExactly(7L, 6L, 5L);
            assertThat(seqs(messages.page(conversation, alice.id(), new HistoryPage(3, 5, Optional.empty())))).containsExactly(2L, 1L);
            assertThat(messages.page(conversation, alice.id(), new HistoryPage(3, 7, Optional.empty()))).isEmpty();
        }

        @Test
        @DisplayName("a cursor pages older than that message; a cursor from another conversation or unknown gives an empty page")
        void cursor() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            User carol = register(users, "carol");
            List<Message> sent = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                sent.add(send(messages, alice, bob, "m" + i, at(i)));
            }
            Message elsewhere = send(messages, alice, carol, "other", at(6));
            ConversationId conversation = ConversationId.between(alice.id(), bob.id());

            assertThat(seqs(messages.page(conversation, alice.id(), HistoryPage.before(sent.get(3).id(), 2)))).containsExactly(3L, 2L);
            assertThat(seqs(messages.page(conversation, alice.id(), new HistoryPage(2, 1, Optional.of(sent.get(3).id())))))
                    .containsExactly(2L, 1L);
            assertThat(messages.page(conversation, alice.id(), HistoryPage.before(sent.get(0).id(), 10))).isEmpty();
            assertThat(messages.page(conversation, alice.id(), HistoryPage.before(elsewhere.id(), 10))).isEmpty();
            assertThat(messages.page(conversation, alice.id(), HistoryPage.before(MessageId.of(7_000_000_000L), 10))).isEmpty();
        }

        @Test
        @DisplayName("pages exactly as the in-memory fixture does, for every cursor, limit and offset")
        void same_as_fixture() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            User carol = register(users, "carol");
            var fixture = new InMemoryMessageStore();
            Map<Long, Long> fixtureIdBySeq = new HashMap<>();
            List<Message> stored = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                var newMessage = message(i % 3 == 0 ? bob : alice, i % 3 == 0 ? alice : bob, "m" + i, at(i));
                stored.add(((AppendMessage.Appended) messages.append(newMessage)).message());
                Message inMemory = fixture.append(newMessage).message();
                fixtureIdBySeq.put(inMemory.seq(), inMemory.id().value());
            }
            Message foreign = send(messages, alice, carol, "elsewhere", at(7));
            ConversationId conversation = ConversationId.between(alice.id(), bob.id());
            List<Optional<Message>> cursors = new ArrayList<>();
            cursors.add(Optional.empty());
            stored.forEach(m -> cursors.add(Optional.of(m)));
            cursors.add(Optional.of(foreign));

            for (Optional<Message> cursor : cursors) {
                for (int limit : new int[] {1, 2, 5, 6, 7}) {
                    for (int offset : new int[] {0, 1, 4, 5, 6, 9}) {
                        var ours = new HistoryPage(limit, offset, cursor.map(Message::id));
                        // the fixture numbers its messages itself; the same seq names the same message
                        var theirs = new HistoryPage(limit, offset, cursor.map(m -> m == foreign
                                ? MessageId.of(999_999) : MessageId.of(fixtureIdBySeq.get(m.seq()))));
                        assertThat(seqs(messages.page(conversation, alice.id(), ours)))
                                .as("cursor %s, limit %d, offset %d", cursor.map(Message::seq), limit, offset)
                                .isEqualTo(seqs(fixture.page(conversation, alice.id(), theirs)));
                    }
                }
            }
        }

        @Test
        @DisplayName("the change stream replays the messages created after a position, oldest first, bounded by the limit")
        void after() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            for (int i = 1; i <= 5; i++) {
                send(messages, alice, bob, "m" + i, at(i));
            }
            ConversationId conversation = ConversationId.between(alice.id(), bob.id());

            assertThat(messages.after(conversation, bob.id(), 2, 10)).extracting(ConversationChange::position)
                    .containsExactly(3L, 4L, 5L);
            assertThat(messages.after(conversation, bob.id(), 0, 2)).map(change -> ((MessageCreated) change).message().seq())
                    .containsExactly(1L, 2L);
            assertThat(messages.after(conversation, bob.id(), 5, 10)).isEmpty();
            assertThat(messages.after(ConversationId.between(alice.id(), alice.id()), alice.id(), 0, 10)).isEmpty();
            assertThatThrownBy(() -> messages.after(conversation, bob.id(), -1, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> messages.after(conversation, bob.id(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("a conversation that never started has an empty history")
        void empty() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");

            assertThat(messages.page(ConversationId.between(alice.id(), bob.id()), alice.id(), HistoryPage.newest())).isEmpty();
        }

        @Test
        @DisplayName("finds a message by id alone, or within its own conversation only")
        void find() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            User carol = register(users, "carol");
            Message message = send(messages, alice, bob, "findable", at(1));

            assertThat(messages.find(message.id())).contains(message);
            assertThat(messages.find(ConversationId.between(alice.id(), bob.id()), message.id())).contains(message);
            assertThat(messages.find(ConversationId.between(alice.id(), carol.id()), message.id())).isEmpty();
            assertThat(messages.find(MessageId.of(7_000_000_001L))).isEmpty();
        }
    }

    @Nested
    @DisplayName("conversation lists")
    class Inbox {

        @Test
        @DisplayName("show both sides the last message; the sender has read it, the recipient has not")
        void both_sides() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            send(messages, alice, bob, "one", at(1));
            Message last = send(messages, alice, bob, "two", at(2));

            InboxEntry alices = messages.list(alice.id(), 10).get(0);
            InboxEntry bobs = messages.list(bob.id(), 10).get(0);

            assertThat(alices).isEqualTo(new InboxEntry(alice.id(), bob.id(), bob.username(), 2, 2, 0, last.id(), at(2),
                    Optional.of("two"), 2, 0, 0));
            assertThat(bobs).isEqualTo(new InboxEntry(bob.id(), alice.id(), alice.username(), 2, 0, 0, last.id(), at(2),
                    Optional.of("two"), 2, 2, 2));
            assertThat(bobs.unreadCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("replying marks the conversation read for the one who replies")
        void reply_marks_read() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            send(messages, alice, bob, "one", at(1));
            send(messages, alice, bob, "two", at(2));
            send(messages, bob, alice, "three", at(3));

            assertThat(messages.list(bob.id(), 10).get(0).unreadCount()).isZero();
            assertThat(messages.list(alice.id(), 10).get(0)).satisfies(entry -> {
                assertThat(entry.lastReadSeq()).isEqualTo(2);
                assertThat(entry.unreadCount()).isEqualTo(1);
            });
        }

        @Test
        @DisplayName("preview the first 100 code points of the last message, never splitting an emoji")
        void preview() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            String content = "😀".repeat(150);

            send(messages, alice, bob, content, at(1));

            assertThat(messages.list(bob.id(), 10).get(0).lastMessagePreview()).contains("😀".repeat(100));
        }

        @Test
        @DisplayName("list the most recent conversation first, ties broken by the later seq, bounded by the limit")
        void ordering() {
            User owner = register(users, "owner");
            User early = register(users, "early");
            User late = register(users, "late");
            User busy = register(users, "busy");
            User tie = register(users, "tie");
            send(messages, early, owner, "e", at(10));
            send(messages, busy, owner, "b1", at(20));
            send(messages, owner, busy, "b2", at(20));
            send(messages, tie, owner, "t", at(20));
            send(messages, late, owner, "l", at(30));

            List<InboxEntry> all = messages.list(owner.id(), 10);

            assertThat(all).extracting(InboxEntry::peer).containsExactly(late.id(), busy.id(), tie.id(), early.id());
            assertThat(messages.list(owner.id(), 2)).extracting(InboxEntry::peer).containsExactly(late.id(), busy.id());
            assertThat(messages.list(register(users, "nobody").id(), 10)).isEmpty();
        }

        @Test
        @DisplayName("one line of a conversation list is found by its peer, for both participants, and only if they talk")
        void entry_by_peer() {
            User owner = register(users, "owner");
            User peer = register(users, "peer");
            User stranger = register(users, "stranger");
            send(messages, peer, owner, "hi", at(1));
            send(messages, owner, peer, "hello", at(2));

            assertThat(messages.entry(owner.id(), peer.id())).get()
                    .extracting(InboxEntry::lastSeq, InboxEntry::lastReadSeq).containsExactly(2L, 2L);
            assertThat(messages.entry(peer.id(), owner.id())).get().extracting(InboxEntry::peer).isEqualTo(owner.id());
            assertThat(messages.entry(owner.id(), stranger.id())).isEmpty();
            assertThat(messages.entry(stranger.id(), owner.id())).isEmpty();
        }

        @Test
        @DisplayName("total unread is the sum over all conversations, and zero without any")
        void total_unread() {
            User owner = register(users, "owner");
            User a = register(users, "a");
            User b = register(users, "b");
            send(messages, a, owner, "1", at(1));
            send(messages, a, owner, "2", at(2));
            send(messages, b, owner, "3", at(3));
            send(messages, owner, a, "reply", at(4));
            send(messages, a, owner, "4", at(5));
            assertThat(messages.totalUnread(owner.id())).isEqualTo(2);

            send(messages, owner, b, "to b", at(6));
            send(messages, owner, b, "to b again", at(7));

            assertThat(messages.totalUnread(owner.id())).isEqualTo(1);
            assertThat(messages.totalUnread(a.id())).isZero();
            assertThat(messages.totalUnread(b.id())).isEqualTo(2);
            assertThat(messages.totalUnread(register(users, "quiet").id())).isZero();
        }

        @Test
        @DisplayName("notes to self: one conversation with oneself, never unread")
        void notes_to_self() {
            User alice = register(users, "alice");

            Message first = send(messages, alice, alice, "remember the milk", at(1));
            Message second = send(messages, alice, alice, "and eggs", at(2));

            assertThat(first.conversationId().value()).isEqualTo(alice.id().value() + ":" + alice.id().value());
            assertThat(second.seq()).isEqualTo(2);
            assertThat(messages.list(alice.id(), 10)).containsExactly(
                    new InboxEntry(alice.id(), alice.id(), alice.username(), 2, 2, second.id(), at(2), "and eggs"));
            assertThat(messages.totalUnread(alice.id())).isZero();
            assertThat(messages.markRead(alice.id(), alice.id(), Long.MAX_VALUE)).map(PostgresMessageStoreTest::marker).contains(List.of(2L, 2L));
        }
    }

    @Nested
    @DisplayName("read markers")
    class ReadMarkers {

        private record Pair(User reader, User writer) {
        }

        private Pair conversationWith(int messageCount) {
            User reader = register(users, "reader");
            User writer = register(users, "writer");
            for (int i = 1; i <= messageCount; i++) {
                send(messages, writer, reader, "m" + i, at(i));
            }
            return new Pair(reader, writer);
        }

        @Test
        @DisplayName("move forward to the requested seq")
        void forward() {
            Pair pair = conversationWith(5);

            assertThat(messages.markRead(pair.reader().id(), pair.writer().id(), 3)).map(PostgresMessageStoreTest::marker).contains(List.of(3L, 5L));
            assertThat(messages.totalUnread(pair.reader().id())).isEqualTo(2);
        }

        @Test
        @DisplayName("never move back")
        void never_back() {
            Pair pair = conversationWith(5);
            messages.markRead(pair.reader().id(), pair.writer().id(), 4);

            assertThat(messages.markRead(pair.reader().id(), pair.writer().id(), 2)).map(PostgresMessageStoreTest::marker).contains(List.of(4L, 5L));
            assertThat(messages.markRead(pair.reader().id(), pair.writer().id(), 0)).map(PostgresMessageStoreTest::marker).contains(List.of(4L, 5L));
        }

        @Test
        @DisplayName("never pass the newest message, so 'everything' means up to it")
        void clamped() {
            Pair pair = conversationWith(5);

            assertThat(messages.markRead(pair.reader().id(), pair.writer().id(), 99)).map(PostgresMessageStoreTest::marker).contains(List.of(5L, 5L));
            assertThat(messages.markRead(pair.reader().id(), pair.writer().id(), Long.MAX_VALUE)).map(PostgresMessageStoreTest::marker).contains(List.of(5L, 5L));
            send(messages, pair.writer(), pair.reader(), "new", at(9));
            assertThat(messages.list(pair.reader().id(), 1).get(0)).satisfies(entry -> {
                assertThat(entry.lastReadSeq()).isEqualTo(5);
                assertThat(entry.unreadCount()).isEqualTo(1);
            });
        }

        @Test
        @DisplayName("are absent where there is no conversation, and a negative seq is refused")
        void no_conversation() {
            User reader = register(users, "reader");
            User stranger = register(users, "stranger");

            assertThat(messages.markRead(reader.id(), stranger.id(), 1)).isEmpty();
            assertThatThrownBy(() -> messages.markRead(reader.id(), stranger.id(), -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("stay where they are when new messages arrive, and match the fixture's arithmetic")
        void same_as_fixture() {
            User reader = register(users, "reader");
            User writer = register(users, "writer");
            var fixture = new InMemoryMessageStore();
            List<Function<io.chatplatform.application.port.out.MoveReadMarker, Optional<ReadState>>> marks = List.of(
                    store -> store.markRead(reader.id(), writer.id(), 2),
                    store -> store.markRead(reader.id(), writer.id(), 1),
                    store -> store.markRead(reader.id(), writer.id(), 7),
                    store -> store.markRead(writer.id(), reader.id(), 3));
            for (int round = 0; round < 4; round++) {
                var newMessage = message(round % 2 == 0 ? writer : reader, round % 2 == 0 ? reader : writer, "r" + round, at(round));
                messages.append(newMessage);
                fixture.append(newMessage);
                for (var mark : marks) {
                    assertThat(mark.apply(messages)).isEqualTo(mark.apply(fixture));
                }
                assertThat(messages.totalUnread(reader.id())).isEqualTo(fixture.totalUnread(reader.id()));
                assertThat(messages.totalUnread(writer.id())).isEqualTo(fixture.totalUnread(writer.id()));
            }
            Map<UserId, Long> unread = Stream.of(reader, writer)
                    .collect(Collectors.toMap(User::id, user -> messages.list(user.id(), 1).get(0).unreadCount()));
            assertThat(unread).containsEntry(reader.id(), fixture.list(reader.id(), 1).get(0).unreadCount())
                    .containsEntry(writer.id(), fixture.list(writer.id(), 1).get(0).unreadCount());
        }

        @Test
        @DisplayName("the read marker and the erasure invariants are kept by the database; an inconsistent line is refused when read")
        void check_constraint() {
            Pair pair = conversationWith(2);
            Map<String, String> violations = Map.of(
                    "last_read_seq = -1", "user_conversations_read_within_conversation",
                    "last_read_seq = last_seq + 1", "user_conversations_read_within_conversation");

            violations.forEach((assignment, constraint) -> assertThatThrownBy(() -> db.database().jdbi().useHandle(handle ->
                    handle.execute("UPDATE user_conversations SET " + assignment + " WHERE user_id = ?", pair.reader().id().value())))
                    .as(assignment).hasMessageContaining(constraint));
            assertThatThrownBy(() -> db.database().jdbi().useHandle(handle -> handle.execute(
                    "UPDATE messages SET content = NULL WHERE sender_id = ?", pair.writer().id().value())))
                    .hasMessageContaining("messages_content_until_deleted");
            assertThatThrownBy(() -> db.database().jdbi().useHandle(handle -> handle.execute(
                    "UPDATE messages SET content = NULL, deleted_at = now(), edit_count = 1 WHERE sender_id = ?",
                    pair.writer().id().value())))
                    .hasMessageContaining("messages_tombstone_keeps_nothing");
            // the markers' arithmetic is checked where a line is read, not on every send (V6 says why)
            for (String assignment : List.of("removed_unread = -1", "removed_unread = last_seq - last_read_seq + 1",
                    "peer_delivered_seq = last_seq + 1", "last_change_seq = last_seq - 1")) {
                db.database().jdbi().useHandle(handle -> handle.execute("UPDATE user_conversations SET " + assignment
                        + " WHERE user_id = ?", pair.reader().id().value()));
                assertThatThrownBy(() -> messages.entry(pair.reader().id(), pair.writer().id())).as(assignment)
                        .hasStackTraceContaining("IllegalArgumentException");
                db.database().jdbi().useHandle(handle -> handle.execute("UPDATE user_conversations SET removed_unread = 0,"
                        + " peer_delivered_seq = peer_read_seq, last_change_seq = last_seq WHERE user_id = ?",
                        pair.reader().id().value()));
            }
        }
    }

    @Nested
    @DisplayName("changing messages")
    class Changing {

        private final MessageChangePolicy policy = new MessageChangePolicy(new MessageChangeLimits(Optional.empty(), 2, 3));

        private ChangeMessages.Result<Decision.Edit> edit(ChangeMessages store, User editor, MessageId id, String content, Instant at) {
            MessageContent text = MessageContent.of(content);
            return store.edit(id, editor.id(), text, at,
                    state -> state.map(found -> policy.edit(editor.id(), found, text, at)).orElse(Decision.NOT_FOUND));
        }

        private ChangeMessages.Result<Decision.DeleteForEveryone> delete(ChangeMessages store, User user, MessageId id, Instant at) {
            return store.deleteForEveryone(id, user.id(), at,
                    state -> state.map(found -> policy.deleteForEveryone(user.id(), found)).orElse(Decision.NOT_FOUND));
        }

        private ChangeMessages.Result<Decision.DeleteForMe> hide(ChangeMessages store, User user, MessageId id, Instant at) {
            return store.hide(id, user.id(), at,
                    (state, hidden) -> state.map(found -> policy.deleteForMe(user.id(), found, hidden)).orElse(Decision.NOT_FOUND));
        }

        private ChangeMessages.Result<Decision.React> react(ChangeMessages store, User user, MessageId id, Emoji emoji, Instant at) {
            return store.react(id, user.id(), emoji, at,
                    state -> state.map(found -> policy.react(user.id(), found, emoji)).orElse(Decision.NOT_FOUND));
        }

        private ChangeMessages.Result<Decision.Unreact> unreact(ChangeMessages store, User user, MessageId id, Emoji emoji,
                                                                Instant at) {
            return store.unreact(id, user.id(), emoji, at,
                    state -> state.map(found -> policy.unreact(user.id(), found, emoji)).orElse(Decision.NOT_FOUND));
        }

        @Test
        @DisplayName("a deletion for everyone leaves no trace of the text in any table: not the message, its versions, reactions or log")
        void deletion_erases_the_content() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            String secret = "secret-" + Long.toHexString(System.nanoTime());
            Message message = send(messages, alice, bob, secret + " as sent", at(1));
            Message reply = ((AppendMessage.Appended) messages.append(new AppendMessage.NewMessage(Fixtures.participant(bob),
                    Fixtures.participant(alice), MessageContent.of("kept"), Optional.empty(), at(2),
                    Optional.of(message.id())))).message();
            edit(messages, alice, message.id(), secret + " edited once", at(3));
            edit(messages, alice, message.id(), secret + " edited twice", at(4));
            react(messages, bob, message.id(), Emoji.of("👍"), at(5));
            react(messages, alice, message.id(), Emoji.of("🔥"), at(6));
            hide(messages, bob, message.id(), at(7));
            assertThat(rowsMentioning(secret)).as("before the deletion").isGreaterThanOrEqualTo(3);

            delete(messages, alice, message.id(), at(8));

            assertThat(rowsMentioning(secret)).isZero();
            String cid = message.conversationId().value();
            assertThat(db.count("SELECT count(*) FROM message_edits WHERE conversation_id = ? AND message_id = ?", cid,
                    message.id().value())).isZero();
            assertThat(db.count("SELECT count(*) FROM message_reactions WHERE conversation_id = ? AND message_id = ?", cid,
                    message.id().value())).isZero();
            assertThat(db.count("""
                    SELECT count(*) FROM messages WHERE conversation_id = ? AND id = ? AND content IS NULL AND edited_at IS NULL
                       AND deleted_at IS NOT NULL AND edit_count = 0 AND NOT has_reactions AND seq = 1""", cid,
                    message.id().value())).isOne();
            assertThat(db.count("SELECT count(*) FROM conversation_changes WHERE conversation_id = ? AND message_id = ?", cid,
                    message.id().value())).as("what happened stays, without the text").isEqualTo(6);
            assertThat(messages.find(reply.id()).orElseThrow().replyTo()).contains(message.id());
        }

        /** Rows of any table of the test's schema whose text contains {@code text}, in any column. */
        private long rowsMentioning(String text) {
            List<String> tables = db.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                    .bind("schema", db.schema()).mapTo(String.class).list());
            assertThat(tables).contains("messages", "message_edits", "message_reactions", "message_hides",
                    "conversation_changes", "user_conversations");
            long rows = 0;
            for (String table : tables) {
                rows += db.count("SELECT count(*) FROM " + db.schema() + "." + table + " t WHERE strpos(CAST(t AS text), ?) > 0",
                        text);
            }
            return rows;
        }

        /** A message without its store's id: ids differ between stores, seqs do not. */
        private record Seen(long seq, UserId sender, Optional<MessageContent> content, Instant createdAt,
                            Optional<Long> replyToSeq, Optional<Instant> editedAt, Optional<Instant> deletedAt,
                            List<Reaction> reactions) {
        }

        private Seen seen(Message message, Function<MessageId, Long> seqOf) {
            return new Seen(message.seq(), message.senderId(), message.content(), message.createdAt(),
                    message.replyTo().map(seqOf), message.editedAt(), message.deletedAt(), message.reactions().entries());
        }

        private List<Object> seen(ConversationChange change, Function<MessageId, Long> seqOf) {
            if (change instanceof MessageCreated created) {
                return List.of("created", change.position(), seen(created.message(), seqOf));
            } else if (change instanceof MessageEdited edited) {
                return List.of("edited", change.position(), seen(edited.message(), seqOf));
            } else if (change instanceof MessageDeleted deleted) {
                return List.of("deleted", change.position(), seen(deleted.message(), seqOf), deleted.onlyFor());
            } else if (change instanceof ReactionUpdated reaction) {
                return List.of("reaction", change.position(), seen(reaction.message(), seqOf), reaction.reactor());
            } else if (change instanceof ReadMarkerMoved read) {
                return List.of("read", change.position(), read.reader(), read.upToSeq());
            }
            DeliveryMarkerMoved delivered = (DeliveryMarkerMoved) change;
            return List.of("delivered", change.position(), delivered.recipient(), delivered.upToSeq());
        }

        private static List<Object> seen(InboxEntry entry) {
            return List.of(entry.owner(), entry.peer(), entry.lastSeq(), entry.lastReadSeq(), entry.removedUnread(),
                    entry.lastMessageAt(), entry.lastMessagePreview(), entry.lastPosition(), entry.peerReadSeq(),
                    entry.peerDeliveredSeq(), entry.unreadCount());
        }

        private final Set<Object> outcomes = new HashSet<>();

        private List<Object> seen(ChangeMessages.Result<?> result) {
            outcomes.add(result.decision().getClass().getSimpleName());
            return List.of(result.decision(), result.message().map(Message::seq), result.change().map(ConversationChange::position));
        }

        @Test
        @DisplayName("behaves as the in-memory store, change by change, through 400 random sends, changes and markers")
        void same_as_fixture() {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            List<User> both = List.of(alice, bob);
            InMemoryMessageStore fixture = new InMemoryMessageStore();
            List<Emoji> emoji = List.of(Emoji.of("👍"), Emoji.of("❤️"), Emoji.of("😂"), Emoji.of("🎉"));
            List<MessageId> ours = new ArrayList<>();
            List<MessageId> theirs = new ArrayList<>();
            // one map per store: their ids come from different sources and may coincide
            Map<MessageId, Long> ourSeqs = new HashMap<>();
            Map<MessageId, Long> theirSeqs = new HashMap<>();
            Random random = new Random(20261206);
            ConversationId conversation = ConversationId.between(alice.id(), bob.id());

            for (int step = 0; step < 400; step++) {
                User actor = both.get(random.nextInt(2));
                User peer = actor == alice ? bob : alice;
                Instant at = at(step);
                // mostly the newest few messages, so that they collect edits, reactions and deletions up to the limits
                int pick = ours.isEmpty() ? 0 : random.nextInt(5) == 0 ? random.nextInt(ours.size())
                        : Math.max(0, ours.size() - 1 - random.nextInt(3));
                int kind = ours.size() < 3 ? 0 : random.nextInt(13);
                String what = "step " + step + " kind " + kind + " by " + actor.username() + " on seq " + (pick + 1);
                switch (kind) {
                    case 0 -> {
                        Optional<Integer> reply = random.nextInt(4) == 0 && !ours.isEmpty() ? Optional.of(pick) : Optional.empty();
                        var newMessage = (AppendMessage.Appended) messages.append(new AppendMessage.NewMessage(
                                Fixtures.participant(actor), Fixtures.participant(peer), MessageContent.of("m" + step),
                                Optional.empty(), at, reply.map(ours::get)));
                        var newFixture = (AppendMessage.Appended) fixture.append(new AppendMessage.NewMessage(
                                Fixtures.participant(actor), Fixtures.participant(peer), MessageContent.of("m" + step),
                                Optional.empty(), at, reply.map(theirs::get)));
                        assertThat(newMessage.position()).as(what).isEqualTo(newFixture.position());
                        ours.add(newMessage.message().id());
                        theirs.add(newFixture.message().id());
                        ourSeqs.put(newMessage.message().id(), newMessage.message().seq());
                        theirSeqs.put(newFixture.message().id(), newFixture.message().seq());
                    }
                    case 1, 2, 3 -> assertThat(seen(edit(messages, actor, ours.get(pick), "edit " + step, at))).as(what)
                            .isEqualTo(seen(edit(fixture, actor, theirs.get(pick), "edit " + step, at)));
                    case 4 -> assertThat(seen(delete(messages, actor, ours.get(pick), at))).as(what)
                            .isEqualTo(seen(delete(fixture, actor, theirs.get(pick), at)));
                    case 5 -> assertThat(seen(hide(messages, actor, ours.get(pick), at))).as(what)
                            .isEqualTo(seen(hide(fixture, actor, theirs.get(pick), at)));
                    case 6, 7, 8 -> {
                        Emoji which = emoji.get(random.nextInt(emoji.size()));
                        assertThat(seen(react(messages, actor, ours.get(pick), which, at))).as(what)
                                .isEqualTo(seen(react(fixture, actor, theirs.get(pick), which, at)));
                    }
                    case 9 -> {
                        Emoji which = emoji.get(random.nextInt(emoji.size()));
                        assertThat(seen(unreact(messages, actor, ours.get(pick), which, at))).as(what)
                                .isEqualTo(seen(unreact(fixture, actor, theirs.get(pick), which, at)));
                    }
                    case 10 -> {
                        long upTo = random.nextInt(ours.size() + 3);
                        var read = messages.markRead(actor.id(), peer.id(), upTo);
                        assertThat(read).as(what).isEqualTo(fixture.markRead(actor.id(), peer.id(), upTo));
                        outcomes.add(read.orElseThrow().position().isPresent() ? "read" : "read unmoved");
                    }
                    default -> {
                        long upTo = random.nextInt(ours.size() + 3);
                        var delivered = messages.markDelivered(actor.id(), peer.id(), upTo);
                        assertThat(delivered).as(what).isEqualTo(fixture.markDelivered(actor.id(), peer.id(), upTo));
                        outcomes.add(delivered.isPresent() ? "delivered" : "not delivered");
                    }
                }
                for (User owner : both) {
                    User other = owner == alice ? bob : alice;
                    assertThat(messages.entry(owner.id(), other.id()).map(Changing::seen)).as(what)
                            .isEqualTo(fixture.entry(owner.id(), other.id()).map(Changing::seen));
                    assertThat(messages.totalUnread(owner.id())).as(what).isEqualTo(fixture.totalUnread(owner.id()));
                }
            }

            assertThat(outcomes).as("the script reached every outcome").containsExactlyInAnyOrder("Allowed", "Unchanged",
                    "Gone", "NotFound", "TooManyEdits", "TooManyEmoji", "read", "read unmoved", "delivered", "not delivered");
            Function<MessageId, Long> ourSeqOf = ourSeqs::get;
            Function<MessageId, Long> theirSeqOf = theirSeqs::get;
            for (User viewer : both) {
                assertThat(messages.after(conversation, viewer.id(), 0, 10_000)).map(change -> seen(change, ourSeqOf))
                        .isEqualTo(fixture.after(conversation, viewer.id(), 0, 10_000).stream()
                                .map(change -> seen(change, theirSeqOf)).toList());
                assertThat(messages.page(conversation, viewer.id(), new HistoryPage(HistoryPage.MAX_LIMIT, 0, Optional.empty())))
                        .map(message -> seen(message, ourSeqOf))
                        .isEqualTo(fixture.page(conversation, viewer.id(), new HistoryPage(HistoryPage.MAX_LIMIT, 0, Optional.empty()))
                                .stream().map(message -> seen(message, theirSeqOf)).toList());
            }
            for (int i = 0; i < ours.size(); i++) {
                assertThat(messages.earlierVersions(conversation, ours.get(i)))
                        .isEqualTo(fixture.earlierVersions(conversation, theirs.get(i)));
            }
            for (long seq = 0; seq <= ours.size() + 1; seq++) {
                assertThat(messages.positionOfMessage(conversation, seq)).isEqualTo(fixture.positionOfMessage(conversation, seq));
            }
            long last = db.count("SELECT last_change_seq FROM conversations WHERE id = ?", conversation.value());
            for (long position = 0; position <= last + 1; position++) {
                assertThat(messages.messageSeqAt(conversation, position)).isEqualTo(fixture.messageSeqAt(conversation, position));
            }
        }
    }

    @Test
    @DisplayName("timestamps come back as the same instant, to the millisecond")
    void timestamps() {
        User alice = register(users, "alice");
        User bob = register(users, "bob");
        Instant instant = Instant.parse("2026-03-29T01:30:00.987Z");

        Message sent = send(messages, alice, bob, "dst", instant);

        assertThat(messages.find(sent.id()).orElseThrow().createdAt()).isEqualTo(instant);
        assertThat(messages.list(bob.id(), 1).get(0).lastMessageAt()).isEqualTo(instant);
    }
}
