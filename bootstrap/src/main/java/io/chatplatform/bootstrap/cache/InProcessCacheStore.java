package io.chatplatform.bootstrap.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheServerStats;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache of a single instance, in its own heap (Caffeine): the embedded default, where there is
 * no Redis and no other instance to share with. Same protocol and key scheme as the Redis store:
 * generation counters per scope, entries stored under the generation their data was read in.
 */
public final class InProcessCacheStore implements CacheStore {

    /** Bounds the heap the cache may take: entries beyond this are evicted, least useful first. */
    public static final long DEFAULT_MAX_ENTRIES = 100_000;

    private record Entry(Object value, Duration ttl) {
    }

    private final Cache<String, Entry> entries;
    private final Cache<String, AtomicLong> generations;
    private final CacheTtls ttls;
    private final LongAdder puts = new LongAdder();
    private final Instant startedAt = Instant.now();

    public InProcessCacheStore(CacheTtls ttls, long maxEntries) {
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries cannot be less than 1, was " + maxEntries);
        }
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.creating((String key, Entry entry) -> entry.ttl()))
                .recordStats()
                .build();
        // a counter must outlive every entry stored under it; every put touches it
        this.generations = Caffeine.newBuilder()
                .expireAfterAccess(ttls.longest().multipliedBy(2))
                .build();
    }

    private long generation(CacheKey<?> key) {
        return key.scope()
                .map(scope -> generations.getIfPresent(scope.name()))
                .map(AtomicLong::get)
                .orElse(0L);
    }

    private static String entryKey(CacheKey<?> key, long generation) {
        return key.type().label() + ":" + key.scope().map(CacheScope::name).orElse("") + ":g" + generation + ":" + key.id();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Lookup<V> get(CacheKey<V> key) {
        long generation = generation(key);
        Entry entry = entries.getIfPresent(entryKey(key, generation));
        return entry == null ? new Miss<>(key, generation) : new Hit<>((V) entry.value());
    }

    @Override
    public <V> void put(Miss<V> miss, V value) {
        Object stored = value instanceof List<?> list ? List.copyOf(list) : value;
        miss.key().scope().ifPresent(scope -> generations.getIfPresent(scope.name()));
        entries.put(entryKey(miss.key(), miss.generation()), new Entry(stored, ttls.of(miss.key().type())));
        puts.increment();
    }

    @Override
    public void invalidate(Set<CacheScope> scopes) {
        for (CacheScope scope : scopes) {
            generations.get(scope.name(), name -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public CacheServerStats serverStats() {
        CacheStats stats = entries.stats();
        return new CacheServerStats("in-process", true, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(stats.hitCount()), OptionalLong.of(stats.missCount()),
                OptionalLong.of(stats.requestCount() + puts.sum()),
                OptionalLong.of(Duration.between(startedAt, Instant.now()).toSeconds()), 0, "closed");
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    /** Runs pending evictions now (Caffeine runs them asynchronously); for tests. */
    void cleanUp() {
        entries.cleanUp();
    }
}
