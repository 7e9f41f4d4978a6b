package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.user.UserId;
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
 *
 * <p>Live events and presence (docs/realtime-redis.md has the table):
 * <ul>
 *   <li>{@code <prefix>live}: the pub/sub channel every instance publishes to and subscribes;</li>
 *   <li>{@code <prefix>presence:{<user id>}}: a hash of the user's claims, claim to expiry in epoch milliseconds;</li>
 *   <li>{@code <prefix>presence:online}: a sorted set of user ids scored by their latest expiry.</li>
 * </ul>
 *
 * <p>Rate limits: {@code <prefix>rl:<action>:<bandwidths fingerprint>:<subject>}, one bucket4j
 * bucket state each, expiring once the bucket would be full again.
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

    /**
     * The token bucket of {@code subject} under {@code limit}. The limit's bandwidths are part of
     * the key (as a short fingerprint), so a changed configuration starts from fresh buckets
     * instead of reading ones made for other bandwidths.
     */
    String rateLimit(RateLimit limit, String subject) {
        return prefix + "rl:" + limit.action().label() + ":" + Integer.toHexString(limit.bandwidths().hashCode()) + ":"
                + subject;
    }

    /** The channel of live events. A channel is not a key: it takes no memory and no slot. */
    String liveChannel() {
        return prefix + "live";
    }

    /** The hash of {@code user}'s presence claims. */
    String presence(UserId user) {
        return presenceHead() + user.value() + "}";
    }

    /** A presence hash's key up to its user id: the expire script appends the rest. */
    String presenceHead() {
        return prefix + "presence:{";
    }

    /** The sorted set of users with a claim, scored by their latest expiry. */
    String online() {
        return prefix + "presence:online";
    }
}
