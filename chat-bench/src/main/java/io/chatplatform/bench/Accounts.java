package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.http.HttpTransport.Channel;
import io.chatplatform.bench.http.HttpTransport.Response;
import io.chatplatform.bootstrap.security.JwtAccessTokens;
import io.chatplatform.domain.user.UserId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Accounts for a run, through the service's own routes ({@code POST /register}, {@code POST /login}),
 * or logins only for accounts that were seeded in the database. bcrypt dominates both: start the
 * service with {@code CHAT_BCRYPT_COST=4} for benchmarks (registration is not what is measured).
 */
final class Accounts {

    static final int PARALLEL = 16;

    private Accounts() {
    }

    static List<Account> register(Bench bench, int count, String prefix) throws InterruptedException {
        String base = "b_" + bench.runId() + "_" + prefix;
        long started = System.nanoTime();
        List<Account> accounts = parallel(bench, count, "registering", (ch, i) -> {
            String username = base + i;
            Response registered = patiently(() -> ChatApi.register(ch, username, username + "@bench.example.com",
                    bench.password()));
            if (!registered.ok()) {
                throw new IllegalStateException("POST /register answered " + registered.status() + ": "
                        + ChatApi.abbreviate(registered.text()));
            }
            long id = ChatApi.json(registered).path("id").asLong();
            return new Account(id, username, login(ch, username, bench.password()));
        });
        bench.out().printf("registered and logged in %d accounts in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        return accounts;
    }

    /** Logs in accounts that exist already (seeded), given their ids and usernames. */
    static List<Account> login(Bench bench, long[] ids, IntFunction<String> usernames) throws InterruptedException {
        long started = System.nanoTime();
        List<Account> accounts = parallel(bench, ids.length, "logging in", (ch, i) -> {
            String username = usernames.apply(i);
            return new Account(ids[i], username, login(ch, username, bench.password()));
        });
        bench.out().printf("logged in %d accounts in %.1f s%n", ids.length, (System.nanoTime() - started) / 1e9);
        return accounts;
    }

    /**
     * {@code count} accounts, the fastest way the options allow: inserted straight into the database
     * with {@code --database-url} and {@code --schema}, else registered through the API; then tokens
     * minted locally with {@code --jwt-secret} (the service's CHAT_JWT_SECRET), else logged in.
     */
    static List<Account> provision(Bench bench, int count, String tag) throws Exception {
        Options o = bench.options();
        Optional<String> secret = o.optional("jwt-secret");
        if (o.has("database-url")) {
            String prefix = "b" + bench.runId() + tag;
            long base = Seeder.seedUsers(o.required("database-url"), o.required("schema"), prefix, count, bench.password(),
                    bench.out());
            long[] ids = new long[count];
            for (int i = 0; i < count; i++) {
                ids[i] = base + i;
            }
            if (secret.isPresent()) {
                return mint(bench, ids, i -> prefix + "_" + i, secret.get());
            }
            return login(bench, ids, i -> prefix + "_" + i);
        }
        return register(bench, count, tag);
    }

    /** Tokens signed with the service's secret, exactly as the service issues them (JwtAccessTokens of bootstrap). */
    static List<Account> mint(Bench bench, long[] ids, IntFunction<String> usernames, String secret) {
        JwtAccessTokens tokens = new JwtAccessTokens(secret, Duration.ofHours(12));
        Instant now = Instant.now();
        List<Account> accounts = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            accounts.add(new Account(ids[i], usernames.apply(i), tokens.issue(UserId.of(ids[i]), now).value()));
        }
        bench.out().printf("minted %d tokens with the service's JWT secret%n", ids.length);
        return accounts;
    }

    static String login(Channel ch, String username, String password) throws IOException {
        Response r = patiently(() -> ChatApi.login(ch, username, password));
        if (!r.ok()) {
            throw new IllegalStateException("POST /login for " + username + " answered " + r.status() + ": "
                    + ChatApi.abbreviate(r.text()));
        }
        JsonNode token = ChatApi.json(r).path("access_token");
        if (!token.isTextual()) {
            throw new IllegalStateException("POST /login answered without access_token: " + ChatApi.abbreviate(r.text()));
        }
        return token.asText();
    }

    /**
     * The answer to {@code call}, asked again (up to a minute) while the service says it is too busy
     * (503, its password hashing pool full) or limits the caller (429), as a well-behaved client
     * does: accounts are made 16 at a time, faster than bcrypt at the default cost hashes.
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

    interface AccountTask {
        Account make(Channel channel, int index) throws Exception;
    }

    private static List<Account> parallel(Bench bench, int count, String what, AccountTask task) throws InterruptedException {
        Account[] accounts = new Account[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long lastReport = System.nanoTime();
        try (Closeable ignored = new Closeable(Threads.perTask("accounts"))) {
            ExecutorService pool = ignored.pool;
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(PARALLEL, count); w++) {
                workers.add(pool.submit(() -> {
                    try (Channel ch = bench.transport().channel()) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            accounts[i] = task.make(ch, i);
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                while (true) {
                    try {
                        worker.get(1, java.util.concurrent.TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        if (System.nanoTime() - lastReport > 5_000_000_000L) {
                            bench.out().printf("  %s: %d of %d%n", what, done.get(), count);
                            lastReport = System.nanoTime();
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        next.set(count);
                        Throwable cause = e.getCause();
                        throw new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
                    }
                }
            }
        }
        return Arrays.asList(accounts);
    }

    private static final class Closeable implements AutoCloseable {
        final ExecutorService pool;

        Closeable(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
