package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Seeder;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code read-cold}: history pages spread over a million or more stored messages, seeded straight
 * into PostgreSQL ({@link Seeder}; reused on the next run with the same prefix and sizes). Each
 * step reads a page of a random conversation as one of its two participants. Pages are the newest
 * 50 by default (the query of the pgbench ceiling); {@code --pages mixed} also reads at random
 * offsets and {@code before_id} cursors. Run the service with {@code CHAT_CACHE=off} for this
 * scenario: the figures are then those of the database path, whatever the run's length.
 */
@Command(name = "read-cold", description = "history pages spread over 1M+ messages seeded in PostgreSQL"
        + " (run the service with CHAT_CACHE=off)")
public final class ReadColdScenario extends Scenario {

    enum Pages { newest, mixed }

    @Mixin
    Cli.Database database;
    @Mixin
    Seeder.Sizes sizes;
    @Option(names = "--pages", description = "newest or mixed (default ${DEFAULT-VALUE})")
    Pages pages = Pages.newest;
    @Option(names = "--limit", description = "page size (default ${DEFAULT-VALUE})")
    int limit = 50;

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        Seeder.Layout layout = Seeder.seed(database, false, sizes.plan(), common.password, bench.out());
        long[] ids = new long[layout.users()];
        Arrays.setAll(ids, layout::userId);
        List<Account> accounts = setup.login(ids, layout::username);
        var stats = bench.cacheStats();
        if (stats.isPresent() && !"disabled".equals(stats.get().backend())) {
            bench.note("the service's cache is on (" + stats.get().backend() + "): read-cold is meant to run against"
                    + " CHAT_CACHE=off, so that every page comes from PostgreSQL");
        }
        Metrics.Op history = bench.metrics().op("history");
        int per = layout.perConversation();
        double seconds = bench.run(common.users(64), i -> (ch, start) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int k = random.nextInt(layout.conversations());
            int[] pair = layout.pair(k);
            boolean first = random.nextBoolean();
            Account reader = accounts.get(first ? pair[0] : pair[1]);
            long peer = layout.userId(first ? pair[1] : pair[0]);
            int kind = pages == Pages.mixed && per > limit ? random.nextInt(3) : 0;
            int offset = kind == 1 ? random.nextInt(per - limit + 1) : 0;
            long before = kind == 2 ? layout.messageId(k, limit + 1 + random.nextInt(per - limit)) : 0;
            Bench.timed(history, start, () -> ChatApi.history(ch, reader.token(), peer, limit, offset, before));
        }, common.rate(0), null);
        return bench.result("read-cold", seconds, bench.measuredCache(), null);
    }
}
