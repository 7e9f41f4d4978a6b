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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
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
 *
 * <p>With {@code --change-share}, that share of the operations changes one of the sender's recent
 * messages instead of sending a new one: an edit ({@code PATCH}, operation {@code edit}, with
 * probability {@code --edit-fraction}) or its {@code --emoji} reaction ({@code PUT}, operation
 * {@code react}), each at most once per message so that the receiver's {@code message.updated} or
 * {@code reaction.updated} frame names its change. Their frames are counted apart:
 * {@code change-delivery} (response to frame) and {@code change-to-frame} (request start to frame),
 * and lost or duplicated changes per receiver.
 */
@Command(name = "realtime", description = "--connections WebSocket receivers while --users senders POST /send at --rate msg/s"
        + " (and, with --change-share, edit or react to their messages)")
public final class RealtimeScenario extends Scenario {

    /** How many of its latest messages each sender keeps for changes: the newest is changed first. */
    static final int CHANGEABLE = 64;

    @Option(names = "--connections", description = "WebSocket receivers (default ${DEFAULT-VALUE})")
    int connections = 1000;
    @Option(names = "--change-share", description = "share of the operations that edit or react to a recent message"
            + " instead of sending one, 0 to 1 (default ${DEFAULT-VALUE})")
    double changeShare = 0;
    @Mixin
    Cli.Changes changes;
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
        require(changeShare >= 0 && changeShare <= 1, "--change-share must be between 0 and 1, not " + changeShare);
        String changeProblem = changes.problem();
        require(changeProblem == null, changeProblem);
        List<Account> all = setup.accounts(connections + senders, "t", fast);
        List<Account> receiving = all.subList(0, connections);
        long[] receiverIds = receiving.stream().mapToLong(Account::id).toArray();
        Metrics.Op send = bench.metrics().op("send");
        Metrics.Op edit = bench.metrics().op("edit");
        Metrics.Op react = bench.metrics().op("react");
        DeliveryLedger ledger = new DeliveryLedger(receiverIds, bench.metrics().op("delivery"),
                bench.metrics().op("send-to-frame"));
        DeliveryLedger changeLedger = changeShare > 0 ? new DeliveryLedger(receiverIds, bench.metrics().op("change-delivery"),
                bench.metrics().op("change-to-frame")) : null;
        LongAdder nothingToChange = new LongAdder();
        Long rssBefore = live.serverRss();
        try (LiveConnections open = connect(bench, live, receiving.stream().map(Account::token).toList(), ledger,
                changeLedger)) {
            Long rssConnected = live.serverRss();
            List<Integer> connected = new ArrayList<>();
            open.open().forEach(c -> connected.add(c.index()));
            if (connected.isEmpty()) {
                throw new IllegalStateException("no WebSocket receiver could connect: " + open.failures());
            }
            Thread pinger = keepAlive(live, open);
            String padding = Setup.padding(bytes);
            double seconds = bench.run(senders, i -> {
                String token = all.get(connections + i).token();
                // this sender's latest accepted messages not yet edited, not yet reacted to: its own thread's
                ArrayDeque<long[]> toEdit = new ArrayDeque<>();
                ArrayDeque<long[]> toReact = new ArrayDeque<>();
                return (ch, start) -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    if (changeLedger != null && random.nextDouble() < changeShare) {
                        boolean wantEdit = random.nextDouble() < changes.editFraction;
                        ArrayDeque<long[]> first = wantEdit ? toEdit : toReact;
                        ArrayDeque<long[]> other = wantEdit ? toReact : toEdit;
                        if (!first.isEmpty()) {
                            change(ch, start, first == toEdit, first.pollLast(), token, edit, react, changeLedger,
                                    padding, bytes);
                            return;
                        } else if (!other.isEmpty()) {
                            change(ch, start, other == toEdit, other.pollLast(), token, edit, react, changeLedger,
                                    padding, bytes);
                            return;
                        }
                        nothingToChange.increment();
                    }
                    int r = connected.get(random.nextInt(connected.size()));
                    long id = sendTracked(ch, start, send, ledger, token, r, receiverIds[r], padding, bytes);
                    if (id > 0 && changeLedger != null) {
                        remember(toEdit, new long[]{id, r});
                        remember(toReact, new long[]{id, r});
                    }
                };
            }, rate, () -> {
                DeliveryLedger.Tally now = ledger.tally();
                String line = String.format(Locale.ROOT, "open %d, awaited %d", open.open().size(),
                        now.expected() - now.delivered());
                if (changeLedger != null) {
                    DeliveryLedger.Tally changed = changeLedger.tally();
                    line += String.format(Locale.ROOT, ", changes awaited %d", changed.expected() - changed.delivered());
                }
                return line;
            });
            long operations = send.total().getTotalCount() + edit.total().getTotalCount() + react.total().getTotalCount();
            if (rate > 0 && operations / seconds < 0.95 * rate) {
                bench.note(String.format(Locale.ROOT, "the senders reached %.0f of the %.0f %s/s asked: each sender waits"
                        + " for its response, so --users must exceed rate x send latency; add senders",
                        operations / seconds, rate, changeLedger == null ? "sends" : "operations"));
            }
            if (nothingToChange.sum() > 0) {
                bench.note(nothingToChange.sum() + " changes found no message of their sender left to change and sent"
                        + " one instead (counted under send)");
            }
            Result.Realtime realtime = finish(bench, live, open, pinger, ledger, changeLedger, rssBefore, rssConnected,
                    "receivers closed during the run: ");
            return bench.result("realtime", seconds, bench.measuredCache(), realtime, open.connectOperation());
        }
    }

    private static void remember(ArrayDeque<long[]> messages, long[] message) {
        if (messages.size() == CHANGEABLE) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    /**
     * Edits ({@code isEdit}) or reacts to {@code message} ({@code {id, receiver}}), and tells the
     * ledger of changes to expect its frame at the receiver once the service has accepted it.
     */
    private void change(HttpChannel ch, long start, boolean isEdit, long[] message, String token, Metrics.Op edit,
                        Metrics.Op react, DeliveryLedger changeLedger, String padding, int bytes) {
        long id = message[0];
        int r = (int) message[1];
        long begun = System.nanoTime();
        Response ok;
        if (isEdit) {
            String text = Setup.text(LiveClient.CONTENT_MARK + begun + " edited", padding, bytes);
            ok = Bench.timed(edit, start, () -> ChatApi.edit(ch, token, id, text));
        } else {
            ok = Bench.timed(react, start, () -> ChatApi.react(ch, token, id, changes.emoji));
        }
        if (ok != null) {
            changeLedger.accepted(r, DeliveryLedger.changeId(id, isEdit ? DeliveryLedger.EDIT : DeliveryLedger.REACTION),
                    begun, System.nanoTime());
        }
    }

    /**
     * Sends a message that carries its send time ({@link LiveClient#CONTENT_MARK}) to receiver
     * {@code r}, and tells the ledger to expect it once the service has accepted it; its id, or -1
     * when it was not accepted.
     */
    static long sendTracked(HttpChannel ch, long start, Metrics.Op send, DeliveryLedger ledger, String token, int r,
                            long recipientId, String padding, int bytes) throws IOException {
        String text = Setup.text(LiveClient.CONTENT_MARK + System.nanoTime(), padding, bytes);
        Response ok = Bench.timed(send, start, () -> ChatApi.send(ch, token, recipientId, text));
        if (ok == null) {
            return -1;
        }
        long acceptedAt = System.nanoTime();
        long id = ChatApi.json(ok).path("id").asLong();
        ledger.accepted(r, id, acceptedAt);
        return id;
    }

    static LiveConnections connect(Bench bench, Cli.Live live, List<String> tokens, DeliveryLedger ledger,
                                   DeliveryLedger changes) throws InterruptedException {
        URI ws = webSocketUri(bench.url(), live.path);
        bench.out().printf("opening %d WebSockets to %s, %.0f a second at most%n", tokens.size(), ws, live.connectRate);
        return new LiveConnections(ws, tokens, live.auth == Cli.WsAuth.header, ledger, changes, live.connectRate, 64,
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

    /** Waits up to {@code --drain} for stragglers (messages, and changes when tracked), stops the pings, and counts. */
    static Result.Realtime finish(Bench bench, Cli.Live live, LiveConnections open, Thread pinger, DeliveryLedger ledger,
                                  DeliveryLedger changes, Long rssBefore, Long rssConnected, String droppedNote)
            throws InterruptedException {
        long deadline = System.nanoTime() + live.drain.toNanos();
        while (!(ledger.complete() && (changes == null || changes.complete())) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pinger.interrupt();
        DeliveryLedger.Tally t = ledger.tally();
        if (!ledger.complete()) {
            bench.out().printf("after a drain of %s, %d expected messages have not arrived%n", live.drain,
                    t.expected() - t.delivered());
        }
        DeliveryLedger.Tally c = changes == null ? null : changes.tally();
        if (changes != null && !changes.complete()) {
            bench.out().printf("after a drain of %s, %d expected changes have not arrived%n", live.drain,
                    c.expected() - c.delivered());
        }
        if (open.dropped() > 0) {
            bench.note(droppedNote + open.dropReasons());
        }
        return open.realtime(t, c, rssBefore, rssConnected);
    }
}
