package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.http.HttpTransport.Channel;
import io.chatplatform.bench.http.HttpTransport.Response;
import io.chatplatform.bench.live.LiveClient;
import io.chatplatform.bench.live.LiveConnections;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code mixed}: every virtual user is an account with a WebSocket open, talking with
 * {@code 2 × --peers} neighbours (as in {@code read-cached}, seeded with {@code --seed-messages}
 * each). A step is one of: read the newest page of a conversation, list conversations, send a
 * message, mark a conversation read, drawn by {@code --mix} (default
 * {@code history=70,conversations=15,send=10,read=5}). Sent messages are tracked to their
 * recipients' WebSockets as in {@code realtime}.
 */
public final class MixedScenario {

    public static final List<String> OPTIONS = List.of("peers", "seed-messages", "mix", "limit", "content-bytes",
            "connect-rate", "drain", "server-pid", "ws-path", "ws-auth", "database-url", "schema", "jwt-secret",
            "ping-every");

    private MixedScenario() {
    }

    /** The weights of {@code history=70,conversations=15,send=10,read=5}; unknown names or negative weights are errors. */
    public static Map<String, Double> parseMix(String text) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String k : List.of("history", "conversations", "send", "read")) {
            mix.put(k, 0.0);
        }
        double sum = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !mix.containsKey(kv[0].trim())) {
                throw new Options.UsageException("--mix is a list such as history=70,conversations=15,send=10,read=5,"
                        + " not " + text);
            }
            double w;
            try {
                w = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new Options.UsageException("--mix weight of " + kv[0] + " is not a number: " + kv[1]);
            }
            if (w < 0) {
                throw new Options.UsageException("--mix weights cannot be negative: " + part);
            }
            mix.put(kv[0].trim(), w);
            sum += w;
        }
        if (sum <= 0) {
            throw new Options.UsageException("--mix needs at least one positive weight");
        }
        double total = sum;
        mix.replaceAll((k, w) -> w / total);
        return mix;
    }

    public static Result run(Bench bench) throws Exception {
        Options o = bench.options();
        int users = o.integer("users", 64, 3, 100_000);
        int peers = o.integer("peers", 4, 1, 1000);
        if (2 * peers >= users) {
            throw new Options.UsageException("--peers must be less than half of --users (" + users + ")");
        }
        int seedMessages = o.integer("seed-messages", 20, 0, 10_000);
        int limit = o.integer("limit", 50, 1, 100);
        int contentChars = o.integer("content-bytes", 80, 32, 4000);
        double rate = o.rate("rate", 0);
        Duration drain = o.duration("drain", Duration.ofSeconds(10));
        Map<String, Double> mix = parseMix(o.string("mix", "history=70,conversations=15,send=10,read=5"));
        double pHistory = mix.get("history");
        double pList = pHistory + mix.get("conversations");
        double pSend = pList + mix.get("send");

        List<Account> accounts = bench.provisionAccounts(users, "m");
        if (seedMessages > 0) {
            ReadCachedScenario.seed(bench, accounts, peers, seedMessages, contentChars);
        }
        long[] ids = accounts.stream().mapToLong(Account::id).toArray();
        Metrics.Op history = bench.metrics().op("history");
        Metrics.Op list = bench.metrics().op("conversations");
        Metrics.Op send = bench.metrics().op("send");
        Metrics.Op read = bench.metrics().op("mark-read");
        DeliveryLedger ledger = new DeliveryLedger(ids, bench.metrics().op("delivery"), bench.metrics().op("send-to-frame"));
        Long rssBefore = RealtimeScenario.serverRss(o);
        try (LiveConnections live = RealtimeScenario.connect(bench, accounts.stream().map(Account::token).toList(), ledger)) {
            Long rssConnected = RealtimeScenario.serverRss(o);
            AtomicBoolean pinging = new AtomicBoolean(true);
            Thread pinger = RealtimeScenario.keepAlive(o, live, pinging);
            String padding = Content.padding(contentChars);
            double seconds = bench.run(users, i -> new LoadRunner.VirtualUser() {
                final Account me = accounts.get(i);
                final Channel ch = bench.transport().channel();

                @Override
                public void step(long start) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int partner = ReadCachedScenario.partner(i, random.nextInt(2 * peers), users);
                    long peer = ids[partner];
                    double pick = random.nextDouble();
                    if (pick < pHistory) {
                        Bench.timed(history, start, () -> ChatApi.history(ch, me.token(), peer, limit, 0, 0));
                    } else if (pick < pList) {
                        Bench.timed(list, start, () -> ChatApi.conversations(ch, me.token()));
                    } else if (pick < pSend) {
                        String content = Content.text(LiveClient.CONTENT_MARK + System.nanoTime(), padding, contentChars);
                        Response ok = Bench.timed(send, start, () -> ChatApi.send(ch, me.token(), peer, content));
                        if (ok != null) {
                            long acceptedAt = System.nanoTime();
                            ledger.accepted(partner, ChatApi.json(ok).path("id").asLong(), acceptedAt);
                        }
                    } else {
                        Bench.timed(read, start, () -> ChatApi.markConversationRead(ch, me.token(), peer));
                    }
                }

                @Override
                public void close() {
                    ch.close();
                }
            }, rate, () -> String.format(Locale.ROOT, "open %d", live.open().size()));
            if (rate > 0) {
                long steps = history.total().getTotalCount() + list.total().getTotalCount() + send.total().getTotalCount()
                        + read.total().getTotalCount();
                if (steps / seconds < 0.95 * rate) {
                    bench.note(String.format(Locale.ROOT, "the users reached %.0f of the %.0f operations/s asked",
                            steps / seconds, rate));
                }
            }
            RealtimeScenario.waitForDrain(bench, ledger, drain);
            pinging.set(false);
            pinger.interrupt();
            DeliveryLedger.Tally t = ledger.tally();
            long dropped = live.dropped();
            if (dropped > 0) {
                bench.note("WebSockets closed during the run: " + live.dropReasons());
            }
            if (live.open().size() < users) {
                bench.note("messages to users whose WebSocket is not open are expected all the same: they count as lost");
            }
            Result.Realtime realtime = new Result.Realtime(live.requested(), live.open().size(), live.failures(),
                    live.connectSeconds(), dropped, t.expected(), t.delivered(), t.lost(), t.duplicated(), t.unexpected(),
                    t.ownEchoes(), t.framesBeforeResponse(), t.receiversWithLoss(), t.receiversWithDuplicates(), rssBefore,
                    rssConnected);
            return bench.withOperation(bench.result("mixed", seconds, bench.measuredCache(), realtime),
                    live.connectOperation());
        }
    }
}
