package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances on one PostgreSQL and one Redis (the machine's, keys under a prefix of this
 * test's own): what one writes, the other reads at once, and no reader ever sees a page older than
 * a write that has returned.
 */
class SharedCacheTest {

    @TempDir
    static Path dataDir;
    private static TwoInstances instances;
    private static Http one;
    private static Http two;

    @BeforeAll
    static void start() {
        instances = TwoInstances.start(dataDir, Map.of());
        one = instances.one;
        two = instances.two;
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<Long> ids(JsonNode messages) {
        List<Long> ids = new ArrayList<>();
        messages.forEach(message -> ids.add(message.get("id").asLong()));
        return ids;
    }

    @Test
    @DisplayName("both instances report Redis as their cache")
    void redis_is_the_cache() {
        assertThat(one.get("/health", null).json().get("cache").asText()).isEqualTo("connected");
        assertThat(two.get("/cache/stats", null).json().get("backend").asText()).isEqualTo("redis");
    }

    @Test
    @DisplayName("a write through one instance is visible through the other at once, even over a warm cache")
    void write_through_one_read_through_the_other() {
        Http.Account alice = one.account(unique("alice"));
        Http.Account bob = one.account(unique("bob"));
        one.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "first"));
        // warm the second instance's view of everything
        assertThat(two.get("/messages?with_user_id=" + alice.id(), bob.token()).json()).hasSize(1);
        assertThat(two.get("/messages?with_user_id=" + alice.id(), bob.token()).json()).hasSize(1);
        assertThat(two.get("/unread-count", bob.token()).json().get("unread_count").asLong()).isEqualTo(1);
        assertThat(two.get("/users/" + alice.id(), bob.token()).json().get("display_name").isNull()).isTrue();

        long second = one.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "second"))
                .json().get("id").asLong();
        one.patchJson("/users/me", alice.token(), Map.of("display_name", "Alice Two"));

        assertThat(ids(two.get("/messages?with_user_id=" + alice.id(), bob.token()).json())).first().isEqualTo(second);
        assertThat(two.get("/unread-count", bob.token()).json().get("unread_count").asLong()).isEqualTo(2);
        assertThat(two.get("/conversations", bob.token()).json().get(0).get("last_message_id").asLong()).isEqualTo(second);
        assertThat(two.get("/users/" + alice.id(), bob.token()).json().get("display_name").asText()).isEqualTo("Alice Two");

        two.postJson("/conversations/" + alice.id() + "/read", bob.token(), "");
        assertThat(one.get("/unread-count", bob.token()).json().get("unread_count").asLong()).isZero();
        assertThat(two.get("/cache/stats", null).json().get("service").get("by_type").get("history").get("hits").asLong())
                .isPositive();
    }

    @Test
    @DisplayName("while many read and others send, every send that returned is in every later read by either party")
    void no_stale_page_after_a_write_returns() throws Exception {
        Http.Account alice = one.account(unique("alice"));
        Http.Account bob = one.account(unique("bob"));
        AtomicBoolean sending = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        // readers hammer both instances so that pages are filled and refilled while sends commit
        for (int r = 0; r < 4; r++) {
            Http reader = r % 2 == 0 ? one : two;
            Http.Account who = r < 2 ? bob : alice;
            long peer = who == bob ? alice.id() : bob.id();
            work.add(pool.submit(() -> {
                go.await();
                while (sending.get()) {
                    reader.get("/messages?with_user_id=" + peer + "&limit=5", who.token());
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        // senders check, right after each send returns, that both parties see it through both instances
        for (int s = 0; s < 4; s++) {
            Http writer = s % 2 == 0 ? one : two;
            Http.Account from = s < 2 ? alice : bob;
            Http.Account to = from == alice ? bob : alice;
            int sender = s;
            work.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 25; i++) {
                    long id = writer.postJson("/send", from.token(), Map.of("recipient_id", to.id(),
                            "content", "m" + sender + "-" + i)).json().get("id").asLong();
                    for (Http reader : List.of(one, two)) {
                        for (Http.Account party : List.of(from, to)) {
                            long peer = party == from ? to.id() : from.id();
                            // a concurrent sender's message may be newer: look through a page that is large enough
                            List<Long> page = ids(reader.get("/messages?with_user_id=" + peer + "&limit=100", party.token()).json());
                            if (!page.contains(id)) {
                                violations.add("message " + id + " missing for " + party.id());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> sender : work.subList(4, 8)) {
            sender.get(120, TimeUnit.SECONDS);
        }
        sending.set(false);
        for (Future<?> reader : work.subList(0, 4)) {
            reader.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(violations).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(ids(one.get("/messages?with_user_id=" + bob.id() + "&limit=100", alice.token()).json())).hasSize(100);
    }
}
