package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.bench.http.HttpChannel.Response;
import io.chatplatform.bench.http.HttpChannel;
import io.chatplatform.bootstrap.security.JwtAccessTokens;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Everything a scenario prepares before it measures, in one place: accounts (registered and logged
 * in through the service's routes, or inserted into its tables and given tokens signed with its
 * secret), conversations seeded through {@code POST /send}, who talks with whom, and message texts
 * of the size asked for. bcrypt dominates registrations and logins: start the service with
 * {@code CHAT_BCRYPT_COST=4} for benchmarks.
 */
public final class Setup {

    /** Accounts are made, and conversations seeded, this many at a time. */
    static final int PARALLEL = 16;
    private static final String WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua ";

    private final Bench bench;

    public Setup(Bench bench) {
        this.bench = bench;
    }

    public record Account(long id, String username, String token) {
    }

    /**
     * {@code count} accounts of this run, the fastest way {@code fast} allows (null: through the API):
     * inserted straight into the database with {@code --database-url} and {@code --schema}, else
     * registered ({@code POST /register}, named {@code b_<run>_<tag><i>}); then tokens minted with
     * {@code --jwt-secret} (for a session of each account, inserted with them), else logged in.
     */
    public List<Account> accounts(int count, String tag, Cli.Accounts fast) throws Exception {
        if (fast == null || fast.database.url == null) {
            return register(count, tag);
        }
        String prefix = "b" + bench.runId() + tag;
        long base = Seeder.seedUsers(fast.database, prefix, count, bench.options().password, bench.out());
        long[] ids = new long[count];
        Arrays.setAll(ids, i -> base + i);
        return fast.jwtSecret != null ? mint(fast.database, ids, i -> prefix + "_" + i, fast.jwtSecret)
                : login(ids, i -> prefix + "_" + i);
    }

    private List<Account> register(int count, String tag) throws InterruptedException {
        String base = "b_" + bench.runId() + "_" + tag;
        String password = bench.options().password;
        long started = System.nanoTime();
        List<Account> accounts = parallel(count, "registering", (ch, i) -> {
            String username = base + i;
            Response registered = check(patiently(() -> ChatApi.register(ch, username, username + "@bench.example.com",
                    password)), "POST /register");
            return new Account(ChatApi.json(registered).path("id").asLong(), username, login(ch, username, password));
        });
        bench.out().printf("registered and logged in %d accounts in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        return accounts;
    }

    /** Logs in accounts that exist already (seeded), given their ids and usernames. */
    public List<Account> login(long[] ids, IntFunction<String> usernames) throws InterruptedException {
        long started = System.nanoTime();
        List<Account> accounts = parallel(ids.length, "logging in",
                (ch, i) -> new Account(ids[i], usernames.apply(i), login(ch, usernames.apply(i), bench.options().password)));
        bench.out().printf("logged in %d accounts in %.1f s%n", ids.length, (System.nanoTime() - started) / 1e9);
        return accounts;
    }

    /**
     * Tokens signed with the service's secret, exactly as the service issues them (JwtAccessTokens of
     * bootstrap). The service accepts a token only while its session stands, so a session per account
     * is inserted first; the accounts' ids are consecutive (seeded), and so are their sessions'.
     */
    private List<Account> mint(Cli.Database database, long[] ids, IntFunction<String> usernames, String secret) {
        if (ids.length == 0) {
            return List.of();
        }
        Duration lifetime = Duration.ofHours(12);
        JwtAccessTokens tokens = new JwtAccessTokens(secret, lifetime);
        long firstSession = Seeder.seedSessions(database, ids[0], ids.length, lifetime, bench.out());
        Instant now = Instant.now();
        List<Account> accounts = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            String token = tokens.issue(UserId.of(ids[i]), SessionId.of(firstSession + i), now).value();
            accounts.add(new Account(ids[i], usernames.apply(i), token));
        }
        bench.out().printf("minted %d tokens with the service's JWT secret%n", ids.length);
        return accounts;
    }

    private static String login(HttpChannel ch, String username, String password) throws IOException {
        Response r = check(patiently(() -> ChatApi.login(ch, username, password)), "POST /login for " + username);
        JsonNode token = ChatApi.json(r).path("access_token");
        if (!token.isTextual()) {
            throw new IllegalStateException("POST /login answered without access_token: " + ChatApi.abbreviate(r.text()));
        }
        return token.asText();
    }

    /** Told of each seeded message: its sender and recipient (indexes into the accounts) and its id. */
    @FunctionalInterface
    public interface Seeded {
        void sent(int sender, int recipient, long messageId);
    }

    /**
     * Sends {@code messages} messages into each conversation of account {@code i} with its
     * {@link #partner}s {@code i+1 .. i+peers}, alternating the sender ({@code users × peers}
     * conversations, each read from both sides by the partners).
     */
    public void seedConversations(List<Account> accounts, int peers, int messages, int contentBytes) throws Exception {
        seedConversations(accounts, peers, messages, contentBytes, null);
    }

    /** As the other, telling {@code seeded} (unless null) of every message, from the seeding threads. */
    public void seedConversations(List<Account> accounts, int peers, int messages, int contentBytes, Seeded seeded)
            throws Exception {
        int users = accounts.size();
        long started = System.nanoTime();
        String padding = padding(contentBytes);
        parallel(users * peers, "seeding conversations", (ch, c) -> {
            int a = c / peers;
            int b = (c / peers + c % peers + 1) % users;
            for (int m = 0; m < messages; m++) {
                int from = m % 2 == 0 ? a : b;
                int to = m % 2 == 0 ? b : a;
                Response sent = check(ChatApi.send(ch, accounts.get(from).token(), accounts.get(to).id(),
                        text("seed " + m, padding, contentBytes)), "POST /send");
                if (seeded != null) {
                    seeded.sent(from, to, ChatApi.json(sent).path("id").asLong());
                }
            }
            return accounts.get(a);
        });
        bench.out().printf("seeded %d conversations with %d messages each (%d sends) in %.1f s%n", users * peers, messages,
                (long) users * peers * messages, (System.nanoTime() - started) / 1e9);
    }

    /** The {@code p}-th partner of account {@code i}: {@code i+1, i-1, i+2, i-2, ...} modulo the number of accounts. */
    public static int partner(int i, int p, int users) {
        int distance = p / 2 + 1;
        return Math.floorMod(i + (p % 2 == 0 ? distance : -distance), users);
    }

    /** A uniformly random index in {@code [0, n)} other than {@code self}; {@code n >= 2}. */
    public static int otherThan(int self, int n, Random random) {
        int other = random.nextInt(n - 1);
        return other >= self ? other + 1 : other;
    }

    public static String padding(int chars) {
        return WORDS.repeat(chars / WORDS.length() + 1);
    }

    /** {@code head} followed by filler, exactly {@code chars} characters (or just {@code head} when longer). */
    public static String text(String head, String padding, int chars) {
        return head.length() + 1 >= chars ? head : head + ' ' + padding.substring(0, chars - head.length() - 1);
    }

    public static Response check(Response r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " answered " + r.status() + ": " + ChatApi.abbreviate(r.text()));
        }
        return r;
    }

    /**
     * The answer to {@code call}, asked again (up to a minute) while the service says it is too busy
     * (503, its password hashing pool full) or limits the caller (429), as a well-behaved client does.
     */
    static Response patiently(Bench.Call call) throws IOException {
        Response r = call.run();
        for (int attempt = 0; attempt < 60 && (r.status() == 503 || r.status() == 429); attempt++) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to retry", e);
            }
            r = call.run();
        }
        return r;
    }

    private interface Task {
        Account make(HttpChannel channel, int index) throws Exception;
    }

    /** Runs {@code task} for indexes {@code 0 .. count-1} on {@link #PARALLEL} channels, with a progress line every 5 s. */
    private List<Account> parallel(int count, String what, Task task) throws InterruptedException {
        Account[] made = new Account[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Threads.perTask();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(PARALLEL, count); w++) {
            workers.add(pool.submit(() -> {
                try (HttpChannel ch = bench.channel()) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        made[i] = task.make(ch, i);
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    next.set(count); // the others stop too
                    throw e;
                }
                return null;
            }));
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                bench.out().printf("  %s: %d of %d%n", what, done.get(), count);
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(made);
    }
}
