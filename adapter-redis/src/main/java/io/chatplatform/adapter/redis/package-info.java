/**
 * The Redis adapter (Jedis), for deployments with several service instances: a shared
 * {@link io.chatplatform.application.port.out.CacheStore}, the
 * {@link io.chatplatform.application.port.out.LiveEventBus} that carries live events between
 * instances over pub/sub, and the shared
 * {@link io.chatplatform.application.port.out.PresenceRegistry}.
 *
 * <p>The API is {@link io.chatplatform.adapter.redis.RedisSettings},
 * {@link io.chatplatform.adapter.redis.RedisConnections} (the instance's one pool, shared by the
 * parts), {@link io.chatplatform.adapter.redis.RedisCacheStore},
 * {@link io.chatplatform.adapter.redis.RedisLiveEventBus},
 * {@link io.chatplatform.adapter.redis.RedisPresenceRegistry} and
 * {@link io.chatplatform.adapter.redis.RedisRateLimiter}, each connected with
 * {@code connect(connections, ...)}, or with {@code connect(settings, ...)} on connections of its
 * own. {@link io.chatplatform.adapter.redis.ValueCodec}'s {@code encode}/{@code decode} are public
 * for one reader outside, the bench's codec benchmark. Everything else (key layout, Lua scripts,
 * the live events' encoding, the circuit breakers, the cache's invalidation backlog, the subscriber
 * loop) is package-private: neither Redis's data shapes nor Jedis nor resilience4j leave this
 * package. docs/cache.md and docs/realtime-redis.md describe the keys, the protocols and the
 * failure behaviour.
 */
package io.chatplatform.adapter.redis;
