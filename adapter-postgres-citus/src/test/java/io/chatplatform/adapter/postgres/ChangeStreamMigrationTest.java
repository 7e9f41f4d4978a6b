package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.user.User;
import io.chatplatform.testkit.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * V6 on a database that a V5 deployment filled: every message becomes the change at its seq, the
 * conversation lists get their positions and the peers' markers, and the stores carry on from
 * there. Runs on plain PostgreSQL (and on Citus with the {@code citus} profile).
 */
@DisplayName("V6 upgrades a database of V5 with its messages and conversation lists")
class ChangeStreamMigrationTest {

    private String schema;

    @BeforeEach
    void schema() {
        schema = TestPostgres.freshSchemaName("chat_test");
    }

    @AfterEach
    void drop() {
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void migrateTo(String version) {
        PostgresSettings server = TestDatabase.server();
        Flyway.configure()
                .dataSource(server.jdbcUrl(), server.user(), server.password())
                .locations("classpath:db/migration")
                .schemas(schema)
                .createSchemas(true)
                .target(version)
                .load()
                .migrate();
    }

    /** The stores on the schema as it is, without migrating it further. */
    private static PostgresDatabase openWithoutMigrating(PostgresSettings settings) {
        return new PostgresDatabase(new HikariDataSource(PostgresDatabase.poolConfig(settings)), false, ChatMetrics.NONE,
                PostgresDatabase.WORKER_CHECK_INTERVAL);
    }

    @Test
    @DisplayName("messages become the changes at their seqs, lists get positions and the peers' markers, and the stores carry on")
    void upgrade() {
        migrateTo("5");
        User alice;
        User bob;
        List<Long> ids = new ArrayList<>();
        PostgresSettings settings = TestDatabase.server().withSchema(schema);
        try (PostgresDatabase v5 = openWithoutMigrating(settings)) {
            // as the store of that time registered them: today's writes columns V5 does not have
            alice = v5.jdbi().inTransaction(handle -> Fixtures.registerBeforeV7(handle, "alice"));
            bob = v5.jdbi().inTransaction(handle -> Fixtures.registerBeforeV7(handle, "bob"));
            User a = alice;
            User b = bob;
            v5.jdbi().useTransaction(handle -> {
                ids.add(Fixtures.sendBeforeV6(handle, a, b, "one", 1, T0.plusSeconds(1)).id().value());
                ids.add(Fixtures.sendBeforeV6(handle, a, b, "two", 2, T0.plusSeconds(2)).id().value());
                ids.add(Fixtures.sendBeforeV6(handle, b, a, "three", 3, T0.plusSeconds(3)).id().value());
                ids.add(Fixtures.sendBeforeV6(handle, a, b, "four", 4, T0.plusSeconds(4)).id().value());
                Fixtures.sendBeforeV6(handle, a, a, "note one", 1, T0.plusSeconds(5));
                Fixtures.sendBeforeV6(handle, a, a, "note two", 2, T0.plusSeconds(6));
            });
        }

        try (PostgresDatabase v6 = PostgresDatabase.open(settings)) {
            PostgresMessageStore messages = v6.messages();
            ConversationId conversation = ConversationId.between(alice.id(), bob.id());
            ConversationId notes = ConversationId.between(alice.id(), alice.id());

            Message third = messages.find(MessageId.of(ids.get(2))).orElseThrow();
            assertThat(third.content()).contains(MessageContent.of("three"));
            assertThat(third.editedAt()).isEmpty();
            assertThat(third.deletedAt()).isEmpty();
            assertThat(third.replyTo()).isEmpty();
            assertThat(third.reactions().isEmpty()).isTrue();
            List<ConversationChange> stream = messages.after(conversation, bob.id(), 0, 100);
            assertThat(stream).extracting(ConversationChange::position).containsExactly(1L, 2L, 3L, 4L);
            assertThat(stream).allSatisfy(change -> assertThat(change).isInstanceOf(MessageCreated.class));
            assertThat(((MessageCreated) stream.get(2)).message()).isEqualTo(third);
            assertThat(messages.positionOfMessage(conversation, 3)).isEqualTo(3);
            assertThat(messages.messageSeqAt(conversation, 2)).isEqualTo(2);
            assertThat(messages.entry(alice.id(), bob.id())).contains(new InboxEntry(alice.id(), bob.id(),
                    bob.username(), 4, 4, 0, MessageId.of(ids.get(3)), T0.plusSeconds(4),
                    Optional.of("four"), 4, 3, 3));
            assertThat(messages.entry(bob.id(), alice.id())).contains(new InboxEntry(bob.id(), alice.id(),
                    alice.username(), 4, 3, 0, MessageId.of(ids.get(3)), T0.plusSeconds(4),
                    Optional.of("four"), 4, 4, 4));
            assertThat(messages.entry(alice.id(), alice.id()).orElseThrow())
                    .extracting(InboxEntry::lastPosition, InboxEntry::peerReadSeq, InboxEntry::peerDeliveredSeq)
                    .containsExactly(2L, 0L, 0L);
            assertThat(messages.page(notes, alice.id(), HistoryPage.newest())).hasSize(2);
            assertThat(messages.totalUnread(bob.id())).isOne();

            // and on from there: the next message, change and marker take the next positions
            Message five = send(messages, bob, alice, "five", T0.plusSeconds(7));
            assertThat(five.seq()).isEqualTo(5);
            assertThat(messages.positionOfMessage(conversation, 5)).isEqualTo(5);
            var edited = messages.edit(third.id(), bob.id(), MessageContent.of("three, edited"), T0.plusSeconds(8),
                    state -> Decision.ALLOWED);
            assertThat(edited.change().orElseThrow().position()).isEqualTo(6);
            assertThat(messages.markDelivered(alice.id(), bob.id(), 5)).contains(new MoveReadMarker.Delivered(5, 7));
            var read = messages.markRead(alice.id(), bob.id(), 5).orElseThrow();
            assertThat(read.position()).hasValue(8);
            assertThat(messages.after(conversation, alice.id(), 4, 100)).extracting(ConversationChange::position)
                    .containsExactly(5L, 6L, 7L, 8L);
            assertThat(messages.entry(bob.id(), alice.id()).orElseThrow())
                    .extracting(InboxEntry::lastPosition, InboxEntry::peerReadSeq, InboxEntry::peerDeliveredSeq)
                    .containsExactly(8L, 5L, 5L);
            assertThat(messages.append(Fixtures.message(alice, bob, "retried", T0, "client-4")))
                    .as("a V5 client message id still finds its message").isInstanceOf(AppendMessage.AlreadyAppended.class);
        }
    }
}
