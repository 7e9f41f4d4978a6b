/**
 * The Redis adapter (Jedis), for deployments with several service instances: a shared
 * {@link io.chatplatform.application.port.out.CacheStore}, the
 * {@link io.chatplatform.application.port.out.LiveEventBus} that carries live events between
 * instances over pub/sub, and the shared
 * {@link io.chatplatform.application.port.out.PresenceRegistry}.
 *
 * <p>The API is {@link io.chatplatform.adapter.redis.RedisSettings},
 * {@link io.chatplatform.adapter.redis.RedisCacheStore},
 * {@link io.chatplatform.adapter.redis.RedisLiveEventBus} and
 * {@link io.chatplatform.adapter.redis.RedisPresenceRegistry}, each connected with its own
 * {@code connect(settings)}. Everything else (key layout, Lua scripts, JSON encodings, the circuit
 * breaker, the subscriber loop) is package-private: neither Redis's data shapes nor Jedis leave
 * this package. docs/cache.md and docs/realtime-redis.md describe the keys, the protocols and the
 * failure behaviour.
 */
package io.chatplatform.adapter.redis;
