package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.message;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.MoveReadMarker.ReadState;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What must hold when changes of messages race each other, sends and markers: each change decides
 * on what the previous one left, positions stay contiguous, unread counts stay exact, nothing
 * deadlocks. Real threads on the real database.
 */
@DisplayName("concurrent changes")
class ChangeConcurrencyTest {

    private static final int THREADS = 10;
    private static final MessageChangePolicy POLICY =
            new MessageChangePolicy(new MessageChangeLimits(Optional.empty(), 20, 20));

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private final PostgresMessageStore messages = db.messages();
    private final PostgresUserStore users = db.users();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs the tasks at once: each waits at a start gate until all are submitted; a deadlock would fail the wait. */
    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                gate.await();
                return task.call();
            }));
        }
        gate.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private ChangeMessages.Result<Decision.Edit> edit(User editor, MessageId id, String content, Instant at) {
        MessageContent text = MessageContent.of(content);
        return messages.edit(id, editor.id(), text, at,
                state -> state.map(found -> POLICY.edit(editor.id(), found, text, at)).orElse(Decision.NOT_FOUND));
    }

    private ChangeMessages.Result<? extends Decision> reaction(User user, MessageId id, Emoji emoji, boolean add) {
        return add
                ? messages.react(id, user.id(), emoji, T0,
                        state -> state.map(found -> POLICY.react(user.id(), found, emoji)).orElse(Decision.NOT_FOUND))
                : messages.unreact(id, user.id(), emoji, T0,
                        state -> state.map(found -> POLICY.unreact(user.id(), found, emoji)).orElse(Decision.NOT_FOUND));
    }

    /** Every position of the conversation's stream as a participant who hid nothing sees it. */
    private List<Long> positions(ConversationId conversation, User viewer) {
        return messages.after(conversation, viewer.id(), 0, 10_000).stream().map(ConversationChange::position).toList();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    @DisplayName("edits of one message racing each other all land in its history, in the order they committed")
    void concurrent_edits() throws Exception {
        User alice = register(users, "alice");
        User bob = register(users, "bob");
        Message message = send(messages, alice, bob, "original", T0);
        int editors = 6;

        // a transaction holds the message's lock until every edit queues behind it, then lets go
        List<Future<ChangeMessages.Result<Decision.Edit>>> edits = new ArrayList<>();
        try (Handle holder = db.database().jdbi().open()) {
            holder.begin();
            holder.createQuery(Sql.MESSAGE_FOR_CHANGE).bind("cid", message.conversationId().value())
                    .bind("messageId", message.id().value()).mapTo(MessageRow.class).one();
            for (int i = 1; i <= editors; i++) {
                String content = "edit " + i;
                Instant at = T0.plusSeconds(i);
                edits.add(pool.submit(() -> edit(alice, message.id(), content, at)));
            }
            awaitBlockedSessions(editors);
            holder.commit();
        }
        List<ChangeMessages.Result<Decision.Edit>> results = new ArrayList<>();
        for (var edit : edits) {
            results.add(edit.get(60, TimeUnit.SECONDS));
        }

        assertThat(results).allMatch(result -> result.decision().allowed());
        List<Message> inCommitOrder = results.stream()
                .sorted(Comparator.comparingLong(result -> result.change().orElseThrow().position()))
                .map(result -> result.message().orElseThrow()).toList();
        List<EarlierVersion> expected = new ArrayList<>();
        expected.add(new EarlierVersion(MessageContent.of("original"), Optional.empty()));
        for (Message edited : inCommitOrder.subList(0, editors - 1)) {
            expected.add(new EarlierVersion(edited.content().orElseThrow(), edited.editedAt()));
        }
        assertThat(messages.earlierVersions(message.conversationId(), message.id())).containsExactlyElementsOf(expected);
        Message last = inCommitOrder.get(editors - 1);
        assertThat(messages.find(message.id())).contains(last);
        assertThat(results).extracting(result -> result.change().orElseThrow().position())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, editors + 1).boxed().toList());
        assertThat(positions(message.conversationId(), bob)).isEqualTo(oneTo(editors + 1));
        assertThat(messages.after(message.conversationId(), bob.id(), 1, 100))
                .allSatisfy(change -> assertThat(change).isEqualTo(new MessageEdited(last, change.position())));
        assertThat(messages.entry(bob.id(), alice.id()).orElseThrow().lastMessagePreview()).contains(last.content().orElseThrow().value());
    }

    private record Reacting(User user, Emoji emoji, boolean add) {
    }

    @Test
    @DisplayName("50 reactions of two users, adding and taking back, racing: each decides on the state the previous left")
    void concurrent_reactions() throws Exception {
        User alice = register(users, "alice");
        User bob = register(users, "bob");
        Message message = send(messages, alice, bob, "react!", T0);
        List<Emoji> emoji = List.of(Emoji.of("👍"), Emoji.of("❤️"), Emoji.of("😂"));
        List<Reacting> reactions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reactions.add(new Reacting(i % 2 == 0 ? alice : bob, emoji.get(i % 3), i % 5 != 4 && i % 7 != 6));
        }
        List<Callable<ChangeMessages.Result<? extends Decision>>> tasks = new ArrayList<>();
        for (Reacting reacting : reactions) {
            tasks.add(() -> reaction(reacting.user(), message.id(), reacting.emoji(), reacting.add()));
        }

        List<ChangeMessages.Result<? extends Decision>> results = race(tasks);

        assertThat(results).allMatch(result -> result.decision().allowed() || result.decision() == Decision.UNCHANGED);
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).change().isPresent()) {
                written.add(i);
            }
        }
        written.sort(Comparator.comparingLong(i -> results.get(i).change().orElseThrow().position()));
        assertThat(written).isNotEmpty();
        // the written reactions applied in position order, from none, give each one's result and the end state
        Reactions replayed = Reactions.none();
        for (int i : written) {
            Reacting reacting = reactions.get(i);
            Reactions before = replayed;
            replayed = reacting.add() ? before.with(reacting.user().id(), reacting.emoji())
                    : before.without(reacting.user().id(), reacting.emoji());
            assertThat(replayed).as("a written change changes something").isNotEqualTo(before);
            ReactionUpdated change = (ReactionUpdated) results.get(i).change().orElseThrow();
            assertThat(change.message().reactions()).as("position %d", change.position()).isEqualTo(replayed);
            assertThat(change.reactor()).isEqualTo(reacting.user().id());
        }
        Message now = messages.find(message.id()).orElseThrow();
        assertThat(now.reactions()).isEqualTo(replayed);
        List<ConversationChange> stream = messages.after(message.conversationId(), alice.id(), 0, 1000);
        assertThat(stream).extracting(ConversationChange::position).isEqualTo(oneTo(written.size() + 1));
        assertThat(stream.subList(1, stream.size())).allSatisfy(change ->
                assertThat(((ReactionUpdated) change).message()).isEqualTo(now));
        assertThat(db.count("SELECT last_change_seq FROM conversations WHERE id = ?", message.conversationId().value()))
                .isEqualTo(written.size() + 1);
        long rows = db.count("SELECT count(*) FROM message_reactions WHERE conversation_id = ? AND message_id = ?",
                message.conversationId().value(), message.id().value());
        assertThat(rows).isEqualTo(replayed.entries().stream().mapToLong(entry -> entry.userIds().size()).sum());
        assertThat(db.count("SELECT CASE WHEN has_reactions THEN 1 ELSE 0 END FROM messages WHERE id = ?", message.id().value()))
                .isEqualTo(replayed.isEmpty() ? 0 : 1);
        assertThat(messages.entry(alice.id(), bob.id()).orElseThrow().lastPosition()).isEqualTo(written.size() + 1);
        assertThat(messages.entry(bob.id(), alice.id()).orElseThrow().lastPosition()).isEqualTo(written.size() + 1);
    }

    @Test
    @DisplayName("sends, deletions, hidings, read and delivery markers racing keep unread counts exact and positions contiguous")
    void concurrent_sends_deletions_and_markers() throws Exception {
        User reader = register(users, "reader");
        User writer = register(users, "writer");
        ConversationId conversation = ConversationId.between(reader.id(), writer.id());
        List<Message> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(send(messages, writer, reader, "before " + i, T0));
        }
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            switch (i % 6) {
                case 0 -> tasks.add(() -> messages.append(message(writer, reader, "during " + n, T0)));
                case 1 -> tasks.add(() -> messages.deleteForEveryone(first.get(n / 3).id(), writer.id(), T0,
                        state -> state.map(found -> POLICY.deleteForEveryone(writer.id(), found)).orElse(Decision.NOT_FOUND)));
                case 2 -> tasks.add(() -> messages.markRead(reader.id(), writer.id(), n / 2));
                case 3 -> tasks.add(() -> messages.hide(first.get(19 - n / 4).id(), reader.id(), T0,
                        (state, hidden) -> state.map(found -> POLICY.deleteForMe(reader.id(), found, hidden))
                                .orElse(Decision.NOT_FOUND)));
                case 4 -> tasks.add(() -> messages.markDelivered(reader.id(), writer.id(), n));
                default -> tasks.add(() -> n % 4 == 1 ? messages.append(message(reader, writer, "reply " + n, T0))
                        : messages.markRead(reader.id(), writer.id(), Long.MAX_VALUE / (n + 1)));
            }
        }

        race(tasks);

        InboxEntry line = messages.entry(reader.id(), writer.id()).orElseThrow();
        long stillUnread = db.count("""
                SELECT count(*) FROM messages m
                WHERE m.conversation_id = ? AND m.seq > ? AND m.sender_id <> ? AND m.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM message_hides h
                                  WHERE h.conversation_id = m.conversation_id AND h.message_id = m.id AND h.user_id = ?)""",
                conversation.value(), line.lastReadSeq(), reader.id().value(), reader.id().value());
        assertThat(line.unreadCount()).isEqualTo(stillUnread);
        assertThat(messages.totalUnread(reader.id())).isEqualTo(stillUnread);
        InboxEntry theirs = messages.entry(writer.id(), reader.id()).orElseThrow();
        long theirUnread = db.count("""
                SELECT count(*) FROM messages m
                WHERE m.conversation_id = ? AND m.seq > ? AND m.sender_id <> ? AND m.deleted_at IS NULL""",
                conversation.value(), theirs.lastReadSeq(), writer.id().value());
        assertThat(theirs.unreadCount()).isEqualTo(theirUnread);
        assertThat(theirs.peerReadSeq()).isEqualTo(line.lastReadSeq());
        long last = db.count("SELECT last_change_seq FROM conversations WHERE id = ?", conversation.value());
        assertThat(positions(conversation, reader)).isEqualTo(oneTo(last));
        assertThat(theirs.lastPosition()).as("the writer's line: the newest position except the reader's hidings")
                .isEqualTo(positions(conversation, writer).get(positions(conversation, writer).size() - 1));
        assertThat(line.lastPosition()).isEqualTo(last);
    }

    @Test
    @DisplayName("a mark-read or delivery that loses its race rolls its position back: no gap")
    void racing_markers() throws Exception {
        User reader = register(users, "reader");
        User writer = register(users, "writer");
        ConversationId conversation = ConversationId.between(reader.id(), writer.id());
        for (int round = 1; round <= 10; round++) {
            send(messages, writer, reader, "m" + round, T0);
            List<Callable<Object>> same = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                same.add(() -> messages.markDelivered(reader.id(), writer.id(), Long.MAX_VALUE));
                same.add(() -> messages.markRead(reader.id(), writer.id(), Long.MAX_VALUE));
            }

            List<Object> results = race(same);

            assertThat(results).filteredOn(result -> result instanceof Optional<?> o && o.isPresent()
                    && o.get() instanceof ReadState state
                    && state.position().isPresent()).hasSize(1);
        }
        long last = db.count("SELECT last_change_seq FROM conversations WHERE id = ?", conversation.value());
        assertThat(positions(conversation, writer)).isEqualTo(oneTo(last));
        assertThat(messages.entry(writer.id(), reader.id()).orElseThrow())
                .extracting(InboxEntry::peerReadSeq, InboxEntry::peerDeliveredSeq).containsExactly(10L, 10L);
    }

    /** Waits until {@code n} sessions wait for a lock (on Citus: anywhere in the cluster). */
    private static void awaitBlockedSessions(int n) {
        String blocked = db.database().citusEnabled()
                ? "SELECT count(*) FROM citus_lock_waits"
                : "SELECT count(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0";
        eventually(n + " session(s) waiting for a lock").atMost(Duration.ofSeconds(20))
                .until(() -> db.count(blocked) >= n);
    }
}
