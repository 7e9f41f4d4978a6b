package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.http.HttpTransport.Channel;
import java.util.List;

/**
 * {@code login-flood}: does a password-guessing flood starve everyone else? {@code --users} readers
 * read the newest page of a conversation of theirs in a closed loop, first alone ("history quiet"),
 * then while {@code --flooders} connections post wrong passwords for one account ("history flood",
 * "login flood"), then alone again ("history after"). The service's JVM is still compiling during the
 * first phase (its throughput climbs for about 25 s on two cores), so compare the flood with the
 * third phase. The flood's answers are counted by status: 400 (a password was checked), 429
 * (refused by a rate limit before any hash), 503 (the hashing pool was full).
 */
public final class LoginFloodScenario {

    public static final List<String> OPTIONS = List.of("flooders", "flood-rate", "seed-messages", "limit");

    private LoginFloodScenario() {
    }

    public static Result run(Bench bench) throws Exception {
        Options o = bench.options();
        int readers = o.integer("users", 16, 2, 10_000);
        int flooders = o.integer("flooders", 32, 1, 10_000);
        double floodRate = o.rate("flood-rate", 0);
        int seedMessages = o.integer("seed-messages", 20, 1, 1000);
        int limit = o.integer("limit", 50, 1, 100);
        if (o.rate("rate", 0) > 0) {
            throw new Options.UsageException("login-flood runs its readers in a closed loop; use --flood-rate for the flood");
        }

        List<Account> accounts = bench.createAccounts(readers + 1, "f");
        Account victim = accounts.get(readers);
        ReadCachedScenario.seed(bench, accounts.subList(0, readers), 1, seedMessages, 80);

        Metrics.Op quiet = bench.metrics().op("history quiet");
        Metrics.Op flooded = bench.metrics().op("history flood");
        Metrics.Op flood = bench.metrics().op("login flood");
        Metrics.Op after = bench.metrics().op("history after");

        bench.out().println("phase 1: readers alone");
        bench.run(readers, i -> reader(bench, accounts, i, readers, limit, quiet), 0, null);
        bench.out().printf("phase 2: readers while %d connections post wrong passwords for %s%s%n", flooders,
                victim.username(), floodRate > 0 ? String.format(java.util.Locale.ROOT, " at %.0f/s", floodRate) : " as fast as answered");
        double perFlooder = floodRate > 0 ? floodRate / flooders : 0;
        double seconds = bench.run(readers + flooders, i -> i < readers
                ? reader(bench, accounts, i, readers, limit, flooded)
                : flooder(bench, victim, flood, perFlooder), 0, null);
        bench.out().println("phase 3: readers alone again");
        seconds = bench.run(readers, i -> reader(bench, accounts, i, readers, limit, after), 0, null);
        bench.note("the flood's statuses: 400 = a password was checked, 429 = refused by a rate limit before any hash, "
                + "503 = the hashing pool was full");
        return bench.result("login-flood", seconds, bench.measuredCache(), null);
    }

    /** Reads its conversation with the next reader, newest page, again and again. */
    private static LoadRunner.VirtualUser reader(Bench bench, List<Account> accounts, int i, int readers, int limit,
                                                 Metrics.Op op) {
        Account me = accounts.get(i);
        long peer = accounts.get(ReadCachedScenario.partner(i, 0, readers)).id();
        Channel ch = bench.transport().channel();
        return new LoadRunner.VirtualUser() {
            @Override
            public void step(long start) {
                Bench.timed(op, start, () -> ChatApi.history(ch, me.token(), peer, limit, 0, 0));
            }

            @Override
            public void close() {
                ch.close();
            }
        };
    }

    /** Posts a wrong password for the victim, in a closed loop or paced at {@code rate} per second. */
    private static LoadRunner.VirtualUser flooder(Bench bench, Account victim, Metrics.Op op, double rate) {
        Channel ch = bench.transport().channel();
        long pause = rate > 0 ? Math.round(1e9 / rate) : 0;
        return new LoadRunner.VirtualUser() {
            long attempt;

            @Override
            public void step(long start) throws InterruptedException {
                Bench.timed(op, start, () -> ChatApi.login(ch, victim.username(), "not-the-password-" + attempt++));
                if (pause > 0) {
                    long left = start + pause - System.nanoTime();
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                    }
                }
            }

            @Override
            public void close() {
                ch.close();
            }
        };
    }
}
