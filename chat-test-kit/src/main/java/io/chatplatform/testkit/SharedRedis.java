package io.chatplatform.testkit;

import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The machine's Redis on 127.0.0.1:6379, shared with other test runs: every test takes a
 * {@link #freshPrefix() key prefix} of its own, so runs (even two in a row, or two instances of the
 * service in one test) see exactly the keys they mean to share. For a Redis the test may stop, use
 * {@link RedisServer}.
 */
public final class SharedRedis {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;
    /** The server as {@code CHAT_REDIS_URL} or {@code RedisSettings.fromUrl} take it. */
    public static final String URL = "redis://" + HOST + ":" + PORT + "/0";

    private SharedRedis() {
    }

    /** A key prefix no other test uses, ending in {@code :}. */
    public static String freshPrefix() {
        return "test:" + UUID.randomUUID() + ":";
    }

    /** A plain client, for the test's own look at the data. */
    public static UnifiedJedis client() {
        return clientOf(HOST, PORT);
    }

    static UnifiedJedis clientOf(String host, int port) {
        return RedisClient.builder().hostAndPort(host, port)
                .clientConfig(DefaultJedisClientConfig.builder().resp2().socketTimeoutMillis(2000).build())
                .build();
    }
}
