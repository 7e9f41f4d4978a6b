package io.chatplatform.adapter.redis;

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
 * How every part of the adapter connects: the same timeouts, login, database and TLS for the
 * cache's, the presence registry's and the live event bus's pools, and for the bus's dedicated
 * subscriber connection.
 */
final class RedisConnections {

    private RedisConnections() {
    }

    /** A client with a pool of at most {@code maxConnections} connections, opened lazily: building it does not connect. */
    static UnifiedJedis pooled(RedisSettings settings) {
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
