package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Seeder;
import io.chatplatform.bench.http.HttpTransport.Channel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code read-cold}: history pages spread over a million or more stored messages, seeded straight
 * into PostgreSQL ({@link Seeder}; reused on the next run with the same prefix and sizes). Each
 * step reads a page of a random conversation as one of its two participants. Pages are the newest
 * 50 by default (the query of the pgbench ceiling); {@code --pages mixed} also reads at random
 * offsets and {@code before_id} cursors. Run the service with {@code CHAT_CACHE=off} for this
 * scenario: the figures are then those of the database path, whatever the run's length.
 */
public final class ReadColdScenario {

    public static final List<String> OPTIONS = List.of("database-url", "schema", "seed-users", "conversations", "messages",
            "seed-prefix", "pages", "limit");

    private ReadColdScenario() {
    }

    public static Seeder.Layout plan(Options o) {
        return Seeder.Layout.plan(o.string("seed-prefix", "cold"), o.integer("seed-users", 1000, 3, 10_000_000),
                o.integer("conversations", 5000, 1, 100_000_000), o.count("messages", 1_000_000, 1, 2_000_000_000));
    }

    public static Result run(Bench bench) throws Exception {
        Options o = bench.options();
        int users = o.integer("users", 64, 1, 100_000);
        int limit = o.integer("limit", 50, 1, 100);
        String pages = o.string("pages", "newest").toLowerCase(Locale.ROOT);
        if (!pages.equals("newest") && !pages.equals("mixed")) {
            throw new Options.UsageException("--pages is newest or mixed, not " + pages);
        }
        double rate = o.rate("rate", 0);
        Seeder.Layout layout = Seeder.seed(o.required("database-url"), o.required("schema"), false, plan(o),
                bench.password(), bench.out());
        long[] ids = new long[layout.users()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = layout.userId(i);
        }
        List<Account> accounts = bench.loginSeeded(ids, layout::username);
        var stats = bench.cacheStats();
        if (stats.isPresent() && !"disabled".equals(stats.get().backend())) {
            bench.note("the service's cache is on (" + stats.get().backend() + "): read-cold is meant to run against"
                    + " CHAT_CACHE=off, so that every page comes from PostgreSQL");
        }
        Metrics.Op history = bench.metrics().op("history");
        int per = layout.perConversation();
        double seconds = bench.run(users, i -> new LoadRunner.VirtualUser() {
            final Channel ch = bench.transport().channel();

            @Override
            public void step(long start) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int k = random.nextInt(layout.conversations());
                int[] pair = layout.pair(k);
                boolean first = random.nextBoolean();
                Account reader = accounts.get(first ? pair[0] : pair[1]);
                long peer = layout.userId(first ? pair[1] : pair[0]);
                int offset = 0;
                long before = 0;
                if (pages.equals("mixed") && per > limit) {
                    switch (random.nextInt(3)) {
                        case 1 -> offset = random.nextInt(per - limit + 1);
                        case 2 -> before = layout.messageId(k, limit + 1 + random.nextInt(per - limit));
                        default -> {
                        }
                    }
                }
                int o1 = offset;
                long b1 = before;
                Bench.timed(history, start, () -> ChatApi.history(ch, reader.token(), peer, limit, o1, b1));
            }

            @Override
            public void close() {
                ch.close();
            }
        }, rate, null);
        return bench.result("read-cold", seconds, bench.measuredCache(), null);
    }
}
