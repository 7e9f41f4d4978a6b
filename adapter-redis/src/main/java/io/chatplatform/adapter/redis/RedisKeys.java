package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.cache.CacheScope;
import java.util.Objects;

/**
 * The key layout, all under one prefix (docs/cache.md has the table):
 * <ul>
 *   <li>{@code <prefix>epoch}: the global epoch, moved on to make every entry unreachable at once;</li>
 *   <li>{@code <prefix>gen:{<scope>}}: a scope's generation counter;</li>
 *   <li>{@code <prefix><type>:{<scope>}:e<epoch>:g<generation>:<id>}: a scoped entry;</li>
 *   <li>{@code <prefix><type>:e<epoch>:<id>}: an unscoped entry.</li>
 * </ul>
 * A scoped entry and its counter share the hash tag {@code {<scope>}}, so on Redis Cluster they
 * land in one slot.
 */
final class RedisKeys {

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    String epoch() {
        return prefix + "epoch";
    }

    String generation(CacheScope scope) {
        return prefix + "gen:{" + scope.name() + "}";
    }

    /** The entry's key up to its epoch: the get script appends the rest once it has read the counters. */
    String entryHead(CacheKey<?> key) {
        return prefix + key.type().label() + ":" + key.scope().map(scope -> "{" + scope.name() + "}:").orElse("");
    }

    /** The key of the entry for {@code key} stored in this epoch and generation (0 for unscoped keys). */
    String entry(CacheKey<?> key, long epoch, long generation) {
        String version = key.scope().isPresent() ? "e" + epoch + ":g" + generation : "e" + epoch;
        return entryHead(key) + version + ":" + key.id();
    }
}
