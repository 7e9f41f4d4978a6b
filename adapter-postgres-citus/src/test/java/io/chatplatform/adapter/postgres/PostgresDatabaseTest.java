package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.message;
import static io.chatplatform.adapter.postgres.Fixtures.newUser;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chatplatform.application.port.out.ProbeWorkers;
import io.chatplatform.application.port.out.StoreUnavailableException;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PostgresDatabase")
class PostgresDatabaseTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    /** Where nothing listens: connecting is refused at once. */
    private static final PostgresSettings CLOSED_PORT = PostgresSettings
            .fromUrl("postgresql://chat:s3cr3t-pw@127.0.0.1:1/chat")
            .withConnectionTimeout(Duration.ofMillis(250));

    @Nested
    @DisplayName("opening")
    class Opening {

        @Test
        @DisplayName("migrates every table into the configured schema, and nothing into public")
        void tables_in_schema() {
            List<String> tables = db.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema ORDER BY table_name COLLATE \"C\"")
                    .bind("schema", db.schema()).mapTo(String.class).list());

            assertThat(tables).containsExactly("account_erasures", "conversation_changes", "conversations", "emails",
                    "flyway_schema_history", "message_edits", "message_hides", "message_locations", "message_reactions",
                    "messages", "session_spent_tokens", "sessions", "user_blocks", "user_conversations", "usernames", "users");
        }

        @Test
        @DisplayName("links messages to conversations, and conversation lists, sessions, blocks and erasures to users with foreign keys")
        void foreign_keys() {
            List<String> keys = db.database().jdbi().withHandle(handle -> handle.createQuery("""
                    SELECT c.conname || ': ' || c.conrelid::regclass::text || ' -> ' || c.confrelid::regclass::text
                    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                    WHERE c.contype = 'f' AND n.nspname = :schema ORDER BY c.conname COLLATE "C\"""")
                    .bind("schema", db.schema()).mapTo(String.class).list());

            assertThat(keys).containsExactly(
                    "account_erasures_user_fkey: account_erasures -> users",
                    "conversation_changes_conversation_fkey: conversation_changes -> conversations",
                    "conversation_changes_message_fkey: conversation_changes -> messages",
                    "message_edits_message_fkey: message_edits -> messages",
                    "message_hides_message_fkey: message_hides -> messages",
                    "message_reactions_message_fkey: message_reactions -> messages",
                    "messages_conversation_fkey: messages -> conversations",
                    "session_spent_tokens_session_fkey: session_spent_tokens -> sessions",
                    "sessions_user_fkey: sessions -> users",
                    "user_blocks_user_fkey: user_blocks -> users",
                    "user_conversations_user_fkey: user_conversations -> users");
        }

        @Test
        @DisplayName("a second start on a migrated schema changes nothing and sees the same data")
        void reopen() {
            User user = register(db.users(), "persistent");
            long migrations = db.count("SELECT count(*) FROM flyway_schema_history");

            try (PostgresDatabase again = PostgresDatabase.open(TestDatabase.server().withSchema(db.schema()))) {
                assertThat(again.users().byId(user.id())).contains(user);
            }
            assertThat(db.count("SELECT count(*) FROM flyway_schema_history")).isEqualTo(migrations);
        }

        @Test
        @DisplayName("applies every migration, those that only concern Citus too, and keeps no index on last_seen")
        void migrations() {
            List<String> applied = db.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT version || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class).list());
            List<String> indexes = db.database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = :schema AND tablename = 'users' ORDER BY 1")
                    .bind("schema", db.schema()).mapTo(String.class).list());

            assertThat(applied).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "7 true");
            assertThat(indexes).containsExactly("users_pkey", "users_username_lower_idx");
        }

        @Test
        @DisplayName("tells whether the database is a Citus coordinator")
        void citus() {
            assertThat(db.database().citusEnabled()).isEqualTo(TestDatabase.CITUS_EXPECTED);
        }

        @Test
        @DisplayName("fails fast with a message naming the server, without the password, when nothing listens")
        void unreachable() {
            long started = System.nanoTime();

            assertThatThrownBy(() -> PostgresDatabase.open(CLOSED_PORT))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageContaining("'chat'")
                    .hasMessageNotContaining("s3cr3t-pw");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Nested
    @DisplayName("probe")
    class Probe {

        @Test
        @DisplayName("answers true while the database answers")
        void live() {
            assertThat(db.database().probe().isAvailable()).isTrue();
        }

        @Test
        @DisplayName("answers false, within about a second, when the database cannot be reached")
        void unreachable() {
            try (PostgresDatabase down = downDatabase(Duration.ofSeconds(3))) {
                long started = System.nanoTime();

                assertThat(down.probe().isAvailable()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_900));
            }
        }

        @Test
        @DisplayName("answers false once the database is closed")
        void closed() {
            PostgresDatabase database = PostgresDatabase.open(TestDatabase.server().withSchema(db.schema()).withMaxPoolSize(1));
            var probe = database.probe();
            database.close();

            assertThat(probe.isAvailable()).isFalse();
        }
    }

    @Nested
    @DisplayName("when the database cannot be reached")
    class Unavailable {

        @Test
        @DisplayName("every store operation fails with StoreUnavailableException, quickly")
        void store_unavailable() {
            try (PostgresDatabase down = downDatabase(Duration.ofMillis(250))) {
                var users = down.users();
                var messages = down.messages();
                User someone = register(db.users(), "someone");
                UserId id = someone.id();
                UserId other = UserId.of(id.value() + 1);
                List<ThrowingCallable> operations = List.of(
                        () -> users.create(newUser("nobody_new", "nobody_new@example.com")),
                        () -> users.byId(id),
                        () -> users.byUsername(Username.of("someone")),
                        () -> users.recordLastSeen(id, T0),
                        () -> messages.append(message(someone, someone, "hello?", T0)),
                        () -> messages.page(ConversationId.between(id, id), id, HistoryPage.newest()),
                        () -> messages.find(MessageId.of(1)),
                        () -> messages.earlierVersions(ConversationId.between(id, id), MessageId.of(1)),
                        () -> messages.list(id, 10),
                        () -> messages.totalUnread(id),
                        () -> messages.markRead(id, id, 1),
                        () -> messages.markDelivered(id, other, 1),
                        () -> messages.edit(MessageId.of(1), id, MessageContent.of("edited"), T0, state -> Decision.NOT_FOUND),
                        () -> messages.deleteForEveryone(MessageId.of(1), id, T0, state -> Decision.NOT_FOUND),
                        () -> messages.hide(MessageId.of(1), id, T0, (state, hidden) -> Decision.NOT_FOUND),
                        () -> messages.react(MessageId.of(1), id, Emoji.of("👍"), T0, state -> Decision.NOT_FOUND),
                        () -> messages.unreact(MessageId.of(1), id, Emoji.of("👍"), T0, state -> Decision.NOT_FOUND),
                        () -> messages.after(ConversationId.between(id, other), id, 0, 10),
                        () -> messages.positionOfMessage(ConversationId.between(id, other), 1),
                        () -> messages.messageSeqAt(ConversationId.between(id, other), 1));
                long started = System.nanoTime();

                for (ThrowingCallable operation : operations) {
                    assertThatThrownBy(operation)
                            .isInstanceOf(StoreUnavailableException.class)
                            .hasMessageContaining("PostgreSQL is unavailable");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            }
        }

        @Test
        @DisplayName("a failure that is not about the connection is not reported as one")
        void other_failures_propagate() {
            User someone = register(db.users(), "constrained");

            assertThatThrownBy(() -> db.database().jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO usernames (username_canonical, user_id) VALUES (?, ?)",
                    someone.username().canonical(), someone.id().value())))
                    .isNotInstanceOf(StoreUnavailableException.class)
                    .satisfies(failure -> assertThat(Failures.isConnectionFailure(failure)).isFalse())
                    .satisfies(failure -> assertThat(Failures.isUniqueViolation(failure)).isTrue());
        }
    }

    @Nested
    @DisplayName("workers")
    class Workers {

        @Test
        @DisplayName("on plain PostgreSQL there are none to check: nothing reported, no checking thread")
        @DisabledIfSystemProperty(named = "chat.test.citus", matches = "true")
        void none_without_citus() {
            assertThat(db.database().workers()).isSameAs(ProbeWorkers.NONE);
            assertThat(db.database().workers().lastCheck()).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith(PostgresDatabase.POOL_NAME + "-worker-check"));
        }

        @Test
        @DisplayName("a check round that cannot reach the coordinator keeps the last result and never throws")
        void unreachable_coordinator() {
            try (PostgresDatabase down = downDatabase(Duration.ofMillis(250))) {
                CitusWorkerCheck check = new CitusWorkerCheck(down.dataSource(), Duration.ofSeconds(1), Clock.systemUTC());

                check.run();
                check.run();

                assertThat(check.lastCheck()).isEmpty();
            }
        }

        @Test
        @DisplayName("a check round on a server without Citus metadata fails alone, without throwing")
        @DisabledIfSystemProperty(named = "chat.test.citus", matches = "true")
        void no_citus_metadata() {
            CitusWorkerCheck check = new CitusWorkerCheck(db.database().dataSource(), Duration.ofSeconds(1), Clock.systemUTC());

            check.run();

            assertThat(check.lastCheck()).isEmpty();
        }
    }

    /** A database whose pool points at a closed port; it does not try to connect until used. */
    private static PostgresDatabase downDatabase(Duration connectionTimeout) {
        HikariConfig config = PostgresDatabase.poolConfig(CLOSED_PORT.withConnectionTimeout(connectionTimeout));
        config.setInitializationFailTimeout(-1);
        return new PostgresDatabase(new HikariDataSource(config), false, io.chatplatform.application.port.out.ChatMetrics.NONE,
                PostgresDatabase.WORKER_CHECK_INTERVAL);
    }
}
