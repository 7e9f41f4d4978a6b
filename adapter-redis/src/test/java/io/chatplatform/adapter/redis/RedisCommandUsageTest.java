package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheStore.Hit;
import io.chatplatform.application.port.out.CacheStore.Lookup;
import io.chatplatform.application.port.out.CacheStore.Miss;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.cache.InvalidationPolicy;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import io.chatplatform.testkit.RedisServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which commands the store sends, counted by a redis-server of the test's own. */
@DisplayName("RedisCacheStore's use of Redis")
class RedisCommandUsageTest {

    private final RedisServer server = RedisServer.onFreePort().start();
    private final RedisCacheStore store = RedisCacheStore.connect(TestRedis.of(server, "chat:"), CacheTtls.defaults());

    @AfterEach
    void stop() {
        store.close();
        server.close();
    }

    private <V> void readThrough(CacheKey<V> key, V value, int[] roundTrips) {
        Lookup<V> lookup = store.get(key);
        roundTrips[0]++;
        if (lookup instanceof Miss<V> miss) {
            store.put(miss, value);
            roundTrips[0]++;
        }
    }

    @Test
    @DisplayName("never walks or wipes the keyspace, and spends one round trip per lookup, put and invalidation")
    void constant_work_per_call() {
        Map<String, Long> before = server.commandCalls();
        int[] scripts = {0};
        long increments = 0;
        for (long user = 1; user <= 40; user++) {
            UserId me = UserId.of(user);
            UserId peer = UserId.of(user + 1);
            ConversationId conversation = ConversationId.between(me, peer);
            readThrough(CacheKey.unreadCount(me), user, scripts);
            readThrough(CacheKey.username(Username.of("user_" + user)), me, scripts);
            Message message = new Message(MessageId.of(user), conversation, 1, me, peer, MessageContent.of("hi"),
                    Instant.EPOCH, Optional.empty());
            readThrough(CacheKey.historyPage(conversation, me, HistoryPage.newest()), List.of(message), scripts);
            readThrough(CacheKey.historyPage(conversation, peer, HistoryPage.newest()), List.of(message), scripts);
            readThrough(CacheKey.message(message.id()), message, scripts);
            readThrough(CacheKey.unreadCount(me), user, scripts);
            if (user % 4 == 0) {
                // an edit: both histories, the message and both inboxes, one increment each
                Set<CacheScope> stale = InvalidationPolicy.staleAfter(new ConversationChanged(
                        new MessageEdited(message.edited(MessageContent.of("hi!"), Instant.EPOCH), 2)));
                assertThat(stale).contains(CacheScope.history(conversation, me), CacheScope.history(conversation, peer),
                        CacheScope.message(message.id()));
                store.invalidate(stale);
                increments += stale.size();
            } else if (user % 4 == 1) {
                // a deletion for me: the hider's history and inbox only
                Set<CacheScope> stale = InvalidationPolicy.staleAfter(new ConversationChanged(
                        new MessageDeleted(message, Optional.of(peer), 2)));
                assertThat(stale).containsExactlyInAnyOrder(CacheScope.history(conversation, peer), CacheScope.inbox(peer));
                store.invalidate(stale);
                increments += stale.size();
            }
            if (user % 10 == 0) {
                assertThat(store.serverStats().available()).isTrue();
                assertThat(store.isAvailable()).isTrue();
            }
        }
        store.invalidate(Set.of());

        Map<String, Long> after = server.commandCalls();
        assertThat(after).doesNotContainKeys("keys", "scan", "flushdb", "flushall", "eval");
        // one round trip per call: a script, or a plain MGET of the counters when a copy is held here
        assertThat(after.get("evalsha") - before.getOrDefault("evalsha", 0L)
                + after.getOrDefault("mget", 0L) - before.getOrDefault("mget", 0L)).isEqualTo(scripts[0]);
        assertThat(after.getOrDefault("mget", 0L) - before.getOrDefault("mget", 0L)).as("lookups answered by a held copy")
                .isPositive();
        assertThat(after.get("incr") - before.getOrDefault("incr", 0L)).isEqualTo(increments);
        assertThat(store.serverStats().failures()).isZero();
    }

    @Test
    @DisplayName("gives a server that forgot its scripts their text once, then runs them by SHA-1 again")
    void scripts_reloaded_after_script_flush() {
        CacheKey<Long> key = CacheKey.unreadCount(UserId.of(1));
        try (var redis = server.client()) {
            redis.scriptFlush();
        }
        Map<String, Long> before = server.commandCalls();

        Lookup<Long> lookup = store.get(key);
        assertThat(lookup).isInstanceOf(Miss.class);
        store.put((Miss<Long>) lookup, 3L);
        Lookup<Long> hit = store.get(key);

        Map<String, Long> after = server.commandCalls();
        assertThat(hit).isEqualTo(new Hit<>(3L));
        assertThat(after.get("eval") - before.getOrDefault("eval", 0L)).as("get and put, once each by text").isEqualTo(2);
        assertThat(after.get("evalsha") - before.getOrDefault("evalsha", 0L)).as("each try by SHA-1").isEqualTo(2);
        assertThat(after.get("mget") - before.getOrDefault("mget", 0L)).as("the hit, from the copy held here").isEqualTo(1);
        assertThat(store.serverStats().failures()).isZero();
    }
}
