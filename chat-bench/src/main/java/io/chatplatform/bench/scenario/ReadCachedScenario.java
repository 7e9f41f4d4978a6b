package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Threads;
import io.chatplatform.bench.http.HttpTransport.Channel;
import io.chatplatform.bench.http.HttpTransport.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code read-cached}: a warmed set of conversations read over and over. Account {@code i} talks
 * with accounts {@code i±1 .. i±peers}; every conversation gets {@code --seed-messages} messages
 * through {@code POST /send} before the run, then every page is read once (the cache fills). The
 * virtual users then read the newest page of a random conversation of theirs
 * ({@code GET /messages?with_user_id=..&limit=50}) or, with probability {@code --list-ratio}, their
 * conversation list ({@code GET /conversations}). Nothing is written during the run, so nearly
 * every lookup should hit.
 */
public final class ReadCachedScenario {

    public static final List<String> OPTIONS = List.of("peers", "seed-messages", "list-ratio", "limit", "content-bytes");

    private ReadCachedScenario() {
    }

    public static Result run(Bench bench) throws Exception {
        Options o = bench.options();
        int users = o.integer("users", 64, 3, 100_000);
        int peers = o.integer("peers", 4, 1, 1000);
        if (2 * peers >= users) {
            throw new Options.UsageException("--peers must be less than half of --users (" + users + ")");
        }
        int seedMessages = o.integer("seed-messages", 50, 1, 10_000);
        double listRatio = o.decimal("list-ratio", 0.2, 0, 1);
        int limit = o.integer("limit", 50, 1, 100);
        int contentChars = o.integer("content-bytes", 80, 16, 4000);
        double rate = o.rate("rate", 0);

        List<Account> accounts = bench.createAccounts(users, "r");
        seed(bench, accounts, peers, seedMessages, contentChars);

        Metrics.Op history = bench.metrics().op("history");
        Metrics.Op list = bench.metrics().op("conversations");
        // warm: every page and every list once, outside the measurement
        long warmStart = System.nanoTime();
        try (Channel ch = bench.transport().channel()) {
            for (int i = 0; i < users; i++) {
                Account me = accounts.get(i);
                check(ChatApi.conversations(ch, me.token()), "GET /conversations");
                for (int p = 0; p < 2 * peers; p++) {
                    check(ChatApi.history(ch, me.token(), accounts.get(partner(i, p, users)).id(), limit, 0, 0),
                            "GET /messages");
                }
            }
        }
        bench.out().printf("warmed %d conversation pages and %d lists in %.1f s%n", users * peers, users,
                (System.nanoTime() - warmStart) / 1e9);
        double seconds = bench.run(users, i -> new LoadRunner.VirtualUser() {
            final Account me = accounts.get(i);
            final Channel ch = bench.transport().channel();

            @Override
            public void step(long start) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextDouble() < listRatio) {
                    Bench.timed(list, start, () -> ChatApi.conversations(ch, me.token()));
                } else {
                    long peer = accounts.get(partner(i, random.nextInt(2 * peers), users)).id();
                    Bench.timed(history, start, () -> ChatApi.history(ch, me.token(), peer, limit, 0, 0));
                }
            }

            @Override
            public void close() {
                ch.close();
            }
        }, rate, null);
        Result.Cache cache = bench.measuredCache();
        if (cache != null && "disabled".equals(cache.backend())) {
            bench.note("the service runs without a cache (CHAT_CACHE=off?): these are database reads, not cached ones");
        }
        return bench.result("read-cached", seconds, cache, null);
    }

    /** The {@code p}-th partner of account {@code i}: {@code i+1, i-1, i+2, i-2, ...} modulo the number of accounts. */
    static int partner(int i, int p, int users) {
        int distance = p / 2 + 1;
        int signed = p % 2 == 0 ? distance : -distance;
        return Math.floorMod(i + signed, users);
    }

    /** Sends {@code messages} messages into each conversation {@code (i, i+d)}, {@code d = 1..peers}, alternating the sender. */
    static void seed(Bench bench, List<Account> accounts, int peers, int messages, int contentChars) throws Exception {
        int users = accounts.size();
        int conversations = users * peers;
        long total = (long) conversations * messages;
        long started = System.nanoTime();
        String padding = Content.padding(contentChars);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Threads.perTask("seed");
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                workers.add(pool.submit(() -> {
                    try (Channel ch = bench.transport().channel()) {
                        for (int c = next.getAndIncrement(); c < conversations; c = next.getAndIncrement()) {
                            Account a = accounts.get(c / peers);
                            Account b = accounts.get((c / peers + c % peers + 1) % users);
                            for (int m = 0; m < messages; m++) {
                                Account from = m % 2 == 0 ? a : b;
                                Account to = m % 2 == 0 ? b : a;
                                check(ChatApi.send(ch, from.token(), to.id(), Content.text("seed " + m, padding, contentChars)),
                                        "POST /send");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        bench.out().printf("seeded %d conversations with %d messages each (%d sends) in %.1f s%n", conversations, messages,
                total, (System.nanoTime() - started) / 1e9);
    }

    static Response check(Response r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " answered " + r.status() + ": " + ChatApi.abbreviate(r.text()));
        }
        return r;
    }
}
