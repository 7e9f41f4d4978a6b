package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.bench.http.HttpChannel.Response;
import io.chatplatform.bench.http.HttpChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What every scenario shares: the options, the HTTP channels, the metrics, and the service's side figures. */
public final class Bench {

    private final Cli.Common options;
    private final PrintWriter out;
    private final URI url;
    private final Metrics metrics = new Metrics();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private final String runId = Long.toString(ThreadLocalRandom.current().nextLong(60_466_176L, 2_176_782_336L), 36);
    private volatile Optional<CacheStats> cacheAtStart = Optional.empty();
    private volatile Optional<CacheStats> cacheAtEnd = Optional.empty();

    public Bench(Cli.Common options, PrintWriter out) {
        this.options = options;
        this.out = out;
        this.url = URI.create(options.url.endsWith("/") ? options.url : options.url + "/");
    }

    public Cli.Common options() {
        return options;
    }

    public PrintWriter out() {
        return out;
    }

    public URI url() {
        return url;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** A new keep-alive connection to the service, for one thread. */
    public HttpChannel channel() {
        return new HttpChannel(url, options.timeout);
    }

    /** Six random letters and digits naming this run's accounts, so that runs never collide. */
    public String runId() {
        return runId;
    }

    /** Something the reader of the figures must know: printed under the table and kept in the JSON. */
    public void note(String note) {
        notes.add(note);
    }

    /** Runs the virtual users (see {@link LoadRunner}) for the warm-up and the measured duration; the measured seconds. */
    public double run(int users, IntFunction<LoadRunner.VirtualUser> factory, double rate, Supplier<String> extra)
            throws InterruptedException {
        out.printf("running %d virtual users (%s threads, raw client)%s: %s warm-up, %s measured%n", users,
                Threads.virtual() ? "virtual" : "platform",
                rate > 0 ? String.format(Locale.ROOT, " at %.0f/s in total", rate) : ", closed loop",
                human(options.warmup), human(options.duration));
        cacheAtStart = Optional.empty();
        cacheAtEnd = Optional.empty();
        return LoadRunner.run(metrics, out, users, this::channel, factory, rate, options.warmup, options.duration,
                options.progress, extra, () -> cacheAtStart = cacheStats(), () -> cacheAtEnd = cacheStats());
    }

    /** The service's cache figures over the measured phase of the last {@link #run}: null without /cache/stats. */
    public Result.Cache measuredCache() {
        return cacheAtStart.isEmpty() || cacheAtEnd.isEmpty() ? null : cacheAtEnd.get().since(cacheAtStart.get());
    }

    /** {@code GET /cache/stats}, or empty when the service does not answer it. */
    public Optional<CacheStats> cacheStats() {
        return getJson("/cache/stats").map(CacheStats::parse);
    }

    private Optional<JsonNode> getJson(String path) {
        try (HttpChannel ch = channel()) {
            Response r = ch.get(path, null);
            return r.ok() ? Optional.of(ChatApi.json(r)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The result of the run, with the measured operations (those that saw anything) and {@code extra} ones after them. */
    public Result result(String scenario, double seconds, Result.Cache cache, Result.Realtime realtime,
                         Result.Operation... extra) {
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
        ops.addAll(List.of(extra));
        Map<String, Object> service = getJson("/").map(node -> node.properties().stream()
                .filter(e -> e.getValue().isValueNode())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue().asText(), (a, b) -> a,
                        LinkedHashMap::new))).orElse(null);
        return new Result(scenario, options.label, startedAt, url.toString(), service, options.given(),
                Result.Environment.current("raw"), Result.round(seconds, 3), ops, cache, realtime, List.copyOf(notes));
    }

    public void finish(Result result) {
        out.print(Report.table(result));
        if (options.json != null) {
            Report.writeJson(result, Path.of(options.json));
            out.println("results written to " + options.json);
        }
        out.flush();
    }

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
            op.error(HttpChannel.errorKind(e));
            return null;
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
