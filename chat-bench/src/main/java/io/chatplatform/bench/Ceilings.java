package io.chatplatform.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw ceilings of the machine, read from the files {@code ceilings.sh} leaves in its output
 * directory: pgbench's report of the send transaction and of the newest-50 query, redis-benchmark's
 * CSV for a GET of a page-sized value, the bench's own results for the bare Javalin endpoint (and
 * wrk's report of the same), and the idle-WebSocket memory. A missing file leaves its figure null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ceilings(Pgbench sendTransaction, Pgbench historyQuery, RedisGet redisGet, Http bareHttp, Http bareHttpWrk,
                       IdleWs idleWs, String machine) {

    /** pgbench: transactions per second and mean latency. */
    public record Pgbench(double tps, Double latencyMs, Integer clients, Integer seconds) {
    }

    /** redis-benchmark: GETs per second of a value of {@code bytes}. */
    public record RedisGet(double rps, Double p99Ms, Integer valueBytes) {
    }

    /** The bare endpoint: requests per second and p99 at {@code connections}. */
    public record Http(double rps, Double p99Ms, Integer connections, String tool) {
    }

    /** Idle WebSockets on the bare server: resident memory with them, per connection. */
    public record IdleWs(int connections, Long rssBeforeBytes, Long rssConnectedBytes) {
        public Double bytesPerConnection() {
            return connections == 0 || rssBeforeBytes == null || rssConnectedBytes == null ? null
                    : (double) (rssConnectedBytes - rssBeforeBytes) / connections;
        }
    }

    public static Ceilings load(Path dir) {
        return new Ceilings(pgbench(read(dir.resolve("pgbench-send.txt"))), pgbench(read(dir.resolve("pgbench-history.txt"))),
                redis(read(dir.resolve("redis-get.csv")), read(dir.resolve("redis-value-bytes.txt"))),
                bare(result(dir.resolve("bare-http.json"))), wrk(read(dir.resolve("bare-http-wrk.txt"))),
                idle(result(dir.resolve("idle-ws.json"))), read(dir.resolve("machine.txt")));
    }

    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
    private static final Pattern CLIENTS = Pattern.compile("(?m)^number of clients: (\\d+)");
    private static final Pattern DURATION = Pattern.compile("(?m)^duration: (\\d+) s");

    /** pgbench's report ({@code tps = ...}, {@code latency average = ... ms}), or null. */
    static Pgbench pgbench(String text) {
        if (text == null) {
            return null;
        }
        Matcher tps = TPS.matcher(text);
        if (!tps.find()) {
            return null;
        }
        return new Pgbench(Double.parseDouble(tps.group(1)), number(LATENCY, text), integer(CLIENTS, text),
                integer(DURATION, text));
    }

    /** redis-benchmark {@code --csv}: a header line, then one line per test ({@code "GET ...","80000.00",...}). */
    static RedisGet redis(String csv, String valueBytes) {
        List<String[]> rows = csv == null ? List.of() : csv.lines().filter(line -> !line.isBlank())
                .map(line -> line.replace("\"", "").split("\\s*,\\s*")).toList();
        if (rows.size() < 2) {
            return null;
        }
        List<String> header = Arrays.asList(rows.get(0));
        String[] row = rows.get(rows.size() - 1);
        int rps = header.indexOf("rps");
        int p99 = header.indexOf("p99_latency_ms");
        // older redis-benchmark: "test","rps" without a header of that name
        return new RedisGet(Double.parseDouble(row[rps < 0 ? 1 : rps].trim()),
                p99 < 0 || p99 >= row.length ? null : Double.parseDouble(row[p99].trim()),
                valueBytes == null ? null : Integer.parseInt(valueBytes.trim()));
    }

    /** The bench's results of {@code get} against the bare server. */
    static Http bare(Result result) {
        return result == null ? null : operation(result, "get").map(get -> new Http(get.throughput(), get.p99Ms(),
                Math.toIntExact(Cli.count(result.options() == null ? "64" : result.options().getOrDefault("users", "64"))),
                "chat-bench " + (result.environment() == null ? "?" : result.environment().httpClient()))).orElse(null);
    }

    private static final Pattern WRK_RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_P99 = Pattern.compile("(?m)^\\s+99%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern WRK_CONNECTIONS = Pattern.compile("(\\d+) connections");

    /** wrk's report ({@code Requests/sec:}, and with {@code --latency} the {@code 99%} line), or null. */
    static Http wrk(String text) {
        if (text == null) {
            return null;
        }
        Matcher rps = WRK_RPS.matcher(text);
        if (!rps.find()) {
            return null;
        }
        Double p99 = null;
        Matcher m = WRK_P99.matcher(text);
        if (m.find()) {
            double v = Double.parseDouble(m.group(1));
            p99 = switch (m.group(2)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
        }
        return new Http(Double.parseDouble(rps.group(1)), p99, integer(WRK_CONNECTIONS, text), "wrk");
    }

    static IdleWs idle(Result result) {
        Result.Realtime rt = result == null ? null : result.realtime();
        return rt == null ? null : new IdleWs(rt.connectionsOpen(), rt.serverRssBytesBefore(), rt.serverRssBytesConnected());
    }

    static Optional<Result.Operation> operation(Result result, String name) {
        return result.operations() == null ? Optional.empty()
                : result.operations().stream().filter(op -> name.equals(op.name())).findFirst();
    }

    private static Double number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    private static Integer integer(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A results file of the bench, or null when there is none. */
    static Result result(Path file) {
        try {
            return Files.exists(file) ? Report.JSON.readValue(file.toFile(), Result.class) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
