package io.chatplatform.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("statement timing and pool usage")
class StatementTimerTest {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();
    private static final String SCHEMA = "chat_test_timer_" + Long.toHexString(System.nanoTime());
    private static final PostgresDatabase DB = PostgresDatabase.open(TestDatabase.server().withSchema(SCHEMA),
            new ChatMetrics() {
                @Override
                public void statement(String name, Duration duration) {
                    assertThat(duration.isNegative()).isFalse();
                    STATEMENTS.add(name);
                }
            });

    @AfterAll
    static void drop() {
        DB.close();
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    @DisplayName("each statement is reported under its catalogue name, never its text")
    void names() {
        DB.messages().page(ConversationId.between(UserId.of(1), UserId.of(2)), UserId.of(1), HistoryPage.newest());
        DB.messages().totalUnread(UserId.of(1));
        DB.messages().after(ConversationId.between(UserId.of(1), UserId.of(2)), UserId.of(1), 0, 10);
        assertThat(STATEMENTS).contains("PAGE_NEWEST", "TOTAL_UNREAD", "CHANGES_AFTER");
        assertThat(StatementTimer.nameOf("SELECT 42")).isEqualTo("other");
        assertThat(StatementTimer.nameOf(Sql.MOVE_READ_MARKER)).isEqualTo("MOVE_READ_MARKER");
        assertThat(StatementTimer.nameOf(Sql.REACTION_COLUMNS)).as("a fragment is no statement").isEqualTo("other");
    }

    @Test
    @DisplayName("the pool reports its size and usage")
    void pool() {
        var usage = DB.poolUsage();
        assertThat(usage.max()).isEqualTo(PostgresSettings.DEFAULT_MAX_POOL_SIZE);
        assertThat(usage.active() + usage.idle()).isBetween(0, usage.max());
        assertThat(usage.pending()).isZero();
    }
}
