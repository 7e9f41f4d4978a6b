/**
 * The Redis adapter: a shared {@link io.chatplatform.application.port.out.CacheStore} on Redis
 * (Jedis), for deployments with several service instances.
 *
 * <p>The API is {@link io.chatplatform.adapter.redis.RedisSettings} and
 * {@link io.chatplatform.adapter.redis.RedisCacheStore}. Everything else (key layout, Lua scripts,
 * value encoding, the circuit breaker) is package-private: neither Redis's data shapes nor Jedis
 * leave this package. docs/cache.md describes the keys, the protocol and the failure behaviour.
 */
package io.chatplatform.adapter.redis;
