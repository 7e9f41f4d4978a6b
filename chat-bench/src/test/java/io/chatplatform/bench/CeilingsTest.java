package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeilingsTest {

    static final String PGBENCH = """
            pgbench (15.14 (Debian 15.14-0+deb12u1))
            transaction type: /tmp/send.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 8
            number of threads: 2
            maximum number of tries: 1
            duration: 15 s
            number of transactions actually processed: 102000
            number of failed transactions: 0 (0.000%)
            latency average = 1.176 ms
            latency stddev = 0.610 ms
            initial connection time = 9.442 ms
            tps = 6800.123456 (without initial connection time)
            """;

    static final String REDIS = """
            "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
            "GET bench:ceiling:page","80000.00","0.311","0.064","0.303","0.471","0.663","5.063"
            """;

    static final String WRK = """
            Running 15s test @ http://127.0.0.1:18090/page
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.20ms    1.01ms  30.00ms   90.00%
                Req/Sec    27.50k     2.00k   30.00k    70.00%
              Latency Distribution
                 50%    1.00ms
                 75%    1.40ms
                 90%    2.00ms
                 99%    4.00ms
              825000 requests in 15.00s, 7.00GB read
            Requests/sec:  55000.00
            Transfer/sec:    478.00MB
            """;

    @Test
    void readsPgbenchReports() {
        Ceilings.Pgbench p = Ceilings.pgbench(PGBENCH);
        assertThat(p.tps()).isEqualTo(6800.123456);
        assertThat(p.latencyMs()).isEqualTo(1.176);
        assertThat(p.clients()).isEqualTo(8);
        assertThat(p.seconds()).isEqualTo(15);
        assertThat(Ceilings.pgbench("pgbench: error: connection refused")).isNull();
        assertThat(Ceilings.pgbench(null)).isNull();
    }

    @Test
    void readsRedisBenchmarkCsv() {
        Ceilings.RedisGet r = Ceilings.redis(REDIS, "9000\n");
        assertThat(r.rps()).isEqualTo(80000.0);
        assertThat(r.p99Ms()).isEqualTo(0.663);
        assertThat(r.valueBytes()).isEqualTo(9000);
        assertThat(Ceilings.redis("", null)).isNull();
    }

    @Test
    void readsWrkReports() {
        Ceilings.Http w = Ceilings.wrk(WRK);
        assertThat(w.rps()).isEqualTo(55000.0);
        assertThat(w.p99Ms()).isEqualTo(4.0);
        assertThat(w.connections()).isEqualTo(64);
        assertThat(Ceilings.wrk(WRK.replace("99%    4.00ms", "99%  800.00us")).p99Ms()).isEqualTo(0.8);
    }

    @Test
    void loadsADirectoryAndComparesResults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pgbench-send.txt"), PGBENCH);
        Files.writeString(dir.resolve("pgbench-history.txt"), PGBENCH.replace("6800.123456", "21000.0"));
        Files.writeString(dir.resolve("redis-get.csv"), REDIS);
        Files.writeString(dir.resolve("redis-value-bytes.txt"), "2048");
        Files.writeString(dir.resolve("bare-http-wrk.txt"), WRK);
        Files.writeString(dir.resolve("bare-http.json"), """
                {"scenario":"get","options":{"users":"64"},"environment":{"http_client":"raw"},
                 "operations":[{"name":"get","throughput":50000.0,"p99_ms":4.5}]}""");
        Files.writeString(dir.resolve("idle-ws.json"), """
                {"scenario":"idle-ws","realtime":{"connections_open":5000,"server_rss_bytes_before":100000000,
                 "server_rss_bytes_connected":300000000}}""");
        Ceilings c = Ceilings.load(dir);
        assertThat(c.bareHttp().rps()).isEqualTo(50000.0);
        assertThat(c.bareHttp().tool()).isEqualTo("chat-bench raw");
        assertThat(c.idleWs().bytesPerConnection()).isEqualTo(40000.0);
        assertThat(Ratios.ceilingsTable(c)).contains("raw send transaction (pgbench, 8 clients): 6800 tps")
                .contains("bare Javalin endpoint (wrk, 64 connections): 55000 req/s");

        List<Result> results = List.of(
                result("""
                        {"scenario":"send","operations":[{"name":"send","throughput":3500,"p99_ms":12.0,"errors":0}]}"""),
                result("""
                        {"scenario":"read-cached","operations":[
                           {"name":"history","throughput":15000,"p99_ms":8.0,"errors":0},
                           {"name":"conversations","throughput":4000,"p99_ms":11.0,"errors":0}],
                         "cache":{"measured":{"hit_ratio":0.97}}}"""),
                result("""
                        {"scenario":"read-cold","operations":[{"name":"history","throughput":9000,"p99_ms":20,"errors":3}]}"""),
                result("""
                        {"scenario":"realtime","operations":[{"name":"delivery","p99_ms":30},{"name":"send","throughput":1000}],
                         "realtime":{"connections_requested":10000,"connections_open":10000,"lost":0,"duplicated":0,
                                     "server_rss_bytes_before":100000000,"server_rss_bytes_connected":400000000}}"""));
        List<Ratios.Row> rows = Ratios.rows(c, results);
        assertThat(rows).contains(new Ratios.Row("send", "send msg/s", "3,500", "6,800 raw send tx", "51 %", ">= 50 %", "ok"));
        assertThat(rows).contains(new Ratios.Row("send", "send p99", "12.00 ms", "-", "-", "< 20 ms", "ok"));
        assertThat(rows).contains(new Ratios.Row("read-cached", "reads/s", "19,000", "50,000 bare endpoint", "38 %", ">= 40 %",
                "MISSED"));
        assertThat(rows).contains(new Ratios.Row("read-cached", "read p99 (worst op)", "11.00 ms", "-", "-", "< 10 ms",
                "MISSED"));
        assertThat(rows).contains(new Ratios.Row("read-cached", "cache hit ratio", "97 %", "-", "-", ">= 95 %", "ok"));
        assertThat(rows).contains(new Ratios.Row("read-cold", "pages/s", "9,000", "21,000 newest-50 query", "43 %",
                ">= 50 %", "MISSED"));
        assertThat(rows).contains(new Ratios.Row("read-cold", "pages errors", "3", "-", "-", "0", "MISSED"));
        assertThat(rows).contains(new Ratios.Row("realtime", "delivery p99", "30.00 ms", "-", "-", "< 50 ms", "ok"));
        assertThat(rows).contains(new Ratios.Row("realtime", "messages lost", "0", "-", "-", "0", "ok"));
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.figure()).isEqualTo("RSS per connection");
            assertThat(r.ratio()).isEqualTo("0.8x");
        });
        assertThat(Ratios.table(rows)).contains("verdict").contains("MISSED");
    }

    @Test
    void aMissingCeilingLeavesTheRatioOut(@TempDir Path dir) throws Exception {
        Ceilings c = Ceilings.load(dir);
        List<Ratios.Row> rows = Ratios.rows(c, List.of(result("""
                {"scenario":"send","operations":[{"name":"send","throughput":3500,"p99_ms":12.0,"errors":0}]}""")));
        assertThat(rows.get(0).ceiling()).isEqualTo("(no raw send tx ceiling)");
        assertThat(rows.get(0).verdict()).isEqualTo("-");
    }

    private static Result result(String json) throws Exception {
        return Report.JSON.readValue(json, Result.class);
    }
}
