package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.bench.http.HttpTransport;
import io.chatplatform.bench.http.HttpTransport.Channel;
import io.chatplatform.bench.http.HttpTransport.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** What every scenario shares: the options, the HTTP transport, the metrics, and the service's side figures. */
public final class Bench implements AutoCloseable {

    /** Options every load scenario accepts. */
    public static final List<String> COMMON_OPTIONS = List.of("url", "users", "duration", "warmup", "rate", "json", "label",
            "client", "timeout", "progress", "password");

    private final Options options;
    private final PrintStream out;
    private final URI url;
    private final Metrics metrics = new Metrics();
    private final HttpTransport transport;
    private final Duration timeout;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private final String runId;
    private volatile Optional<CacheStats> cacheAtStart = Optional.empty();
    private volatile Optional<CacheStats> cacheAtEnd = Optional.empty();

    public Bench(Options options, PrintStream out, int connections) {
        this.options = options;
        this.out = out;
        this.url = baseUrl(options.string("url", "http://127.0.0.1:8000"));
        this.timeout = options.duration("timeout", Duration.ofSeconds(10));
        this.transport = HttpTransport.create(options.string("client", "raw"), url, connections, timeout);
        this.runId = newRunId();
    }

    static URI baseUrl(String text) {
        URI uri = URI.create(text.endsWith("/") ? text : text + "/");
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new Options.UsageException("--url must be an http URL such as http://127.0.0.1:8000, not " + text);
        }
        return uri;
    }

    public Options options() {
        return options;
    }

    public PrintStream out() {
        return out;
    }

    public URI url() {
        return url;
    }

    public Metrics metrics() {
        return metrics;
    }

    public HttpTransport transport() {
        return transport;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Six random letters and digits naming this run's accounts, so that runs never collide. */
    public String runId() {
        return runId;
    }

    public String password() {
        return options.string("password", "bench-password-1");
    }

    /** Something the reader of the figures must know: printed under the table and kept in the JSON. */
    public void note(String note) {
        notes.add(note);
    }

    public Duration warmup() {
        return options.duration("warmup", Duration.ofSeconds(5));
    }

    public Duration duration() {
        return options.duration("duration", Duration.ofSeconds(30));
    }

    public Duration progressEvery() {
        return options.duration("progress", Duration.ofSeconds(5));
    }

    /** Runs the virtual users (see {@link LoadRunner}) for the warm-up and the measured duration. */
    public double run(int users, IntFunction<LoadRunner.VirtualUser> factory, double rate, Supplier<String> extra)
            throws InterruptedException {
        out.printf("running %d virtual users (%s threads, %s client)%s: %s warm-up, %s measured%n", users,
                Threads.virtual() ? "virtual" : "platform", transport.name(),
                rate > 0 ? String.format(java.util.Locale.ROOT, " at %.0f/s in total", rate) : ", closed loop",
                human(warmup()), human(duration()));
        cacheAtStart = Optional.empty();
        cacheAtEnd = Optional.empty();
        return LoadRunner.run(metrics, out, users, factory, rate, warmup(), duration(), progressEvery(), extra,
                () -> cacheAtStart = cacheStats(), () -> cacheAtEnd = cacheStats());
    }

    /** The service's cache figures over the measured phase of the last {@link #run}: null without /cache/stats. */
    public Result.Cache measuredCache() {
        return cacheDelta(cacheAtStart, cacheAtEnd);
    }

    /** {@code GET /} as JSON, or empty when the endpoint has none. */
    public Optional<Map<String, Object>> serviceInfo() {
        try (Channel ch = transport.channel()) {
            Response r = ch.get("/", null);
            if (!r.ok()) {
                return Optional.empty();
            }
            JsonNode node = ChatApi.json(r);
            Map<String, Object> info = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isValueNode()) {
                    info.put(e.getKey(), e.getValue().asText());
                }
            }
            return Optional.of(info);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code GET /cache/stats}, or empty when the service does not answer it. */
    public Optional<CacheStats> cacheStats() {
        try (Channel ch = transport.channel()) {
            Response r = ch.get("/cache/stats", null);
            return r.ok() ? Optional.of(CacheStats.parse(ChatApi.json(r))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Registers and logs in {@code count} accounts of this run (named {@code b_<run>_<prefix><i>}), 32 at a time. */
    public List<Account> createAccounts(int count, String prefix) throws InterruptedException {
        return Accounts.register(this, count, prefix);
    }

    /** Accounts made the fastest way the options allow (see {@link Accounts#provision}). */
    public List<Account> provisionAccounts(int count, String tag) throws Exception {
        return Accounts.provision(this, count, tag);
    }

    /** Logs in accounts seeded in the database (their password is {@link #password()}). */
    public List<Account> loginSeeded(long[] ids, IntFunction<String> usernames) throws InterruptedException {
        return Accounts.login(this, ids, usernames);
    }

    /** The result of the run, with the measured operations (those that saw anything). */
    public Result result(String scenario, double seconds, Result.Cache cache, Result.Realtime realtime) {
        List<Result.Operation> ops = new ArrayList<>();
        for (Metrics.Op op : metrics.operations()) {
            var h = op.total();
            if (h.getTotalCount() == 0 && op.errors().isEmpty()) {
                continue;
            }
            ops.add(Result.Operation.of(op.name(), h, seconds, op.errors(), op.meanBytes()));
            if (!op.warmupErrors().isEmpty()) {
                notes.add("errors of " + op.name() + " during the warm-up (not counted): " + Report.counts(op.warmupErrors()));
            }
        }
        Map<String, String> given = new LinkedHashMap<>(options.given());
        given.remove("password");
        given.replaceAll((k, v) -> k.contains("database-url") ? redactUrl(v) : v);
        return new Result(scenario, options.optional("label").orElse(null), startedAt, url.toString(),
                serviceInfo().orElse(null), given, Result.Environment.current(transport.name()), Result.round(seconds, 3),
                ops, cache, realtime, List.copyOf(notes));
    }

    /** The result with one more operation (e.g. the WebSocket connects, measured outside the run). */
    public Result withOperation(Result r, Result.Operation op) {
        List<Result.Operation> ops = new ArrayList<>(r.operations());
        ops.add(op);
        return new Result(r.scenario(), r.label(), r.startedAt(), r.url(), r.service(), r.options(), r.environment(),
                r.measuredSeconds(), ops, r.cache(), r.realtime(), r.notes());
    }

    /** Prints the table and writes {@code --json} if asked. */
    public void finish(Result result) {
        out.print(Report.table(result));
        options.optional("json").ifPresent(file -> {
            Report.writeJson(result, Path.of(file));
            out.println("results written to " + file);
        });
    }

    /** A request that the scenario needs done. */
    public interface Call {
        Response run() throws IOException;
    }

    /**
     * Performs the call and records it under {@code op}: its latency from {@code startNanos} when the
     * status is 2xx, else an error by status (or by kind when no response came). Null when it failed.
     */
    public static Response timed(Metrics.Op op, long startNanos, Call call) {
        try {
            Response r = call.run();
            if (r.ok()) {
                op.record(System.nanoTime() - startNanos, r.body().length);
                return r;
            }
            op.error(Integer.toString(r.status()));
            return null;
        } catch (IOException e) {
            op.error(HttpTransport.errorKind(e));
            return null;
        }
    }

    /** The cache's figures over the measured phase, from two snapshots. */
    public static Result.Cache cacheDelta(Optional<CacheStats> before, Optional<CacheStats> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return null;
        }
        return after.get().since(before.get());
    }

    static String redactUrl(String url) {
        return url.replaceAll("password=[^&]*", "password=***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String newRunId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** An account the bench logged in. */
    public record Account(long id, String username, String token) {
    }
}
