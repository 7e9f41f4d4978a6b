package io.chatplatform.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the contract in chat-port-contracts does not say: the bound. */
@DisplayName("InMemoryCacheStore")
class InMemoryCacheStoreTest {

    private final MutableClock clock = MutableClock.at("2026-12-06T12:00:00Z");

    private static void fill(InMemoryCacheStore store, int from, int to) {
        for (int i = from; i <= to; i++) {
            store.put((CacheStore.Miss<Long>) store.get(CacheKey.unreadCount(UserId.of(i))), (long) i);
        }
    }

    @Test
    @DisplayName("holds at most its bound: expired entries go first, then everything")
    void bounded() {
        var store = new InMemoryCacheStore(CacheTtls.defaults().with(CacheType.UNREAD_COUNT, Duration.ofSeconds(10)), clock, 3);
        fill(store, 1, 2);
        clock.advance(Duration.ofSeconds(11));
        fill(store, 3, 4);

        assertThat(store.values()).as("the two expired entries made room").containsExactlyInAnyOrder(3L, 4L);
        fill(store, 5, 6);
        assertThat(store.values()).as("full of live entries: forgotten, then the new one").containsExactly(6L);
    }

    @Test
    @DisplayName("needs room for one entry at least, and starts with defaults")
    void configuration() {
        assertThatThrownBy(() -> new InMemoryCacheStore(CacheTtls.defaults(), clock, 0)).hasMessageContaining("maxEntries");
        var store = new InMemoryCacheStore();
        fill(store, 1, 1);
        assertThat(store.get(CacheKey.unreadCount(UserId.of(1)))).isEqualTo(new CacheStore.Hit<>(1L));
    }
}
