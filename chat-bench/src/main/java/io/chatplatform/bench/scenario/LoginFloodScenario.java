package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code login-flood}: does a password-guessing flood starve everyone else? {@code --users} readers
 * read the newest page of a conversation of theirs in a closed loop, first alone ("history quiet"),
 * then while {@code --flooders} connections post wrong passwords for one account ("history flood",
 * "login flood"), then alone again ("history after"). The service's JVM is still compiling during the
 * first phase (its throughput climbs for about 25 s on two cores), so compare the flood with the
 * third phase. The flood's answers are counted by status: 400 (a password was checked), 429
 * (refused by a rate limit before any hash), 503 (the hashing pool was full).
 */
@Command(name = "login-flood", description = "--users readers read history, alone and then while --flooders post wrong passwords")
public final class LoginFloodScenario extends Scenario {

    @Option(names = "--flooders", description = "default ${DEFAULT-VALUE}")
    int flooders = 32;
    @Option(names = "--flood-rate", description = "wrong passwords per second in all; 0 = closed loop")
    double floodRate;
    @Option(names = "--seed-messages", description = "default ${DEFAULT-VALUE}")
    int seedMessages = 20;
    @Option(names = "--limit", description = "page size (default ${DEFAULT-VALUE})")
    int limit = 50;

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        int readers = common.users(16);
        require(readers >= 2, "--users must be 2 or more");
        require(common.rate(0) == 0, "login-flood runs its readers in a closed loop; use --flood-rate for the flood");
        List<Account> accounts = setup.accounts(readers + 1, "f", null);
        Account victim = accounts.get(readers);
        setup.seedConversations(accounts.subList(0, readers), 1, seedMessages, new Cli.Content().bytes);

        Metrics.Op quiet = bench.metrics().op("history quiet");
        Metrics.Op flooded = bench.metrics().op("history flood");
        Metrics.Op flood = bench.metrics().op("login flood");
        Metrics.Op after = bench.metrics().op("history after");

        bench.out().println("phase 1: readers alone");
        bench.run(readers, i -> reader(accounts, i, readers, quiet), 0, null);
        bench.out().printf("phase 2: readers while %d connections post wrong passwords for %s%s%n", flooders,
                victim.username(), floodRate > 0 ? String.format(Locale.ROOT, " at %.0f/s", floodRate) : " as fast as answered");
        long pause = floodRate > 0 ? Math.round(1e9 * flooders / floodRate) : 0;
        bench.run(readers + flooders, i -> i < readers ? reader(accounts, i, readers, flooded) : flooder(victim, flood, pause),
                0, null);
        bench.out().println("phase 3: readers alone again");
        double seconds = bench.run(readers, i -> reader(accounts, i, readers, after), 0, null);
        bench.note("the flood's statuses: 400 = a password was checked, 429 = refused by a rate limit before any hash, "
                + "503 = the hashing pool was full");
        return bench.result("login-flood", seconds, bench.measuredCache(), null);
    }

    /** Reads its conversation with the next reader, newest page, again and again. */
    private LoadRunner.VirtualUser reader(List<Account> accounts, int i, int readers, Metrics.Op op) {
        long peer = accounts.get(Setup.partner(i, 0, readers)).id();
        return (ch, start) -> Bench.timed(op, start, () -> ChatApi.history(ch, accounts.get(i).token(), peer, limit, 0, 0));
    }

    /** Posts a wrong password for the victim, in a closed loop or one every {@code pauseNanos}. */
    private static LoadRunner.VirtualUser flooder(Account victim, Metrics.Op op, long pauseNanos) {
        long[] attempt = {0};
        return (ch, start) -> {
            Bench.timed(op, start, () -> ChatApi.login(ch, victim.username(), "not-the-password-" + attempt[0]++));
            long left = start + pauseNanos - System.nanoTime();
            if (pauseNanos > 0 && left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        };
    }
}
