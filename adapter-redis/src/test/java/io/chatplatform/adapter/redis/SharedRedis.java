package io.chatplatform.adapter.redis;

import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The machine's Redis on 127.0.0.1:6379, shared with other test runs: every store gets a key
 * prefix of its own, so runs (even two in a row) never see each other's entries.
 */
final class SharedRedis {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private SharedRedis() {
    }

    /** A prefix no other store uses. */
    static String freshPrefix() {
        return "test:" + UUID.randomUUID() + ":";
    }

    static RedisSettings settings(String prefix) {
        return RedisSettings.fromUrl("redis://" + HOST + ":" + PORT + "/0").withKeyPrefix(prefix);
    }

    /** A plain client, for the tests' own look at the data. */
    static UnifiedJedis client() {
        return RedisClient.builder().hostAndPort(HOST, PORT)
                .clientConfig(DefaultJedisClientConfig.builder().resp2().socketTimeoutMillis(2000).build())
                .build();
    }
}
