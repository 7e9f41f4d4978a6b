package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Histogram millis(double... values) {
        Histogram h = new Histogram(3);
        for (double v : values) {
            h.recordValue((long) (v * 1000));
        }
        return h;
    }

    private static Result result() {
        Result.Operation send = Result.Operation.of("send", millis(1, 2, 3, 4, 100), 2.0, Map.of("503", 2L), 210);
        Result.Cache cache = new Result.Cache("redis", Result.CacheCounts.of(95, 5, 0),
                Map.of("history", Result.CacheCounts.of(90, 0, 0), "profile", Result.CacheCounts.of(5, 5, 0)),
                Result.CacheCounts.of(1000, 10, 0));
        Result.Realtime rt = new Result.Realtime(10, 9, Map.of("handshake status 401", 1L), 1.5, 0, 100, 99, 1, 0, 0, 0, 3,
                1, 0, 100L << 20, 120L << 20);
        return new Result("send", "abc123", "2026-11-27T00:00:00Z", "http://127.0.0.1:8000/", Map.of("version", "1"),
                Map.of("users", "8"), new Result.Environment("25", "vm", 2, true, "raw", "Linux", 1L << 30), 2.0,
                List.of(send), cache, rt, List.of("something to know"));
    }

    @Test
    void operationFiguresAreInMillisecondsAndPerSecond() {
        Result.Operation op = result().operations().get(0);
        assertThat(op.count()).isEqualTo(5);
        assertThat(op.throughput()).isEqualTo(2.5);
        assertThat(op.p50Ms()).isBetween(2.9, 3.1);
        assertThat(op.maxMs()).isBetween(99.9, 100.1);
        assertThat(op.errors()).isEqualTo(2);
        assertThat(op.meanResponseBytes()).isEqualTo(210);
    }

    @Test
    void theTableShowsEveryOperationErrorsCacheAndWebSocketFigures() {
        String table = Report.table(result());
        assertThat(table).contains("== send: http://127.0.0.1:8000/, 2.0 s measured [abc123] ==");
        assertThat(table).containsPattern("operation\\s+count\\s+per sec\\s+mean ms\\s+p50 ms\\s+p95 ms\\s+p99 ms\\s+max ms\\s+errors");
        assertThat(table).containsPattern("send\\s+5\\s+2\\.5\\s+");
        assertThat(table).contains("errors of send: 503 x2");
        assertThat(table).contains("cache (redis): hit ratio 95.0 % over the measured phase (95 hits, 5 misses, 0 bypasses)");
        assertThat(table).contains("history 100.0 % (90), profile 50.0 % (10)");
        assertThat(table).contains("9 of 10 receivers connected in 1.5 s (failures: handshake status 401 x1)");
        assertThat(table).contains("100 sends accepted, 99 delivered, 1 lost, 0 duplicated");
        assertThat(table).contains("server RSS: 100 MiB before, 120 MiB with the receivers connected");
        assertThat(table).contains("note: something to know");
    }

    @Test
    void aServiceWithoutCacheSaysSo() {
        Result r = result();
        Result off = new Result(r.scenario(), null, r.startedAt(), r.url(), null, r.options(), r.environment(), 1, r.operations(),
                new Result.Cache("disabled", Result.CacheCounts.of(0, 0, 0), Map.of(), null), null, List.of());
        assertThat(Report.table(off)).contains("cache: disabled").doesNotContain("hit ratio");
    }

    @Test
    void theJsonUsesSnakeCaseAndReadsBack() throws Exception {
        JsonNode json = Report.JSON.readTree(Report.json(result()));
        assertThat(json.path("scenario").asText()).isEqualTo("send");
        assertThat(json.path("measured_seconds").asDouble()).isEqualTo(2.0);
        JsonNode op = json.path("operations").get(0);
        assertThat(op.path("p99_ms").isNumber()).isTrue();
        assertThat(op.path("errors_by_status").path("503").asLong()).isEqualTo(2);
        assertThat(json.path("cache").path("measured").path("hit_ratio").asDouble()).isEqualTo(0.95);
        assertThat(json.path("cache").path("measured_by_type").path("profile").path("hit_ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.path("realtime").path("connections_open").asInt()).isEqualTo(9);
        assertThat(json.path("environment").path("virtual_threads").asBoolean()).isTrue();
    }

    @Test
    void changeEventsAreShownAndWrittenOnlyWhenTheRunTrackedThem() throws Exception {
        Result r = result();
        assertThat(Report.table(r)).doesNotContain("change events");
        assertThat(Report.JSON.readTree(Report.json(r)).path("realtime").has("changes")).isFalse();

        Result.Realtime rt = r.realtime();
        Result.ChangeDelivery changes = Result.ChangeDelivery.of(new DeliveryLedger.Tally(40, 39, 1, 2, 0, 0, 5, 1, 1));
        Result.Realtime withChanges = new Result.Realtime(rt.connectionsRequested(), rt.connectionsOpen(),
                rt.connectFailures(), rt.connectSeconds(), rt.dropped(), rt.sendsAccepted(), rt.delivered(), rt.lost(),
                rt.duplicated(), rt.unexpected(), rt.ownEchoes(), rt.framesBeforeResponse(), rt.receiversWithLoss(),
                rt.receiversWithDuplicates(), rt.serverRssBytesBefore(), rt.serverRssBytesConnected(), changes);
        Result tracked = new Result(r.scenario(), r.label(), r.startedAt(), r.url(), r.service(), r.options(),
                r.environment(), r.measuredSeconds(), r.operations(), r.cache(), withChanges, r.notes());

        assertThat(Report.table(tracked))
                .contains("100 sends accepted, 99 delivered, 1 lost, 0 duplicated")
                .contains("change events: 40 changes accepted, 39 delivered, 1 lost, 2 duplicated, 0 unexpected,"
                        + " 0 own echoes; 5 frames came before the response")
                .contains("receivers with a lost change: 1, with a duplicate: 1");
        JsonNode json = Report.JSON.readTree(Report.json(tracked));
        assertThat(json.path("realtime").path("sends_accepted").asLong()).as("the old keys stay").isEqualTo(100);
        assertThat(json.path("realtime").path("changes").path("changes_accepted").asLong()).isEqualTo(40);
        assertThat(json.path("realtime").path("changes").path("frames_before_response").asLong()).isEqualTo(5);
        // results files are read back (ratios): with and without the new figures
        assertThat(Report.JSON.readValue(Report.json(tracked), Result.class).realtime().changes()).isEqualTo(changes);
        assertThat(Report.JSON.readValue(Report.json(r), Result.class).realtime().changes()).isNull();
    }

    @Test
    void theProgressLineShowsEachActiveOperation() {
        String line = Report.progress(10, "measure", Map.of("send", millis(1, 2, 3, 4)), 2.0, 3, "open 5");
        assertThat(line).startsWith("[   10s measure]").contains("send 2/s p50 2.0").contains("errors 3").endsWith("open 5");
        assertThat(Report.progress(5, "warmup", Map.of("send", new Histogram(3)), 5, 0, null))
                .contains("no operation completed");
    }

    @Test
    void cacheCountsSubtractAndComputeTheirRatio() {
        Result.CacheCounts now = Result.CacheCounts.of(150, 10, 0);
        Result.CacheCounts delta = now.minus(Result.CacheCounts.of(50, 10, 0));
        assertThat(delta).isEqualTo(Result.CacheCounts.of(100, 0, 0));
        assertThat(delta.hitRatio()).isEqualTo(1.0);
        assertThat(Result.CacheCounts.of(0, 0, 0).hitRatio()).isZero();
    }

    @Test
    void cacheStatsAreReadFromTheServicesJson() throws Exception {
        JsonNode before = Report.JSON.readTree("""
                {"backend":"redis","service":{"hits":10,"misses":5,"bypasses":0,"hit_ratio":0.66,
                 "by_type":{"history":{"hits":10,"misses":5,"bypasses":0,"hit_ratio":0.66}}}}""");
        JsonNode after = Report.JSON.readTree("""
                {"backend":"redis","service":{"hits":110,"misses":6,"bypasses":1,"hit_ratio":0.9,
                 "by_type":{"history":{"hits":100,"misses":6,"bypasses":1,"hit_ratio":0.9},
                            "conversations":{"hits":10,"misses":0,"bypasses":0,"hit_ratio":1.0}}}}""");
        Result.Cache delta = CacheStats.parse(after).since(CacheStats.parse(before));
        assertThat(delta.backend()).isEqualTo("redis");
        assertThat(delta.measured()).isEqualTo(Result.CacheCounts.of(100, 1, 1));
        assertThat(delta.measuredByType().get("history")).isEqualTo(Result.CacheCounts.of(90, 1, 1));
        assertThat(delta.measuredByType().get("conversations")).isEqualTo(Result.CacheCounts.of(10, 0, 0));
        assertThat(delta.sinceStart()).isEqualTo(Result.CacheCounts.of(110, 6, 1));
    }
}
