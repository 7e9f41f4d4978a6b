package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.contracts.CacheStoreContract;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.testkit.SharedRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import redis.clients.jedis.UnifiedJedis;

/** The Redis store keeps the cache contract, on the machine's Redis. */
@DisplayName("RedisCacheStore keeps the CacheStore contract")
class RedisCacheStoreContractTest extends CacheStoreContract {

    /**
     * Stores of the running test. Static, because the contract makes its store in a field
     * initialiser, before this class's own fields exist.
     */
    private static final List<String> PREFIXES = new ArrayList<>();
    private static final List<RedisCacheStore> STORES = new ArrayList<>();

    @Override
    protected CacheStore newStore(CacheTtls ttls) {
        String prefix = SharedRedis.freshPrefix();
        RedisCacheStore store = RedisCacheStore.connect(TestRedis.shared(prefix), ttls);
        PREFIXES.add(prefix);
        STORES.add(store);
        return store;
    }

    @Override
    protected String expectedBackend() {
        return "redis";
    }

    @AfterEach
    void closeStores() {
        STORES.forEach(RedisCacheStore::close);
        STORES.clear();
        // entries and counters expire by themselves; the epoch, which never expires, is removed
        try (UnifiedJedis redis = SharedRedis.client()) {
            PREFIXES.forEach(prefix -> redis.del(new RedisKeys(prefix).epoch()));
        }
        PREFIXES.clear();
    }
}
