package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.user.UserId;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by every instance, on Redis (docs/realtime-redis.md: keys, scripts, why a sweep
 * returns each expired user to exactly one instance).
 *
 * <p>Per user, a hash {@code <prefix>presence:{<user id>}} of claim to expiry (epoch
 * milliseconds), where a claim is a connection id or {@code "activity"}; and one sorted set
 * {@code <prefix>presence:online} of user ids scored by their latest expiry. Every write is one
 * Lua script, so it is atomic and one round trip; reads are one command ({@code ZMSCORE},
 * {@code ZREVRANGEBYSCORE}). Nothing walks the keyspace. Both keys expire a minute after the
 * latest claim they hold (by Redis's clock), so nothing lingers when every instance is gone. Times
 * are kept to the millisecond.
 *
 * <p>The per-user hash and the global set are in different Redis Cluster slots, and the sweep
 * deletes hashes it finds through the set: like the cache, this needs a single Redis node (or a
 * primary with replicas), version 6.2 or newer ({@code ZMSCORE}). Connection ids must not be
 * {@value #ACTIVITY}, the claim of recent activity.
 *
 * <p><b>When Redis fails</b>, presence degrades to "nobody online" rather than failing requests:
 * nothing here throws for a Redis fault or waits longer than the timeouts; {@code connected} and
 * {@code disconnected} answer {@code false} (so no presence event is published),
 * {@code onlineAmong}, {@code online} and {@code expire} answer empty, and {@code active} is
 * dropped. A circuit breaker ({@link GuardedRedis}) stops using Redis after repeated failures and probes it again
 * on a later call; heartbeats restore every open connection's claim within one heartbeat interval
 * once Redis is back. Redis being down at start-up is no error.
 */
public final class RedisPresenceRegistry implements PresenceRegistry, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceRegistry.class);

    /** The claim recorded by {@link #active}; connection ids must differ from it. */
    static final String ACTIVITY = "activity";
    /** How long the keys outlive the latest claim they hold (and so how much clocks may disagree). */
    static final Duration KEY_GRACE = Duration.ofMinutes(1);
    /** Users taken out of the online set per round trip of {@link #expire}. */
    static final int EXPIRE_BATCH = 1_000;
    /** Round trips one {@link #expire} makes at most; the next sweep takes the rest. */
    static final int EXPIRE_MAX_BATCHES = 100;

    static final GuardedRedis.Subject SUBJECT =
            new GuardedRedis.Subject(RedisPresenceRegistry.class, "presence", "nobody shows as online");

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final GuardedRedis redis;
    private final String grace = Long.toString(KEY_GRACE.toMillis());

    /**
     * A registry on the server {@code settings} name, with connections of its own (it shares
     * nothing with the cache, so either can be used without the other). Does not fail when Redis
     * is unreachable: presence then shows nobody online until Redis answers.
     */
    public static RedisPresenceRegistry connect(RedisSettings settings) {
        return new RedisPresenceRegistry(RedisConnections.open(settings), true, BreakerPolicy.DEFAULT);
    }

    /** As {@link #connect(RedisSettings)}, on the instance's shared {@code connections}, which closing the registry leaves open. */
    public static RedisPresenceRegistry connect(RedisConnections connections) {
        return new RedisPresenceRegistry(connections, false, BreakerPolicy.DEFAULT);
    }

    RedisPresenceRegistry(RedisSettings settings, BreakerPolicy policy) {
        this(RedisConnections.open(settings), true, policy);
    }

    private RedisPresenceRegistry(RedisConnections connections, boolean ownsConnections, BreakerPolicy policy) {
        this.settings = connections.settings();
        this.keys = new RedisKeys(settings.keyPrefix());
        this.redis = new GuardedRedis(connections, ownsConnections, SUBJECT, policy,
                GuardedRedis.Probe.loading(List.of(LuaScript.CLAIM, LuaScript.RELEASE, LuaScript.EXPIRE)));
        redis.start();
    }

    @Override
    public boolean connected(UserId user, String connection, Instant now, Instant until) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(until, "until");
        return claim(user, connection, millis(now), until);
    }

    @Override
    public boolean disconnected(UserId user, String connection, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(now, "now");
        List<String> scriptKeys = List.of(keys.presence(user), keys.online());
        List<String> args = List.of(Long.toString(user.value()), connection, millis(now), grace);
        return redis.call(client -> LuaScript.RELEASE.run(client, scriptKeys, args))
                .map(reply -> Long.valueOf(1).equals(reply))
                .orElse(false);
    }

    @Override
    public void active(UserId user, Instant until) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(until, "until");
        // the port gives no "now": nothing is dropped, the claim is never shortened, and the answer means nothing
        claim(user, ACTIVITY, "", until);
    }

    @Override
    public Set<UserId> onlineAmong(Collection<UserId> users, Instant now) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(now, "now");
        List<UserId> asked = List.copyOf(new LinkedHashSet<>(users));
        if (asked.isEmpty()) {
            return Set.of();
        }
        String[] members = asked.stream().map(user -> Long.toString(user.value())).toArray(String[]::new);
        long nowMillis = now.toEpochMilli();
        return redis.call(client -> client.zmscore(keys.online(), members))
                .map(scores -> {
                    Set<UserId> online = new HashSet<>();
                    for (int i = 0; i < asked.size(); i++) {
                        Double expiry = scores.get(i);
                        if (expiry != null && expiry > nowMillis) {
                            online.add(asked.get(i));
                        }
                    }
                    return Set.copyOf(online);
                })
                .orElse(Set.of());
    }

    @Override
    public List<UserId> online(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 0) {
            throw new IllegalArgumentException("limit cannot be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return redis.call(client -> client.zrevrangeByScore(keys.online(), "+inf", "(" + millis(now), 0, limit))
                .map(RedisPresenceRegistry::userIds)
                .orElse(List.of());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One round trip per {@value #EXPIRE_BATCH} users, at most {@value #EXPIRE_MAX_BATCHES} round
     * trips per call; the next sweep takes any rest. When Redis fails half-way, the users already
     * taken out are returned.
     */
    @Override
    public Set<UserId> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        List<String> scriptKeys = List.of(keys.online());
        List<String> args = List.of(millis(now), Integer.toString(EXPIRE_BATCH), keys.presenceHead());
        Set<UserId> expired = new HashSet<>();
        for (int batch = 0; batch < EXPIRE_MAX_BATCHES; batch++) {
            List<UserId> gone = redis.call(client -> LuaScript.EXPIRE.run(client, scriptKeys, args))
                    .map(reply -> userIds((List<?>) reply))
                    .orElse(List.of());
            expired.addAll(gone);
            if (gone.size() < EXPIRE_BATCH) {
                break;
            }
        }
        return Set.copyOf(expired);
    }

    /** Redis calls that failed, since start-up (calls skipped while the circuit is open are not counted). */
    public long failures() {
        return redis.failures();
    }

    /** Closes the connections if they are the registry's own. */
    @Override
    public void close() {
        redis.close();
    }

    /** The circuit's state, read without probing. */
    CircuitBreaker.State circuit() {
        return redis.circuit();
    }

    @Override
    public String toString() {
        return "RedisPresenceRegistry[" + settings.address() + ", prefix " + settings.keyPrefix() + ", circuit "
                + GuardedRedis.label(redis.circuit()) + "]";
    }

    /** Runs the claim script; {@code now} is epoch milliseconds, or empty for activity. */
    private boolean claim(UserId user, String claim, String now, Instant until) {
        List<String> scriptKeys = List.of(keys.presence(user), keys.online());
        List<String> args = List.of(Long.toString(user.value()), claim, now, millis(until), grace);
        return redis.call(client -> LuaScript.CLAIM.run(client, scriptKeys, args))
                .map(reply -> Long.valueOf(1).equals(reply))
                .orElse(false);
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /** The user ids among Redis's answer; a member that is not one (written by something else) is skipped. */
    private static List<UserId> userIds(Collection<?> members) {
        List<UserId> users = new ArrayList<>(members.size());
        for (Object member : members) {
            try {
                users.add(UserId.of(Long.parseLong(String.valueOf(member))));
            } catch (RuntimeException e) {
                LOG.debug("ignoring presence member '{}' that is no user id", member);
            }
        }
        return users;
    }
}
