package io.chatplatform.application.cache;

import io.chatplatform.application.port.in.ViewCacheStats.CacheCounts;
import io.chatplatform.domain.cache.CacheType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** This service's own cache lookups by type and outcome; cheap to update from many threads. */
public final class CacheCounters {

    private final Map<CacheType, LongAdder[]> counts = new EnumMap<>(CacheType.class);

    public CacheCounters() {
        for (CacheType type : CacheType.values()) {
            counts.put(type, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        }
    }

    void hit(CacheType type) {
        counts.get(type)[0].increment();
    }

    void miss(CacheType type) {
        counts.get(type)[1].increment();
    }

    void bypass(CacheType type) {
        counts.get(type)[2].increment();
    }

    /** The counts so far, every type present. */
    public Map<CacheType, CacheCounts> snapshot() {
        Map<CacheType, CacheCounts> snapshot = new EnumMap<>(CacheType.class);
        counts.forEach((type, c) -> snapshot.put(type, new CacheCounts(c[0].sum(), c[1].sum(), c[2].sum())));
        return snapshot;
    }
}
