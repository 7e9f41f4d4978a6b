package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InvalidationBacklog")
class InvalidationBacklogTest {

    private static final RuntimeException DOWN = new RuntimeException("connection refused");

    private static CacheScope inbox(long user) {
        return CacheScope.inbox(UserId.of(user));
    }

    private final InvalidationBacklog backlog = new InvalidationBacklog(3);
    private final List<PendingInvalidations.Batch> delivered = new ArrayList<>();
    private final CapturedLog log = new CapturedLog();

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    @DisplayName("is empty until something is kept, and a flush of nothing delivers nothing")
    void empty() {
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.flush(delivered::add)).isTrue();
        assertThat(delivered).isEmpty();
    }

    @Test
    @DisplayName("delivers everything kept in one batch, then is empty, and says so once")
    void flush_delivers_everything() {
        backlog.keep(Set.of(inbox(1)));
        backlog.keep(Set.of(inbox(2), inbox(1)));
        assertThat(backlog.isEmpty()).isFalse();
        assertThat(backlog.size()).isEqualTo(2);

        assertThat(backlog.flush(delivered::add)).isTrue();

        assertThat(delivered).singleElement().extracting(PendingInvalidations.Batch::scopes)
                .isEqualTo(Set.of(inbox(1), inbox(2)));
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(log.messages(Level.INFO, "delivered 2 pending invalidations")).hasSize(1);
    }

    @Test
    @DisplayName("counts a batch as pending until its delivery is answered, and delivers what is kept meanwhile too")
    void pending_while_delivering() {
        backlog.keep(Set.of(inbox(1)));
        List<Boolean> emptyDuringDelivery = new ArrayList<>();

        backlog.flush(batch -> {
            emptyDuringDelivery.add(backlog.isEmpty());
            if (delivered.isEmpty()) {
                backlog.keep(Set.of(inbox(2)));
            }
            delivered.add(batch);
        });

        assertThat(emptyDuringDelivery).containsExactly(false, false);
        assertThat(delivered).extracting(PendingInvalidations.Batch::scopes).containsExactly(Set.of(inbox(1)), Set.of(inbox(2)));
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("keeps a batch whose delivery fails, and lets the failure through")
    void failed_delivery_is_kept() {
        backlog.keep(Set.of(inbox(1), inbox(2)));

        assertThatThrownBy(() -> backlog.flush(batch -> {
            throw DOWN;
        })).isSameAs(DOWN);

        assertThat(backlog.isEmpty()).isFalse();
        assertThat(backlog.size()).isEqualTo(2);
        assertThat(backlog.flush(delivered::add)).isTrue();
        assertThat(delivered).singleElement().extracting(PendingInvalidations.Batch::scopes)
                .isEqualTo(Set.of(inbox(1), inbox(2)));
    }

    @Test
    @DisplayName("answers false at once to a second flush while one is under way")
    void one_flush_at_a_time() {
        backlog.keep(Set.of(inbox(1)));
        List<Boolean> second = new ArrayList<>();

        backlog.flush(batch -> {
            second.add(CompletableFuture.supplyAsync(() -> backlog.flush(delivered::add)).join());
            delivered.add(batch);
        });

        assertThat(second).containsExactly(false);
        assertThat(delivered).hasSize(1);
    }

    @Test
    @DisplayName("past its limit keeps a promise to move the epoch on instead of the scopes, and warns once")
    void overflow() {
        for (long user = 1; user <= 5; user++) {
            backlog.keep(Set.of(inbox(user)));
        }

        backlog.flush(delivered::add);

        assertThat(delivered).singleElement().satisfies(batch -> {
            assertThat(batch.overflowed()).isTrue();
            assertThat(batch.scopes()).isEmpty();
        });
        assertThat(log.messages(Level.WARN, "more than 3 invalidations pending")).hasSize(1);
        assertThat(log.messages(Level.INFO, "delivered 0 pending invalidations and moved the epoch on")).hasSize(1);
    }
}
