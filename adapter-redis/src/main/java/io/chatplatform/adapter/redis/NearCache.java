package io.chatplatform.adapter.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.cache.CacheTtls;
import java.time.Duration;
import java.util.Objects;

/**
 * This instance's copy of recently used entries, decoded, each tagged with the epoch and
 * generation it belongs to. Redis stays the judge: every lookup still asks it for the current
 * epoch and generation (one round trip), and only when they equal the held copy's is the copy
 * used, so the copy can never be staler than the shared cache itself. What it saves is sending
 * the value over the network and decoding it, which profiles showed to be most of a cached read.
 * Bounded by the size of the values (their JSON length), and by each type's time to live.
 */
final class NearCache {

    /** Held copies stop at this many characters of JSON, about 32 MiB of heap with their objects. */
    static final long DEFAULT_MAX_WEIGHT = 16L * 1024 * 1024;

    /** A decoded value of an entry and the version of the entry it came from. */
    record Copy(long epoch, long generation, Object value, int weight, Duration ttl) {
        /** "epoch:generation", as the lookup script compares it. */
        String version() {
            return epoch + ":" + generation;
        }
    }

    private final Cache<String, Copy> copies;
    private final CacheTtls ttls;

    NearCache(CacheTtls ttls, long maxWeight) {
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.copies = Caffeine.newBuilder()
                .maximumWeight(maxWeight)
                .weigher((String key, Copy copy) -> copy.weight())
                .expireAfter(Expiry.creating((String key, Copy copy) -> copy.ttl()))
                .build();
    }

    /** The held copy of the entry for {@code key} (any version), if any. */
    Copy held(CacheKey<?> key) {
        return copies.getIfPresent(name(key));
    }

    /**
     * Holds a copy of the entry for {@code key} of this version, and returns the copy: the caller
     * hands out that instance too, so every reader of this version sees the same object.
     */
    <V> V hold(CacheKey<V> key, long epoch, long generation, V value, int weight) {
        // a list from the store of record may be mutable; a held copy is shared by every reader
        @SuppressWarnings("unchecked")
        V shared = value instanceof java.util.List<?> list ? (V) java.util.List.copyOf(list) : value;
        copies.put(name(key), new Copy(epoch, generation, shared, Math.max(1, weight), ttls.of(key.type())));
        return shared;
    }

    private static String name(CacheKey<?> key) {
        return key.type().label() + ":" + key.id();
    }
}
