package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cache-aside reads: look the key up; on a miss, read the store of record and fill the entry in
 * the generation the miss observed; when the cache is unavailable, just read the store of record.
 */
final class ReadThrough {

    private final CacheStore store;
    private final CacheCounters counters;
    private final ChatMetrics metrics;

    ReadThrough(CacheStore store, CacheCounters counters, ChatMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    <V> V get(CacheKey<V> key, Supplier<V> load) {
        return getOptional(key, () -> Optional.of(load.get())).orElseThrow();
    }

    /** As {@link #get}, for reads that may find nothing; absence is not cached. */
    <V> Optional<V> getOptional(CacheKey<V> key, Supplier<Optional<V>> load) {
        CacheStore.Lookup<V> lookup = store.get(key);
        if (lookup instanceof CacheStore.Hit<V> hit) {
            counters.hit(key.type());
            metrics.cacheLookup(key.type(), "hit");
            return Optional.of(hit.value());
        }
        Optional<V> loaded = load.get();
        if (lookup instanceof CacheStore.Miss<V> miss) {
            counters.miss(key.type());
            metrics.cacheLookup(key.type(), "miss");
            loaded.ifPresent(value -> store.put(miss, value));
        } else {
            counters.bypass(key.type());
            metrics.cacheLookup(key.type(), "bypass");
        }
        return loaded;
    }
}
