package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.message;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What must hold when appends race: the guarantees of {@link AppendMessage}, checked with real threads. */
@DisplayName("concurrent appends")
class ConcurrencyTest {

    private static final int THREADS = 10;

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

    /** Runs the tasks at once: each waits at a start gate until all are submitted. */
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
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private List<Long> storedSeqs(ConversationId conversation) {
        List<Long> seqs = new ArrayList<>(messages.page(conversation, conversation.low(),
                        new HistoryPage(HistoryPage.MAX_LIMIT, 0, Optional.empty()))
                .stream().map(Message::seq).toList());
        seqs.sort(null);
        return seqs;
    }

    @Test
    @DisplayName("two users writing to each other for the first time at the same instant share one conversation")
    void first_contact() throws Exception {
        for (int round = 0; round < 15; round++) {
            User alice = register(users, "alice");
            User bob = register(users, "bob");
            ConversationId conversation = ConversationId.between(alice.id(), bob.id());

            List<AppendMessage.Outcome> outcomes = race(List.of(
                    () -> messages.append(message(alice, bob, "hi bob", T0)),
                    () -> messages.append(message(bob, alice, "hi alice", T0))));

            assertThat(outcomes).allMatch(AppendMessage.Appended.class::isInstance);
            assertThat(outcomes).extracting(outcome -> outcome.message().conversationId()).containsOnly(conversation);
            assertThat(db.count("SELECT count(*) FROM conversations WHERE id = ?", conversation.value())).isOne();
            assertThat(storedSeqs(conversation)).containsExactly(1L, 2L);
            assertThat(messages.list(alice.id(), 10)).singleElement().extracting(InboxEntry::lastSeq).isEqualTo(2L);
            assertThat(messages.list(bob.id(), 10)).singleElement().extracting(InboxEntry::lastSeq).isEqualTo(2L);
        }
    }

    @Test
    @DisplayName("50 concurrent sends into one conversation get seqs 1 to 50, without gap or duplicate")
    void contiguous_seqs() throws Exception {
        User alice = register(users, "alice");
        User bob = register(users, "bob");
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        List<Callable<Message>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean fromAlice = i % 2 == 0;
            String content = "message " + i;
            sends.add(() -> send(messages, fromAlice ? alice : bob, fromAlice ? bob : alice, content, T0));
        }

        List<Message> sent = race(sends);

        assertThat(sent).extracting(Message::seq).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(sent).extracting(Message::id).doesNotHaveDuplicates();
        assertThat(storedSeqs(conversation)).isEqualTo(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(db.count("SELECT last_seq FROM conversations WHERE id = ?", conversation.value())).isEqualTo(50);
        // each side has read up to its own newest message, and both rows point at seq 50
        for (User user : List.of(alice, bob)) {
            long newestOwn = sent.stream().filter(m -> m.senderId().equals(user.id())).mapToLong(Message::seq).max().orElseThrow();
            InboxEntry entry = messages.list(user.id(), 1).get(0);
            assertThat(entry.lastSeq()).isEqualTo(50);
            assertThat(entry.lastReadSeq()).isEqualTo(newestOwn);
            assertThat(entry.lastMessageId()).isEqualTo(sent.stream().filter(m -> m.seq() == 50).findFirst().orElseThrow().id());
        }
    }

    @Test
    @DisplayName("a send and its retry racing with one client message id store one message, and leave no seq gap")
    void racing_retries() throws Exception {
        User alice = register(users, "alice");
        User bob = register(users, "bob");
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        for (int round = 1; round <= 15; round++) {
            var sameSend = message(alice, bob, "exactly once " + round, T0, "client-" + round);

            List<AppendMessage.Outcome> outcomes = race(List.of(() -> messages.append(sameSend), () -> messages.append(sameSend)));

            assertThat(outcomes).filteredOn(AppendMessage.Appended.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(AppendMessage.AlreadyAppended.class::isInstance).hasSize(1);
            assertThat(outcomes.get(0).message()).isEqualTo(outcomes.get(1).message());
            assertThat(outcomes.get(0).message().seq()).isEqualTo(round);
        }
        assertThat(storedSeqs(conversation)).isEqualTo(LongStream.rangeClosed(1, 15).boxed().toList());
        assertThat(messages.list(bob.id(), 1).get(0).unreadCount()).isEqualTo(15);
    }

    @Test
    @DisplayName("a retry that passed the duplicate check before the first attempt committed gets the stored message, no seq gap")
    void retry_losing_at_the_insert() throws Exception {
        User alice = register(users, "alice");
        User bob = register(users, "bob");
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        send(messages, alice, bob, "first", T0);
        var retried = message(alice, bob, "retried", T0, "client-late");

        // The first attempt holds the conversation row while it stores the message; the retry has
        // passed its duplicate check and queues on that row; it then hits the unique index.
        Future<AppendMessage.Outcome> retry;
        Message firstAttempt;
        var jdbi = db.database().jdbi();
        try (var handle = jdbi.open()) {
            handle.begin();
            long[] advanced = handle.createQuery(Sql.ADVANCE_CONVERSATION).bind("cid", conversation.value())
                    .bind("userLow", conversation.low().value()).bind("userHigh", conversation.high().value())
                    .bind("now", T0).map((rs, ctx) -> new long[] {rs.getLong("last_seq"), rs.getLong("last_change_seq")})
                    .one();
            retry = pool.submit(() -> messages.append(retried));
            awaitBlockedSessions(1);
            firstAttempt = handle.createQuery(Sql.INSERT_MESSAGE).bind("cid", conversation.value()).bind("seq", advanced[0])
                    .bind("senderId", alice.id().value()).bind("recipientId", bob.id().value()).bind("content", "retried")
                    .bind("clientMessageId", "client-late").bind("createdAt", T0)
                    .bindByType("replyToId", null, Long.class).bind("changeSeq", advanced[1])
                    .mapTo(MessageRow.class).one().toDomain(Reactions.none());
            handle.createUpdate(Sql.INSERT_MESSAGE_LOCATION).bind("messageId", firstAttempt.id().value())
                    .bind("cid", conversation.value()).execute();
            handle.commit();
        }

        AppendMessage.Outcome outcome = retry.get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(new AppendMessage.AlreadyAppended(firstAttempt));
        assertThat(firstAttempt.seq()).isEqualTo(2);
        assertThat(send(messages, bob, alice, "after", T0).seq()).isEqualTo(3);
        assertThat(storedSeqs(conversation)).containsExactly(1L, 2L, 3L);
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
