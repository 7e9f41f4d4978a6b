package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.user.UserId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingInvalidations")
class PendingInvalidationsTest {

    private static CacheScope inbox(long user) {
        return CacheScope.inbox(UserId.of(user));
    }

    private final PendingInvalidations pending = new PendingInvalidations(3);

    @Test
    @DisplayName("keeps each scope once, and hands them all over at once")
    void keeps_each_scope_once() {
        pending.add(Set.of(inbox(1), inbox(2)));
        pending.add(Set.of(inbox(2), inbox(3)));

        PendingInvalidations.Batch batch = pending.take();

        assertThat(batch.scopes()).containsExactlyInAnyOrder(inbox(1), inbox(2), inbox(3));
        assertThat(batch.overflowed()).isFalse();
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("past its limit, drops the scopes for one epoch move, and says so once")
    void overflow() {
        assertThat(pending.add(Set.of(inbox(1), inbox(2), inbox(3)))).isFalse();
        assertThat(pending.add(Set.of(inbox(3)))).as("a scope already kept takes no room").isFalse();

        assertThat(pending.add(Set.of(inbox(4)))).isTrue();
        assertThat(pending.add(Set.of(inbox(5)))).isFalse();

        assertThat(pending.isEmpty()).isFalse();
        assertThat(pending.size()).isZero();
        PendingInvalidations.Batch batch = pending.take();
        assertThat(batch.overflowed()).isTrue();
        assertThat(batch.scopes()).isEmpty();
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("takes back a batch that could not be delivered, with what came since")
    void restore() {
        pending.add(Set.of(inbox(1)));
        PendingInvalidations.Batch batch = pending.take();
        pending.add(Set.of(inbox(2)));

        pending.restore(batch);

        assertThat(pending.take().scopes()).containsExactlyInAnyOrder(inbox(1), inbox(2));
        pending.add(Set.of(inbox(1), inbox(2), inbox(3), inbox(4)));
        PendingInvalidations.Batch overflowed = pending.take();
        pending.restore(overflowed);
        assertThat(pending.overflowed()).isTrue();
    }
}
