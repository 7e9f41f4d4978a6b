package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import io.chatplatform.bench.http.HttpChannel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code read-cached}: a warmed set of conversations read over and over. Account {@code i} talks
 * with accounts {@code i±1 .. i±peers}; every conversation gets {@code --seed-messages} messages
 * through {@code POST /send} before the run, then every page is read once (the cache fills). The
 * virtual users then read the newest page of a random conversation of theirs
 * ({@code GET /messages?with_user_id=..&limit=50}) or, with probability {@code --list-ratio}, their
 * conversation list ({@code GET /conversations}). Nothing is written during the run, so nearly
 * every lookup should hit.
 */
@Command(name = "read-cached", description = "history pages and conversation lists of a warmed set of conversations")
public final class ReadCachedScenario extends Scenario {

    @Option(names = "--peers", description = "partners on each side (default ${DEFAULT-VALUE})")
    int peers = 4;
    @Option(names = "--seed-messages", description = "messages per conversation (default ${DEFAULT-VALUE})")
    int seedMessages = 50;
    @Option(names = "--list-ratio", description = "share of conversation-list reads (default ${DEFAULT-VALUE})")
    double listRatio = 0.2;
    @Option(names = "--limit", description = "page size (default ${DEFAULT-VALUE})")
    int limit = 50;
    @Mixin
    Cli.Content content;

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        int users = common.users(64);
        require(peers >= 1 && 2 * peers < users, "--peers must be less than half of --users (" + users + ")");
        require(listRatio >= 0 && listRatio <= 1, "--list-ratio must be between 0 and 1");
        List<Account> accounts = setup.accounts(users, "r", null);
        setup.seedConversations(accounts, peers, seedMessages, contentBytes(content));

        // warm: every page and every list once, outside the measurement
        long warmStart = System.nanoTime();
        try (HttpChannel ch = bench.channel()) {
            for (int i = 0; i < users; i++) {
                String token = accounts.get(i).token();
                Setup.check(ChatApi.conversations(ch, token), "GET /conversations");
                for (int p = 0; p < 2 * peers; p++) {
                    long peer = accounts.get(Setup.partner(i, p, users)).id();
                    Setup.check(ChatApi.history(ch, token, peer, limit, 0, 0), "GET /messages");
                }
            }
        }
        bench.out().printf("warmed %d conversation pages and %d lists in %.1f s%n", users * peers, users,
                (System.nanoTime() - warmStart) / 1e9);
        Metrics.Op history = bench.metrics().op("history");
        Metrics.Op list = bench.metrics().op("conversations");
        double seconds = bench.run(users, i -> (ch, start) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String token = accounts.get(i).token();
            if (random.nextDouble() < listRatio) {
                Bench.timed(list, start, () -> ChatApi.conversations(ch, token));
            } else {
                long peer = accounts.get(Setup.partner(i, random.nextInt(2 * peers), users)).id();
                Bench.timed(history, start, () -> ChatApi.history(ch, token, peer, limit, 0, 0));
            }
        }, common.rate(0), null);
        Result.Cache cache = bench.measuredCache();
        if (cache != null && "disabled".equals(cache.backend())) {
            bench.note("the service runs without a cache (CHAT_CACHE=off?): these are database reads, not cached ones");
        }
        return bench.result("read-cached", seconds, cache, null);
    }
}
