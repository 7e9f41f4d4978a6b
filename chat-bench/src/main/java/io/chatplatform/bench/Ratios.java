package io.chatplatform.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Each figure of the service beside its ceiling measured in the same run: the ratio, the target of
 * issue 6 where there is one, and whether it is met.
 */
public final class Ratios {

    private Ratios() {
    }

    /** {@code ratios --ceilings DIR [results.json...]}: the ceilings, then each results file's figures as ratios of them. */
    @CommandLine.Command(name = "ratios", description = "each figure of the results files as a ratio of its ceiling"
            + " (see ceilings.sh)")
    static final class Command implements Callable<Integer> {
        @CommandLine.Option(names = "--ceilings", required = true, description = "the output directory of ceilings.sh")
        Path ceilings;
        @CommandLine.Option(names = "--json", description = "write the ceilings and the ratios to this file")
        Path json;
        @CommandLine.Parameters(arity = "0..*", paramLabel = "results.json")
        List<Path> files = List.of();
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Ceilings c = Ceilings.load(ceilings);
            out.print(ceilingsTable(c));
            List<Result> results = new ArrayList<>();
            for (Path file : files) {
                if (!Files.exists(file)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no results file " + file);
                }
                results.add(Ceilings.result(file));
            }
            if (!results.isEmpty()) {
                out.println();
                out.println("== the service's figures as ratios of the ceilings ==");
                out.print(table(rows(c, results)));
            }
            if (json != null) {
                Files.writeString(json, Report.JSON.writeValueAsString(new Written(c, rows(c, results))) + "\n");
                out.println("written to " + json);
            }
            out.flush();
            return 0;
        }
    }

    record Written(Ceilings ceilings, List<Row> ratios) {
    }

    /** One line of the comparison. A null ceiling or target means "informational". */
    public record Row(String scenario, String figure, String service, String ceiling, String ratio, String target,
                      String verdict) {
    }

    public static String ceilingsTable(Ceilings c) {
        StringBuilder s = new StringBuilder("== ceilings (same machine, same run) ==\n");
        if (c.machine() != null) {
            s.append(c.machine().strip()).append('\n');
        }
        if (c.sendTransaction() != null) {
            s.append(String.format(Locale.ROOT, "raw send transaction (pgbench, %s clients): %.0f tps, mean %s ms%n",
                    c.sendTransaction().clients(), c.sendTransaction().tps(), c.sendTransaction().latencyMs()));
        }
        if (c.historyQuery() != null) {
            s.append(String.format(Locale.ROOT, "newest-50 history query (pgbench, %s clients): %.0f tps, mean %s ms%n",
                    c.historyQuery().clients(), c.historyQuery().tps(), c.historyQuery().latencyMs()));
        }
        if (c.redisGet() != null) {
            s.append(String.format(Locale.ROOT, "Redis GET of %s bytes (redis-benchmark): %.0f ops/s, p99 %s ms%n",
                    c.redisGet().valueBytes(), c.redisGet().rps(), c.redisGet().p99Ms()));
        }
        for (Ceilings.Http h : new Ceilings.Http[]{c.bareHttp(), c.bareHttpWrk()}) {
            if (h != null) {
                s.append(String.format(Locale.ROOT, "bare Javalin endpoint (%s, %s connections): %.0f req/s, p99 %s ms%n",
                        h.tool(), h.connections(), h.rps(), h.p99Ms()));
            }
        }
        if (c.idleWs() != null && c.idleWs().bytesPerConnection() != null) {
            s.append(String.format(Locale.ROOT, "%d idle WebSockets on the bare server: RSS %s -> %s (%.1f KiB each)%n",
                    c.idleWs().connections(), Report.mib(c.idleWs().rssBeforeBytes()),
                    Report.mib(c.idleWs().rssConnectedBytes()), c.idleWs().bytesPerConnection() / 1024));
        }
        return s.toString();
    }

    /** The rows for each results file, by its scenario. */
    public static List<Row> rows(Ceilings c, List<Result> results) {
        List<Row> rows = new ArrayList<>();
        for (Result r : results) {
            String scenario = r.scenario() == null ? "?" : r.scenario();
            switch (scenario) {
                case "send" -> Ceilings.operation(r, "send").ifPresent(send -> {
                    throughput(rows, scenario, "send msg/s", send.throughput(),
                            c.sendTransaction() == null ? null : c.sendTransaction().tps(), "raw send tx", 0.5);
                    latency(rows, scenario, "send p99", send.p99Ms(), 20);
                    errors(rows, scenario, "send", send.errors());
                });
                case "read-cached" -> {
                    List<Result.Operation> reads = r.operations().stream()
                            .filter(op -> op.name().equals("history") || op.name().equals("conversations")).toList();
                    double thr = reads.stream().mapToDouble(Result.Operation::throughput).sum();
                    throughput(rows, scenario, "reads/s", thr, c.bareHttp() == null ? null : c.bareHttp().rps(),
                            "bare endpoint", 0.4);
                    throughput(rows, scenario, "reads/s", thr, c.redisGet() == null ? null : c.redisGet().rps(),
                            "Redis GET", null);
                    latency(rows, scenario, "read p99 (worst op)",
                            reads.stream().mapToDouble(Result.Operation::p99Ms).max().orElse(0), 10);
                    if (r.cache() != null && r.cache().measured() != null) {
                        double ratio = r.cache().measured().hitRatio();
                        rows.add(new Row(scenario, "cache hit ratio", pct(ratio), "-", "-", ">= 95 %",
                                ratio >= 0.95 ? "ok" : "MISSED"));
                    }
                    errors(rows, scenario, "reads", reads.stream().mapToLong(Result.Operation::errors).sum());
                }
                case "read-cold" -> Ceilings.operation(r, "history").ifPresent(h -> {
                    throughput(rows, scenario, "pages/s", h.throughput(),
                            c.historyQuery() == null ? null : c.historyQuery().tps(), "newest-50 query", 0.5);
                    latency(rows, scenario, "page p99", h.p99Ms(), 25);
                    errors(rows, scenario, "pages", h.errors());
                });
                case "realtime", "mixed" -> realtime(rows, c, scenario, r);
                default -> r.operations().forEach(op -> rows.add(new Row(scenario, op.name() + " /s",
                        num(op.throughput()), "-", "-", "-", "-")));
            }
        }
        return rows;
    }

    private static void realtime(List<Row> rows, Ceilings c, String scenario, Result r) {
        Result.Realtime rt = r.realtime();
        if (rt == null) {
            return;
        }
        int requested = rt.connectionsRequested();
        int open = rt.connectionsOpen();
        boolean target = scenario.equals("realtime");
        rows.add(new Row(scenario, "connections open", Integer.toString(open), requested + " asked",
                pct(requested == 0 ? 0 : (double) open / requested), target ? "all, 10,000 asked" : "all",
                open != requested ? "MISSED" : !target || requested >= 10_000 ? "ok" : "ok (fewer than 10,000 asked)"));
        Ceilings.operation(r, "delivery").ifPresent(d -> latency(rows, scenario, "delivery p99", d.p99Ms(), 50));
        Ceilings.operation(r, "send").ifPresent(send -> rows.add(new Row(scenario, "send msg/s", num(send.throughput()),
                "-", "-", target ? "1,000/s" : "-", "-")));
        count(rows, scenario, "messages lost", rt.lost());
        count(rows, scenario, "messages duplicated", rt.duplicated());
        Long before = rt.serverRssBytesBefore();
        Long after = rt.serverRssBytesConnected();
        if (after != null) {
            rows.add(new Row(scenario, "server RSS connected", Report.mib(after), "-", "-", "-Xmx512m", "-"));
        }
        if (before != null && after != null && open > 0) {
            double per = (double) (after - before) / open;
            Double ceiling = c.idleWs() == null ? null : c.idleWs().bytesPerConnection();
            rows.add(new Row(scenario, "RSS per connection", kib(per), ceiling == null ? "-" : kib(ceiling) + " bare",
                    ceiling == null || ceiling <= 0 ? "-" : String.format(Locale.ROOT, "%.1fx", per / ceiling), "-", "-"));
        }
    }

    private static void throughput(List<Row> rows, String scenario, String figure, double service, Double ceiling,
                                   String ceilingName, Double target) {
        if (ceiling == null || ceiling <= 0) {
            rows.add(new Row(scenario, figure, num(service), "(no " + ceilingName + " ceiling)", "-",
                    target == null ? "-" : ">= " + pct(target), "-"));
            return;
        }
        double ratio = service / ceiling;
        rows.add(new Row(scenario, figure, num(service), num(ceiling) + " " + ceilingName, pct(ratio),
                target == null ? "-" : ">= " + pct(target), target == null ? "-" : ratio >= target ? "ok" : "MISSED"));
    }

    private static void latency(List<Row> rows, String scenario, String figure, double ms, double limitMs) {
        rows.add(new Row(scenario, figure, String.format(Locale.ROOT, "%.2f ms", ms), "-", "-",
                String.format(Locale.ROOT, "< %.0f ms", limitMs), ms < limitMs ? "ok" : "MISSED"));
    }

    private static void errors(List<Row> rows, String scenario, String what, long errors) {
        count(rows, scenario, what + " errors", errors);
    }

    private static void count(List<Row> rows, String scenario, String figure, long n) {
        rows.add(new Row(scenario, figure, Long.toString(n), "-", "-", "0", n == 0 ? "ok" : "MISSED"));
    }

    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        String format = "%-12s %-22s %14s %30s %8s %24s %s%n";
        s.append(String.format(Locale.ROOT, format, "scenario", "figure", "service", "ceiling", "ratio", "target",
                "verdict"));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, format, r.scenario(), r.figure(), r.service(), r.ceiling(), r.ratio(),
                    r.target(), r.verdict()));
        }
        return s.toString();
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }
}
