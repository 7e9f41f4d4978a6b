package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.ProcessMemory;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Threads;
import io.chatplatform.bench.http.HttpTransport.Channel;
import io.chatplatform.bench.http.HttpTransport.Response;
import io.chatplatform.bench.live.LiveClient;
import io.chatplatform.bench.live.LiveConnections;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code realtime}: {@code --connections} WebSocket receivers held open on {@code GET /ws} while
 * {@code --users} senders {@code POST /send} to random receivers at {@code --rate} messages a second
 * in total. Reports the connections achieved, the delivery latency from the send's response to the
 * receiver's frame ({@code delivery}) and from the send's start to the frame ({@code send-to-frame},
 * from the time embedded in the content; same JVM clock), and messages lost or duplicated per
 * receiver (both must be zero).
 */
public final class RealtimeScenario {

    public static final List<String> OPTIONS = List.of("connections", "connect-rate", "drain", "server-pid", "ws-path",
            "ws-auth", "database-url", "schema", "jwt-secret", "content-bytes", "ping-every");

    private RealtimeScenario() {
    }

    public static Result run(Bench bench) throws Exception {
        Options o = bench.options();
        int receivers = o.integer("connections", 1000, 1, 1_000_000);
        int senders = o.integer("users", 16, 1, 10_000);
        double rate = o.rate("rate", 1000);
        int contentChars = o.integer("content-bytes", 80, 32, 4000);
        Duration drain = o.duration("drain", Duration.ofSeconds(10));

        List<Account> all = bench.provisionAccounts(receivers + senders, "t");
        List<Account> receiving = all.subList(0, receivers);
        List<Account> sending = all.subList(receivers, receivers + senders);
        long[] receiverIds = receiving.stream().mapToLong(Account::id).toArray();

        Metrics.Op send = bench.metrics().op("send");
        DeliveryLedger ledger = new DeliveryLedger(receiverIds, bench.metrics().op("delivery"),
                bench.metrics().op("send-to-frame"));
        Long rssBefore = serverRss(o);
        try (LiveConnections live = connect(bench, receiving.stream().map(Account::token).toList(), ledger)) {
            Long rssConnected = serverRss(o);
            List<Integer> connected = new ArrayList<>();
            for (LiveClient c : live.open()) {
                connected.add(c.index());
            }
            if (connected.isEmpty()) {
                throw new IllegalStateException("no WebSocket receiver could connect: " + live.failures());
            }
            AtomicBoolean pinging = new AtomicBoolean(true);
            Thread pinger = keepAlive(o, live, pinging);
            String padding = Content.padding(contentChars);
            double seconds = bench.run(senders, i -> new LoadRunner.VirtualUser() {
                final Account me = sending.get(i);
                final Channel ch = bench.transport().channel();

                @Override
                public void step(long start) {
                    int r = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
                    String content = Content.text(LiveClient.CONTENT_MARK + System.nanoTime(), padding, contentChars);
                    Response ok = Bench.timed(send, start, () -> ChatApi.send(ch, me.token(), receiverIds[r], content));
                    if (ok != null) {
                        long acceptedAt = System.nanoTime();
                        ledger.accepted(r, ChatApi.json(ok).path("id").asLong(), acceptedAt);
                    }
                }

                @Override
                public void close() {
                    ch.close();
                }
            }, rate, () -> {
                DeliveryLedger.Tally now = ledger.tally();
                return String.format(Locale.ROOT, "open %d, awaited %d", live.open().size(), now.expected() - now.delivered());
            });
            warnIfBehind(bench, send, rate, seconds);
            waitForDrain(bench, ledger, drain);
            pinging.set(false);
            pinger.interrupt();
            DeliveryLedger.Tally t = ledger.tally();
            long dropped = live.dropped();
            if (dropped > 0) {
                bench.note("receivers closed during the run: " + live.dropReasons());
            }
            Result.Realtime realtime = new Result.Realtime(live.requested(), live.open().size(), live.failures(),
                    live.connectSeconds(), dropped, t.expected(), t.delivered(), t.lost(), t.duplicated(), t.unexpected(),
                    t.ownEchoes(), t.framesBeforeResponse(), t.receiversWithLoss(), t.receiversWithDuplicates(), rssBefore,
                    rssConnected);
            Result result = bench.result("realtime", seconds, bench.measuredCache(), realtime);
            return bench.withOperation(result, live.connectOperation());
        }
    }

    static LiveConnections connect(Bench bench, List<String> tokens, DeliveryLedger ledger) throws InterruptedException {
        Options o = bench.options();
        String auth = o.string("ws-auth", "header").toLowerCase(Locale.ROOT);
        if (!auth.equals("header") && !auth.equals("message")) {
            throw new Options.UsageException("--ws-auth is header or message, not " + auth);
        }
        URI ws = webSocketUri(bench.url(), o.string("ws-path", "/ws"));
        double connectRate = o.rate("connect-rate", 500);
        bench.out().printf("opening %d WebSockets to %s, %.0f a second at most%n", tokens.size(), ws, connectRate);
        return LiveConnections.open(ws, tokens, auth.equals("header"), ledger, connectRate, 64, bench.timeout(), bench.out());
    }

    /** {@code http://host:port/} and {@code /ws} give {@code ws://host:port/ws}. */
    public static URI webSocketUri(URI http, String path) {
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + http.getRawAuthority() + (path.startsWith("/") ? path : "/" + path));
    }

    static Long serverRss(Options o) {
        if (!o.has("server-pid")) {
            return null;
        }
        return ProcessMemory.rss(o.count("server-pid", 0, 1, Long.MAX_VALUE));
    }

    /** Pings every connection every {@code --ping-every} (default 60 s), inside the server's idle timeout. */
    static Thread keepAlive(Options o, LiveConnections live, AtomicBoolean running) {
        Duration every = o.duration("ping-every", Duration.ofSeconds(60));
        return Threads.daemon("ws-ping", () -> {
            try {
                while (running.get()) {
                    Thread.sleep(every.toMillis());
                    if (running.get()) {
                        live.pingAll();
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
        });
    }

    /** With a rate, says so when the senders did not reach it (too few of them for the send latency). */
    static void warnIfBehind(Bench bench, Metrics.Op send, double rate, double seconds) {
        if (rate <= 0) {
            return;
        }
        double achieved = send.total().getTotalCount() / seconds;
        if (achieved < 0.95 * rate) {
            bench.note(String.format(Locale.ROOT, "the senders reached %.0f of the %.0f sends/s asked: each sender waits"
                    + " for its response, so --users must exceed rate x send latency; add senders", achieved, rate));
        }
    }

    static void waitForDrain(Bench bench, DeliveryLedger ledger, Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (!ledger.complete() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!ledger.complete()) {
            DeliveryLedger.Tally t = ledger.tally();
            bench.out().printf("after a drain of %s, %d expected messages have not arrived%n", drain,
                    t.expected() - t.delivered());
        }
    }
}
