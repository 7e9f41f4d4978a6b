package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.CacheServerStats;
import io.chatplatform.domain.cache.CacheType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports how well the cache works, for operators.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ViewCacheStats {

    CacheReport cacheStats();

    /** A report that says there is no cache. */
    static ViewCacheStats disabled() {
        return () -> new CacheReport(Optional.empty(), Map.of());
    }

    /**
     * @param server  the cache server's figures; empty when the service runs without a cache
     * @param service this service's lookups per cache type
     */
    record CacheReport(Optional<CacheServerStats> server, Map<CacheType, CacheCounts> service) {
        public CacheReport {
            Objects.requireNonNull(server, "server");
            service = Map.copyOf(Objects.requireNonNull(service, "service"));
        }
    }

    /**
     * Lookups of one cache type.
     *
     * @param hits     answered from the cache
     * @param misses   read from the store of record and then cached
     * @param bypasses read from the store of record because the cache was unavailable
     */
    record CacheCounts(long hits, long misses, long bypasses) {
        public CacheCounts {
            if (hits < 0 || misses < 0 || bypasses < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }

        /** Hits over all lookups; 0 before the first lookup. */
        public double hitRatio() {
            long lookups = hits + misses + bypasses;
            return lookups == 0 ? 0.0 : (double) hits / lookups;
        }
    }
}
