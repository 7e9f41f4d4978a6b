package io.chatplatform.adapter.redis;

import java.util.Objects;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * The connections of one service instance to Redis: one pool for commands, shared by the cache,
 * the presence registry, the live event bus's publisher and the rate limiter, each behind a
 * circuit breaker of its own; plus, outside the pool, the live event bus's subscriber connection.
 * Everything connects the same way: the same timeouts, login, database and TLS.
 *
 * <p>Why one pool of {@link RedisSettings#maxConnections()} (decision 0019): a request makes its
 * Redis calls one after another, so it holds at most one connection at a time, whichever part
 * calls; the connections in use at once are the calls in flight at once, which do not grow with
 * the number of parts. The connections are opened as they are needed and stay open once opened.
 *
 * <p>Open it once per instance, hand it to each part's {@code connect}, and close it after them
 * (a part never closes connections it was given). Each part also has a {@code connect(settings)}
 * that opens connections of its own, for a part used alone.
 */
public final class RedisConnections implements AutoCloseable {

    private final RedisSettings settings;
    private final UnifiedJedis client;

    private RedisConnections(RedisSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = pooled(settings);
    }

    /** The pool for the server {@code settings} name. Does not connect: a connection is opened when a call needs one. */
    public static RedisConnections open(RedisSettings settings) {
        return new RedisConnections(settings);
    }

    /** Where they connect to. */
    public RedisSettings settings() {
        return settings;
    }

    /** The pooled client, for the parts of this package. */
    UnifiedJedis client() {
        return client;
    }

    /** Closes every pooled connection. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "RedisConnections[" + settings.address() + ", at most " + settings.maxConnections() + " pooled]";
    }

    /** A client with a pool of at most {@code maxConnections} connections, opened lazily: building it does not connect. */
    private static UnifiedJedis pooled(RedisSettings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.maxConnections());
        pool.setMaxIdle(settings.maxConnections());
        pool.setMinIdle(0);
        // a caller never queues long for a connection: a pool that stays exhausted counts as a failure
        pool.setMaxWait(settings.connectTimeout());
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(settings.host(), settings.port())
                .clientConfig(clientConfig(settings))
                .poolConfig(pool)
                .build();
    }

    /**
     * One connection of its own, outside any pool, opened now (so this throws when Redis cannot be
     * reached or refuses the login).
     */
    static Jedis dedicated(RedisSettings settings) {
        return new Jedis(new HostAndPort(settings.host(), settings.port()), clientConfig(settings));
    }

    static JedisClientConfig clientConfig(RedisSettings settings) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()))
                .socketTimeoutMillis(Math.toIntExact(settings.socketTimeout().toMillis()))
                .database(settings.database())
                // RESP2 stated, so that building a client does not connect to ask the server; no CLIENT SETINFO round trips
                .resp2()
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        settings.user().ifPresent(config::user);
        settings.password().ifPresent(config::password);
        if (settings.tls()) {
            // the JVM's trust store, with the server's certificate and host name verified
            config.sslOptions(SslOptions.defaults());
        }
        return config.build();
    }
}
