package io.chatplatform.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** Renders a {@link Result}: the final table, the JSON file, and the progress lines while running. */
public final class Report {

    /** The JSON of results files: snake_case names, indented, fields in declaration order; read back by {@code ratios}. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Report() {
    }

    public static String json(Result result) {
        try {
            return JSON.writeValueAsString(result) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeJson(Result result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The final table: one line per operation, then errors, cache and WebSocket figures, then notes. */
    public static String table(Result r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n== %s: %s, %.1f s measured%s ==%n", r.scenario(), r.url(),
                r.measuredSeconds(), r.label() == null ? "" : " [" + r.label() + "]"));
        out.append(String.format(Locale.ROOT, "%-20s %10s %10s %9s %9s %9s %9s %9s %8s%n", "operation", "count",
                "per sec", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"));
        for (Result.Operation op : r.operations()) {
            out.append(String.format(Locale.ROOT, "%-20s %10d %10.1f %9.2f %9.2f %9.2f %9.2f %9.2f %8d%n", op.name(),
                    op.count(), op.throughput(), op.meanMs(), op.p50Ms(), op.p95Ms(), op.p99Ms(), op.maxMs(),
                    op.errors()));
        }
        for (Result.Operation op : r.operations()) {
            if (!op.errorsByStatus().isEmpty()) {
                out.append("  errors of ").append(op.name()).append(": ").append(counts(op.errorsByStatus())).append('\n');
            }
        }
        if (r.cache() != null && "disabled".equals(r.cache().backend())) {
            out.append("cache: disabled (the service runs with CHAT_CACHE=off)\n");
        } else if (r.cache() != null) {
            Result.Cache c = r.cache();
            out.append(String.format(Locale.ROOT, "cache (%s): hit ratio %s over the measured phase (%d hits, %d misses,"
                            + " %d bypasses)%n", c.backend(), ratio(c.measured()), c.measured().hits(),
                    c.measured().misses(), c.measured().bypasses()));
            if (c.measuredByType() != null && !c.measuredByType().isEmpty()) {
                out.append("  by type: ").append(new java.util.TreeMap<>(c.measuredByType()).entrySet().stream()
                        .filter(e -> e.getValue().lookups() > 0)
                        .map(e -> e.getKey() + " " + ratio(e.getValue()) + " (" + e.getValue().lookups() + ")")
                        .collect(Collectors.joining(", "))).append('\n');
            }
            if (c.sinceStart() != null) {
                out.append("  since the service started: ").append(ratio(c.sinceStart())).append('\n');
            }
        }
        if (r.realtime() != null) {
            Result.Realtime rt = r.realtime();
            out.append(String.format(Locale.ROOT, "websocket: %d of %d receivers connected in %.1f s%s; %d dropped%n",
                    rt.connectionsOpen(), rt.connectionsRequested(), rt.connectSeconds(),
                    rt.connectFailures().isEmpty() ? "" : " (failures: " + counts(rt.connectFailures()) + ")",
                    rt.dropped()));
            if (rt.sendsAccepted() + rt.delivered() + rt.unexpected() + rt.ownEchoes() > 0) {
                out.append(String.format(Locale.ROOT, "delivery: %d sends accepted, %d delivered, %d lost, %d duplicated,"
                            + " %d unexpected, %d own echoes; %d frames came before the POST response%n",
                    rt.sendsAccepted(), rt.delivered(), rt.lost(), rt.duplicated(), rt.unexpected(), rt.ownEchoes(),
                    rt.framesBeforeResponse()));
            }
            if (rt.receiversWithLoss() > 0 || rt.receiversWithDuplicates() > 0) {
                out.append(String.format(Locale.ROOT, "  receivers with loss: %d, with duplicates: %d%n",
                        rt.receiversWithLoss(), rt.receiversWithDuplicates()));
            }
            if (rt.changes() != null) {
                Result.ChangeDelivery c = rt.changes();
                out.append(String.format(Locale.ROOT, "change events: %d changes accepted, %d delivered, %d lost,"
                                + " %d duplicated, %d unexpected, %d own echoes; %d frames came before the response%n",
                        c.changesAccepted(), c.delivered(), c.lost(), c.duplicated(), c.unexpected(), c.ownEchoes(),
                        c.framesBeforeResponse()));
                if (c.receiversWithLoss() > 0 || c.receiversWithDuplicates() > 0) {
                    out.append(String.format(Locale.ROOT, "  receivers with a lost change: %d, with a duplicate: %d%n",
                            c.receiversWithLoss(), c.receiversWithDuplicates()));
                }
            }
            if (rt.serverRssBytesConnected() != null) {
                out.append(String.format(Locale.ROOT, "server RSS: %s before, %s with the receivers connected%n",
                        mib(rt.serverRssBytesBefore()), mib(rt.serverRssBytesConnected())));
            }
        }
        for (String note : r.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** One progress line from the interval histograms of the last few seconds. */
    public static String progress(double elapsedSeconds, String phase, Map<String, Histogram> interval,
                                  double intervalSeconds, long errors, String extra) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5.0fs %-7s]", elapsedSeconds, phase));
        boolean any = false;
        for (Map.Entry<String, Histogram> e : interval.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            any = true;
            line.append(String.format(Locale.ROOT, " %s %.0f/s p50 %.1f p99 %.1f max %.1f ms |", e.getKey(),
                    h.getTotalCount() / intervalSeconds, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
        }
        if (!any) {
            line.append(" no operation completed |");
        }
        line.append(" errors ").append(errors);
        if (extra != null && !extra.isEmpty()) {
            line.append(" | ").append(extra);
        }
        return line.toString();
    }

    static String ratio(Result.CacheCounts counts) {
        return counts.lookups() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", counts.hitRatio() * 100);
    }

    static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    static String mib(Long bytes) {
        return bytes == null ? "?" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
