package io.chatplatform.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.contracts.CacheStoreContract;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.user.UserId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-process cache keeps the same contract as the Redis one. */
class InProcessCacheStoreTest extends CacheStoreContract {

    @Override
    protected CacheStore newStore(CacheTtls ttls) {
        return new InProcessCacheStore(ttls, InProcessCacheStore.DEFAULT_MAX_ENTRIES);
    }

    @Override
    protected String expectedBackend() {
        return "in-process";
    }

    @Test
    @DisplayName("it holds a bounded number of entries")
    void bounded() {
        assertThatThrownBy(() -> new InProcessCacheStore(CacheTtls.defaults(), 0)).hasMessageContaining("maxEntries");
        InProcessCacheStore tiny = new InProcessCacheStore(CacheTtls.defaults(), 10);
        for (int i = 1; i <= 1000; i++) {
            var lookup = tiny.get(CacheKey.unreadCount(UserId.of(i)));
            tiny.put((CacheStore.Miss<Long>) lookup, (long) i);
        }
        tiny.cleanUp();
        long hits = 0;
        for (int i = 1; i <= 1000; i++) {
            if (tiny.get(CacheKey.unreadCount(UserId.of(i))) instanceof CacheStore.Hit) {
                hits++;
            }
        }
        assertThat(hits).isLessThan(100);
    }
}
