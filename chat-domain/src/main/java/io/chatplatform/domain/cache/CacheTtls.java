package io.chatplatform.domain.cache;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** How long entries of each {@link CacheType} live: the defaults, overridden per type. */
public record CacheTtls(Map<CacheType, Duration> ttls) {

    public CacheTtls {
        Objects.requireNonNull(ttls, "ttls");
        EnumMap<CacheType, Duration> complete = new EnumMap<>(CacheType.class);
        for (CacheType type : CacheType.values()) {
            Duration ttl = ttls.getOrDefault(type, type.defaultTtl());
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("time to live of " + type.label() + " must be positive, was " + ttl);
            }
            complete.put(type, ttl);
        }
        ttls = Map.copyOf(complete);
    }

    /** Every type at its default. */
    public static CacheTtls defaults() {
        return new CacheTtls(Map.of());
    }

    /** The lifetime of entries of this type. */
    public Duration of(CacheType type) {
        return ttls.get(type);
    }

    /** The longest lifetime of any type: a generation counter must outlive every entry stored under it. */
    public Duration longest() {
        return ttls.values().stream().max(Duration::compareTo).orElseThrow();
    }

    /** A copy with one type's lifetime changed. */
    public CacheTtls with(CacheType type, Duration ttl) {
        EnumMap<CacheType, Duration> changed = new EnumMap<>(ttls);
        changed.put(type, ttl);
        return new CacheTtls(changed);
    }
}
