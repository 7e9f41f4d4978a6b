package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import io.chatplatform.bench.Threads;
import io.chatplatform.bench.http.HttpChannel.Response;
import io.chatplatform.bench.http.HttpChannel;
import io.chatplatform.bench.live.LiveClient;
import io.chatplatform.bench.live.LiveConnections;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code realtime}: {@code --connections} WebSocket receivers held open on {@code GET /ws} while
 * {@code --users} senders {@code POST /send} to random receivers at {@code --rate} messages a second
 * in total. Reports the connections achieved, the delivery latency from the send's response to the
 * receiver's frame ({@code delivery}) and from the send's start to the frame ({@code send-to-frame},
 * from the time embedded in the content; same JVM clock), and messages lost or duplicated per
 * receiver (both must be zero).
 */
@Command(name = "realtime", description = "--connections WebSocket receivers while --users senders POST /send at --rate msg/s")
public final class RealtimeScenario extends Scenario {

    @Option(names = "--connections", description = "WebSocket receivers (default ${DEFAULT-VALUE})")
    int connections = 1000;
    @Mixin
    Cli.Live live;
    @Mixin
    Cli.Accounts fast;
    @Mixin
    Cli.Content content;

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        int senders = common.users(16);
        double rate = common.rate(1000);
        int bytes = contentBytes(content);
        List<Account> all = setup.accounts(connections + senders, "t", fast);
        List<Account> receiving = all.subList(0, connections);
        long[] receiverIds = receiving.stream().mapToLong(Account::id).toArray();
        Metrics.Op send = bench.metrics().op("send");
        DeliveryLedger ledger = new DeliveryLedger(receiverIds, bench.metrics().op("delivery"),
                bench.metrics().op("send-to-frame"));
        Long rssBefore = live.serverRss();
        try (LiveConnections open = connect(bench, live, receiving.stream().map(Account::token).toList(), ledger)) {
            Long rssConnected = live.serverRss();
            List<Integer> connected = new ArrayList<>();
            open.open().forEach(c -> connected.add(c.index()));
            if (connected.isEmpty()) {
                throw new IllegalStateException("no WebSocket receiver could connect: " + open.failures());
            }
            Thread pinger = keepAlive(live, open);
            String padding = Setup.padding(bytes);
            double seconds = bench.run(senders, i -> (ch, start) -> {
                int r = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
                sendTracked(ch, start, send, ledger, all.get(connections + i).token(), r, receiverIds[r], padding, bytes);
            }, rate, () -> {
                DeliveryLedger.Tally now = ledger.tally();
                return String.format(Locale.ROOT, "open %d, awaited %d", open.open().size(), now.expected() - now.delivered());
            });
            if (rate > 0 && send.total().getTotalCount() / seconds < 0.95 * rate) {
                bench.note(String.format(Locale.ROOT, "the senders reached %.0f of the %.0f sends/s asked: each sender waits"
                        + " for its response, so --users must exceed rate x send latency; add senders",
                        send.total().getTotalCount() / seconds, rate));
            }
            Result.Realtime realtime = finish(bench, live, open, pinger, ledger, rssBefore, rssConnected,
                    "receivers closed during the run: ");
            return bench.result("realtime", seconds, bench.measuredCache(), realtime, open.connectOperation());
        }
    }

    /**
     * Sends a message that carries its send time ({@link LiveClient#CONTENT_MARK}) to receiver
     * {@code r}, and tells the ledger to expect it once the service has accepted it.
     */
    static void sendTracked(HttpChannel ch, long start, Metrics.Op send, DeliveryLedger ledger, String token, int r,
                            long recipientId, String padding, int bytes) throws IOException {
        String text = Setup.text(LiveClient.CONTENT_MARK + System.nanoTime(), padding, bytes);
        Response ok = Bench.timed(send, start, () -> ChatApi.send(ch, token, recipientId, text));
        if (ok != null) {
            long acceptedAt = System.nanoTime();
            ledger.accepted(r, ChatApi.json(ok).path("id").asLong(), acceptedAt);
        }
    }

    static LiveConnections connect(Bench bench, Cli.Live live, List<String> tokens, DeliveryLedger ledger)
            throws InterruptedException {
        URI ws = webSocketUri(bench.url(), live.path);
        bench.out().printf("opening %d WebSockets to %s, %.0f a second at most%n", tokens.size(), ws, live.connectRate);
        return new LiveConnections(ws, tokens, live.auth == Cli.WsAuth.header, ledger, live.connectRate, 64,
                bench.options().timeout, bench.out());
    }

    /** {@code http://host:port/} and {@code /ws} give {@code ws://host:port/ws}. */
    static URI webSocketUri(URI http, String path) {
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + http.getRawAuthority() + (path.startsWith("/") ? path : "/" + path));
    }

    /** Pings every connection every {@code --ping-every}, inside the server's idle timeout, until interrupted. */
    static Thread keepAlive(Cli.Live live, LiveConnections open) {
        return Threads.daemon("ws-ping", () -> {
            try {
                while (true) {
                    Thread.sleep(live.pingEvery.toMillis());
                    open.pingAll();
                }
            } catch (InterruptedException e) {
                // stopped
            }
        });
    }

    /** Waits up to {@code --drain} for stragglers, stops the pings, and counts. */
    static Result.Realtime finish(Bench bench, Cli.Live live, LiveConnections open, Thread pinger, DeliveryLedger ledger,
                                  Long rssBefore, Long rssConnected, String droppedNote) throws InterruptedException {
        long deadline = System.nanoTime() + live.drain.toNanos();
        while (!ledger.complete() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pinger.interrupt();
        DeliveryLedger.Tally t = ledger.tally();
        if (!ledger.complete()) {
            bench.out().printf("after a drain of %s, %d expected messages have not arrived%n", live.drain,
                    t.expected() - t.delivered());
        }
        if (open.dropped() > 0) {
            bench.note(droppedNote + open.dropReasons());
        }
        return open.realtime(t, rssBefore, rssConnected);
    }
}
