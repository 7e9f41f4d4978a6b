package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheKey;
import java.util.Optional;

/**
 * The JMH benchmarks' door to the Redis adapter's package-private value codec and key layout. It
 * lives in the adapter's package but in chat-bench's jar (one class path, one unnamed module, so
 * package-private access works); the adapter itself exposes nothing for it. If the adapter ever
 * publishes its codec, this class goes.
 */
public final class BenchCodecAccess {

    private final RedisKeys keys;

    public BenchCodecAccess(String prefix) {
        this.keys = new RedisKeys(prefix);
    }

    /** The JSON the Redis store writes for {@code value}. */
    public static <V> String encode(CacheKey<V> key, V value) {
        return ValueCodec.encode(key, value);
    }

    /** The value the Redis store reads back, or empty when the JSON does not decode. */
    public static <V> Optional<V> decode(CacheKey<V> key, String json) {
        return ValueCodec.decode(key, json);
    }

    /** The Redis key of an entry in this epoch and generation. */
    public String entryKey(CacheKey<?> key, long epoch, long generation) {
        return keys.entry(key, epoch, generation);
    }
}
