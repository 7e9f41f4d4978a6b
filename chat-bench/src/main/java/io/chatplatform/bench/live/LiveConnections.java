package io.chatplatform.bench.live;

import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Threads;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Many {@link LiveClient}s, opened gradually: at most {@code connectRate} new connections a second
 * and at most {@code inFlight} handshakes at once, so that the figures are those of holding the
 * connections, not of a thundering herd.
 */
public final class LiveConnections implements AutoCloseable {

    private final LiveClient[] clients;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Histogram connectMicros = new Histogram(3);
    private final ExecutorService executor = Threads.perTask();
    private final double connectSeconds;

    /**
     * Opens {@code tokens.size()} connections (client {@code i} authenticates with token {@code i};
     * a null token sends none) and returns when each is ready or has failed.
     */
    public LiveConnections(URI uri, List<String> tokens, boolean headerAuth, DeliveryLedger ledger, double connectRate,
                           int inFlight, Duration readyTimeout, PrintWriter out) throws InterruptedException {
        this(uri, tokens, headerAuth, ledger, null, connectRate, inFlight, readyTimeout, out);
    }

    /** As the other constructor, and change frames go to {@code changes} (null: ignored). */
    public LiveConnections(URI uri, List<String> tokens, boolean headerAuth, DeliveryLedger ledger, DeliveryLedger changes,
                           double connectRate, int inFlight, Duration readyTimeout, PrintWriter out)
            throws InterruptedException {
        int n = tokens.size();
        clients = new LiveClient[n];
        // one selector thread per client: spread the connections over a few
        List<HttpClient> httpClients = new ArrayList<>();
        for (int c = 0; c < Math.max(1, Math.min(4, (n + 2499) / 2500)); c++) {
            httpClients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .connectTimeout(readyTimeout).build());
        }
        Semaphore handshakes = new Semaphore(Math.max(1, inFlight));
        AtomicInteger open = new AtomicInteger();
        long begin = System.nanoTime();
        long lastReport = begin;
        long gap = connectRate > 0 ? (long) (1e9 / connectRate) : 0;
        List<CompletableFuture<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(begin + gap * i - System.nanoTime());
            handshakes.acquire();
            int index = i;
            long started = System.nanoTime();
            all.add(LiveClient.connect(httpClients.get(i % httpClients.size()), uri, i, tokens.get(i), headerAuth, ledger,
                    changes, readyTimeout).whenComplete((client, error) -> {
                        handshakes.release();
                        if (error == null) {
                            clients[index] = client;
                            synchronized (connectMicros) {
                                connectMicros.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                            }
                            open.incrementAndGet();
                        } else {
                            failures.computeIfAbsent(LiveClient.describe(error), k -> new LongAdder()).increment();
                        }
                    }));
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                out.printf("  connecting: %d of %d open, %d failed%n", open.get(), n, failures().values().stream()
                        .mapToLong(Long::longValue).sum());
                lastReport = System.nanoTime();
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((x, e) -> null)
                .orTimeout(readyTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).handle((x, e) -> null).join();
        connectSeconds = (System.nanoTime() - begin) / 1e9;
        out.printf("connected %d of %d WebSockets in %.1f s (handshake to ready: p50 %.1f ms, p99 %.1f ms)%s%n", open.get(), n,
                connectSeconds, connectMicros.getValueAtPercentile(50) / 1000.0,
                connectMicros.getValueAtPercentile(99) / 1000.0, failures.isEmpty() ? "" : "; failures: " + failures());
    }

    private Stream<LiveClient> ready() {
        return Arrays.stream(clients).filter(Objects::nonNull);
    }

    public List<LiveClient> open() {
        return ready().filter(c -> c.closed() == null).toList();
    }

    /** Receivers that were ready once and have closed since. */
    public long dropped() {
        return ready().filter(c -> c.closed() != null).count();
    }

    public Map<String, Long> dropReasons() {
        return ready().filter(c -> c.closed() != null)
                .collect(Collectors.groupingBy(LiveClient::closed, TreeMap::new, Collectors.counting()));
    }

    public Map<String, Long> failures() {
        Map<String, Long> counted = new TreeMap<>();
        failures.forEach((k, v) -> counted.put(k, v.sum()));
        return counted;
    }

    /** Handshake to {@code ready}, as an operation for the results. */
    public Result.Operation connectOperation() {
        return Result.Operation.of("ws-connect", connectMicros, Math.max(connectSeconds, 1e-9), failures(), 0);
    }

    /** The WebSocket figures of the run, with the ledger's counts (null: a run without messages). */
    public Result.Realtime realtime(DeliveryLedger.Tally t, Long rssBefore, Long rssConnected) {
        return realtime(t, null, rssBefore, rssConnected);
    }

    /** As the other, with the counts of the ledger of changes ({@code changes} null: changes were not tracked). */
    public Result.Realtime realtime(DeliveryLedger.Tally t, DeliveryLedger.Tally changes, Long rssBefore, Long rssConnected) {
        DeliveryLedger.Tally c = t == null ? new DeliveryLedger.Tally(0, 0, 0, 0, 0, 0, 0, 0, 0) : t;
        return new Result.Realtime(clients.length, open().size(), failures(), connectSeconds, dropped(), c.expected(),
                c.delivered(), c.lost(), c.duplicated(), c.unexpected(), c.ownEchoes(), c.framesBeforeResponse(),
                c.receiversWithLoss(), c.receiversWithDuplicates(), rssBefore, rssConnected,
                changes == null ? null : Result.ChangeDelivery.of(changes));
    }

    /** Pings every open connection (keeps them inside the server's idle timeout). */
    public void pingAll() {
        open().forEach(LiveClient::ping);
    }

    @Override
    public void close() {
        CompletableFuture.allOf(ready().map(LiveClient::close).toArray(CompletableFuture[]::new)).handle((x, e) -> null)
                .orTimeout(10, TimeUnit.SECONDS).handle((x, e) -> null).join();
        executor.shutdownNow();
    }
}
