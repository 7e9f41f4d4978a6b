package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheServerStats;
import io.chatplatform.application.port.out.CacheStore.Bypass;
import io.chatplatform.application.port.out.CacheStore.Hit;
import io.chatplatform.application.port.out.CacheStore.Lookup;
import io.chatplatform.application.port.out.CacheStore.Miss;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import io.chatplatform.testkit.SharedRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** What the Redis store does beyond the contract, seen in Redis itself (the machine's Redis, a prefix per test). */
@DisplayName("RedisCacheStore on Redis")
class RedisCacheStoreTest {

    private final String prefix = SharedRedis.freshPrefix();
    private final RedisKeys keys = new RedisKeys(prefix);
    private final CacheTtls ttls = CacheTtls.defaults();
    private final RedisCacheStore store = RedisCacheStore.connect(TestRedis.shared(prefix), ttls);
    private final UnifiedJedis redis = SharedRedis.client();
    private final long id = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);

    @AfterEach
    void close() {
        store.close();
        redis.del(keys.epoch());
        redis.close();
    }

    @SuppressWarnings("unchecked")
    private <V> Miss<V> miss(CacheKey<V> key) {
        Lookup<V> lookup = store.get(key);
        assertThat(lookup).as("lookup of %s", key).isInstanceOf(Miss.class);
        return (Miss<V>) lookup;
    }

    private static InboxEntry entry(UserId owner) {
        return new InboxEntry(owner, UserId.of(owner.value() + 1), Username.of("peer_" + owner.value()), 2, 1,
                MessageId.of(owner.value()), Instant.parse("2026-11-27T12:00:00Z"), "hi");
    }

    private long epoch() {
        return Long.parseLong(redis.get(prefix + "epoch"));
    }

    @Test
    @DisplayName("serves nothing from Redis while an invalidation is pending: a lookup delivers it first, even with the circuit closed")
    void pending_invalidation_is_delivered_before_a_lookup() {
        UserId user = UserId.of(id);
        CacheKey<Long> unread = CacheKey.unreadCount(user);
        store.put(miss(unread), 4L);
        assertThat(store.get(unread)).as("held here and current").isEqualTo(new Hit<>(4L));
        // what a race can leave behind: an invalidation kept while a probe closed the circuit
        store.backlog().keep(Set.of(CacheScope.inbox(user)));
        assertThat(store.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);

        assertThat(store.get(unread)).isInstanceOf(Miss.class);
        assertThat(store.backlog().isEmpty()).isTrue();
        assertThat(redis.get(keys.generation(CacheScope.inbox(user)))).isEqualTo("1");
    }

    @Test
    @DisplayName("a value it stored or read is served from this instance's copy while its version is current, never after")
    void near_copies_follow_the_shared_version() {
        UserId user = UserId.of(id);
        CacheKey<List<InboxEntry>> lists = CacheKey.conversationList(user, 20);
        CacheKey<Long> unread = CacheKey.unreadCount(user);
        try (RedisCacheStore other = RedisCacheStore.connect(TestRedis.shared(prefix), ttls)) {
            store.put(miss(unread), 7L);
            String entry = prefix + "unread:{inbox:" + id + "}:e" + epoch() + ":g0:" + id;
            // the shared entry vanishes (evicted, say): the version is unchanged, so the held copy still answers
            redis.del(entry);
            assertThat(store.get(unread)).isEqualTo(new CacheStore.Hit<>(7L));
            // another instance invalidates: the held copy is of an old version and is not used
            other.invalidate(Set.of(CacheScope.inbox(user)));
            assertThat(store.get(unread)).isInstanceOf(Miss.class);

            // the other instance reads the new value from Redis, then holds it
            store.put(miss(unread), 9L);
            assertThat(other.get(unread)).isEqualTo(new CacheStore.Hit<>(9L));
            redis.del(prefix + "unread:{inbox:" + id + "}:e" + epoch() + ":g1:" + id);
            assertThat(other.get(unread)).isEqualTo(new CacheStore.Hit<>(9L));

            // every hit on one version is the same instance (the HTTP adapter renders it once)
            store.put(miss(lists), new ArrayList<>(List.of(entry(user))));
            Object first = ((Hit<List<InboxEntry>>) other.get(lists)).value();
            assertThat(first).isEqualTo(List.of(entry(user)));
            assertThat(((Hit<List<InboxEntry>>) other.get(lists)).value()).isSameAs(first);
        }
    }

    @Test
    @DisplayName("stores scoped entries, their counter and unscoped entries under the documented keys")
    void key_layout() {
        UserId user = UserId.of(id);
        CacheKey<Long> unread = CacheKey.unreadCount(user);
        store.put(miss(unread), 7L);
        long epoch = epoch();
        String entry = prefix + "unread:{inbox:" + id + "}:e" + epoch + ":g0:" + id;
        assertThat(redis.get(entry)).isEqualTo("7");

        store.invalidate(Set.of(CacheScope.inbox(user)));
        assertThat(redis.get(prefix + "gen:{inbox:" + id + "}")).isEqualTo("1");
        store.put(miss(unread), 8L);
        assertThat(redis.get(prefix + "unread:{inbox:" + id + "}:e" + epoch + ":g1:" + id)).isEqualTo("8");

        CacheKey<UserId> name = CacheKey.username(Username.of("Layout_" + id));
        store.put(miss(name), user);
        assertThat(redis.get(prefix + "username:e" + epoch + ":layout_" + id)).isEqualTo(Long.toString(id));

        // a history page per reader, a message scoped by itself
        UserId peer = UserId.of(id + 1);
        ConversationId conversation = ConversationId.between(user, peer);
        Message message = new Message(MessageId.of(id), conversation, 1, peer, user, MessageContent.of("hi"),
                Instant.parse("2026-11-27T12:00:00Z"), Optional.empty());
        store.put(miss(CacheKey.historyPage(conversation, peer, HistoryPage.newest())), List.of(message));
        assertThat(redis.get(prefix + "history:{conv:" + id + ":" + (id + 1) + ":" + (id + 1) + "}:e" + epoch + ":g0:"
                + id + ":" + (id + 1) + ":" + (id + 1) + ":" + HistoryPage.newest().limit() + ":0:-")).startsWith("[{\"i\":" + id);
        store.put(miss(CacheKey.message(message.id())), message);
        assertThat(redis.get(prefix + "message:{msg:" + id + "}:e" + epoch + ":g0:" + id)).startsWith("{\"i\":" + id);
        store.invalidate(Set.of(CacheScope.message(message.id()), CacheScope.history(conversation, peer)));
        assertThat(redis.get(prefix + "gen:{msg:" + id + "}")).isEqualTo("1");
        assertThat(redis.get(prefix + "gen:{conv:" + id + ":" + (id + 1) + ":" + (id + 1) + "}")).isEqualTo("1");
        assertThat(redis.exists(prefix + "gen:{conv:" + id + ":" + (id + 1) + ":" + id + "}")).as("the other reader's").isFalse();
    }

    @Test
    @DisplayName("a session's state and a block list are stored under their documented keys, and another instance's invalidation makes them stale")
    void sessions_and_blocks() {
        UserId user = UserId.of(id);
        UserId peer = UserId.of(id + 1);
        SessionId session = SessionId.of(id);
        CacheKey<Boolean> active = CacheKey.sessionActive(user, session);
        CacheKey<BlockList> blocks = CacheKey.blocks(user);
        BlockList list = new BlockList(user, Set.of(peer), Set.of());
        store.put(miss(active), true);
        store.put(miss(blocks), list);
        long epoch = epoch();
        assertThat(redis.get(prefix + "session:{session:" + id + "}:e" + epoch + ":g0:" + id + ":" + id)).isEqualTo("true");
        assertThat(redis.get(prefix + "blocks:{blocks:" + id + "}:e" + epoch + ":g0:" + id))
                .isEqualTo("{\"o\":" + id + ",\"b\":[" + (id + 1) + "],\"y\":[]}");

        try (RedisCacheStore other = RedisCacheStore.connect(TestRedis.shared(prefix), ttls)) {
            assertThat(other.get(active)).isEqualTo(new Hit<>(true));
            assertThat(other.get(blocks)).isEqualTo(new Hit<>(list));
            // the session ends and the pair unblocks on another instance: this one's copies are of an old version
            other.invalidate(Set.of(CacheScope.session(session), CacheScope.blocks(user)));
        }
        assertThat(redis.get(prefix + "gen:{session:" + id + "}")).isEqualTo("1");
        assertThat(redis.get(prefix + "gen:{blocks:" + id + "}")).isEqualTo("1");
        store.put(miss(active), false);
        store.put(miss(blocks), BlockList.empty(user));
        assertThat(store.get(active)).isEqualTo(new Hit<>(false));
        assertThat(store.get(blocks)).isEqualTo(new Hit<>(BlockList.empty(user)));
    }

    @Test
    @DisplayName("a conversation list the previous version cached under the same key is a miss, and the put that follows replaces it")
    void previous_versions_conversation_list_is_replaced() {
        UserId user = UserId.of(id);
        CacheKey<List<InboxEntry>> lists = CacheKey.conversationList(user, 20);
        miss(lists);
        String key = prefix + "conversations:{inbox:" + id + "}:e" + epoch() + ":g0:" + id + ":20";
        // exactly what the version before issue 11 wrote: no position, no peer markers
        redis.set(key, "[{\"o\":" + id + ",\"p\":" + (id + 1) + ",\"u\":\"peer_" + id + "\",\"q\":2,\"r\":1,\"m\":" + id
                + ",\"at\":1795780800000000000,\"v\":\"hi\"}]");

        Miss<List<InboxEntry>> again = miss(lists);
        store.put(again, List.of(entry(user)));

        assertThat(redis.get(key)).contains("\"w\":2,\"pr\":0,\"pd\":0");
        try (RedisCacheStore other = RedisCacheStore.connect(TestRedis.shared(prefix), ttls)) {
            assertThat(other.get(lists)).isEqualTo(new Hit<>(List.of(entry(user))));
        }
    }

    @Test
    @DisplayName("gives entries their type's lifetime and the generation counter twice the longest one, so it outlives them")
    void lifetimes() {
        UserId user = UserId.of(id);
        store.invalidate(Set.of(CacheScope.inbox(user)));
        CacheKey<Long> unread = CacheKey.unreadCount(user);
        store.put(miss(unread), 1L);

        long entryTtl = redis.pttl(keys.entry(unread, epoch(), 1));
        long counterTtl = redis.pttl(keys.generation(CacheScope.inbox(user)));
        long twiceLongest = ttls.longest().multipliedBy(2).toMillis();
        assertThat(entryTtl).isBetween(ttls.of(CacheType.UNREAD_COUNT).toMillis() - 5_000, ttls.of(CacheType.UNREAD_COUNT).toMillis());
        assertThat(counterTtl).isBetween(twiceLongest - 5_000, twiceLongest);
        assertThat(redis.ttl(keys.epoch())).as("the epoch never expires").isEqualTo(-1);
    }

    @Test
    @DisplayName("a put for a lookup made before an invalidation writes nothing at all")
    void stale_put_is_dropped() {
        UserId user = UserId.of(id);
        CacheKey<Long> unread = CacheKey.unreadCount(user);
        Miss<Long> before = miss(unread);
        store.invalidate(Set.of(CacheScope.inbox(user)));
        store.put(before, 5L);

        assertThat(redis.exists(keys.entry(unread, Stamp.epoch(before.generation()), Stamp.generation(before.generation()))))
                .isFalse();
    }

    @Test
    @DisplayName("a lookup made before Redis lost its data is never stored afterwards, even in generation 0")
    void put_across_data_loss_is_dropped() {
        CacheKey<Long> unread = CacheKey.unreadCount(UserId.of(id));
        Miss<Long> before = miss(unread);
        redis.del(keys.epoch()); // what a restart of Redis does to this prefix

        store.put(before, 5L);

        assertThat(redis.exists(keys.entry(unread, Stamp.epoch(before.generation()), 0))).isFalse();
        Miss<Long> after = miss(unread);
        store.put(after, 6L);
        assertThat(store.get(unread)).isEqualTo(new Hit<>(6L));
    }

    @Test
    @DisplayName("a stored value it cannot read is a miss, and the next put replaces it")
    void undecodable_value_is_a_miss() {
        CacheKey<Long> unread = CacheKey.unreadCount(UserId.of(id));
        store.put(miss(unread), 1L);
        String entry = keys.entry(unread, epoch(), 0);
        redis.set(entry, "{\"an older\":\"format\"}");

        // another instance, which holds no copy of its own, reads what is in Redis
        try (RedisCacheStore other = RedisCacheStore.connect(TestRedis.shared(prefix), ttls)) {
            Lookup<Long> lookup = other.get(unread);
            assertThat(lookup).isInstanceOf(Miss.class);
            other.put((Miss<Long>) lookup, 2L);
            assertThat(other.get(unread)).isEqualTo(new Hit<>(2L));
        }
        assertThat(redis.get(entry)).isEqualTo("2");
    }

    @Test
    @DisplayName("reports the server's figures from INFO, with no failures and a closed circuit")
    void server_stats() {
        CacheKey<Long> unread = CacheKey.unreadCount(UserId.of(id));
        store.put(miss(unread), 1L);
        store.get(unread);

        CacheServerStats stats = store.serverStats();

        assertThat(stats.backend()).isEqualTo("redis");
        assertThat(stats.available()).isTrue();
        assertThat(stats.connectedClients().orElseThrow()).isPositive();
        assertThat(stats.usedMemoryBytes().orElseThrow()).isPositive();
        assertThat(stats.keyspaceHits().orElseThrow()).isPositive();
        assertThat(stats.keyspaceMisses().orElseThrow()).isPositive();
        assertThat(stats.totalCommandsProcessed().orElseThrow()).isPositive();
        assertThat(stats.uptimeSeconds()).isPresent();
        assertThat(stats.failures()).isZero();
        assertThat(stats.circuit()).isEqualTo("closed");
    }

    @Test
    @DisplayName("once closed, it bypasses the cache and reports itself unavailable, without throwing")
    void after_close() {
        store.close();
        store.close();

        assertThat(store.get(CacheKey.unreadCount(UserId.of(id)))).isInstanceOf(Bypass.class);
        store.invalidate(Set.of(CacheScope.inbox(UserId.of(id))));
        assertThat(store.isAvailable()).isFalse();
        assertThat(store.serverStats().available()).isFalse();
    }
}
