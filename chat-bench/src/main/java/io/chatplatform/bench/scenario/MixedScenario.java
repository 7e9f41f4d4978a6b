package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import io.chatplatform.bench.live.LiveConnections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mixed}: every virtual user is an account with a WebSocket open, talking with
 * {@code 2 × --peers} neighbours (as in {@code read-cached}, seeded with {@code --seed-messages}
 * each). A step is one of: read the newest page of a conversation, list conversations, send a
 * message, mark a conversation read, drawn by {@code --mix} (default
 * {@code history=70,conversations=15,send=10,read=5}). Sent messages are tracked to their
 * recipients' WebSockets as in {@code realtime}.
 */
@Command(name = "mixed", description = "all users on WebSocket; reads, sends and mark-read drawn by --mix")
public final class MixedScenario extends Scenario {

    @Option(names = "--peers", description = "partners on each side (default ${DEFAULT-VALUE})")
    int peers = 4;
    @Option(names = "--seed-messages", description = "messages per conversation (default ${DEFAULT-VALUE})")
    int seedMessages = 20;
    @Option(names = "--mix", description = "weights (default ${DEFAULT-VALUE})")
    String mixText = "history=70,conversations=15,send=10,read=5";
    @Option(names = "--limit", description = "page size (default ${DEFAULT-VALUE})")
    int limit = 50;
    @Mixin
    Cli.Content content;
    @Mixin
    Cli.Live live;
    @Mixin
    Cli.Accounts fast;

    /** The weights of {@code history=70,conversations=15,send=10,read=5}; unknown names or negative weights are errors. */
    static Map<String, Double> parseMix(String text) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String k : List.of("history", "conversations", "send", "read")) {
            mix.put(k, 0.0);
        }
        double sum = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !mix.containsKey(kv[0].trim())) {
                throw new IllegalArgumentException("--mix is a list such as history=70,conversations=15,send=10,read=5,"
                        + " not " + text);
            }
            double w;
            try {
                w = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix weight of " + kv[0] + " is not a number: " + kv[1]);
            }
            if (w < 0) {
                throw new IllegalArgumentException("--mix weights cannot be negative: " + part);
            }
            mix.put(kv[0].trim(), w);
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("--mix needs at least one positive weight");
        }
        double total = sum;
        mix.replaceAll((k, w) -> w / total);
        return mix;
    }

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        int users = common.users(64);
        require(peers >= 1 && 2 * peers < users, "--peers must be less than half of --users (" + users + ")");
        int bytes = contentBytes(content);
        double rate = common.rate(0);
        Map<String, Double> mix;
        try {
            mix = parseMix(mixText);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        double pHistory = mix.get("history");
        double pList = pHistory + mix.get("conversations");
        double pSend = pList + mix.get("send");

        List<Account> accounts = setup.accounts(users, "m", fast);
        if (seedMessages > 0) {
            setup.seedConversations(accounts, peers, seedMessages, bytes);
        }
        long[] ids = accounts.stream().mapToLong(Account::id).toArray();
        Metrics.Op history = bench.metrics().op("history");
        Metrics.Op list = bench.metrics().op("conversations");
        Metrics.Op send = bench.metrics().op("send");
        Metrics.Op read = bench.metrics().op("mark-read");
        DeliveryLedger ledger = new DeliveryLedger(ids, bench.metrics().op("delivery"), bench.metrics().op("send-to-frame"));
        Long rssBefore = live.serverRss();
        try (LiveConnections open = RealtimeScenario.connect(bench, live, accounts.stream().map(Account::token).toList(),
                ledger)) {
            Long rssConnected = live.serverRss();
            Thread pinger = RealtimeScenario.keepAlive(live, open);
            String padding = Setup.padding(bytes);
            double seconds = bench.run(users, i -> (ch, start) -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String token = accounts.get(i).token();
                int partner = Setup.partner(i, random.nextInt(2 * peers), users);
                long peer = ids[partner];
                double pick = random.nextDouble();
                if (pick < pHistory) {
                    Bench.timed(history, start, () -> ChatApi.history(ch, token, peer, limit, 0, 0));
                } else if (pick < pList) {
                    Bench.timed(list, start, () -> ChatApi.conversations(ch, token));
                } else if (pick < pSend) {
                    RealtimeScenario.sendTracked(ch, start, send, ledger, token, partner, peer, padding, bytes);
                } else {
                    Bench.timed(read, start, () -> ChatApi.markConversationRead(ch, token, peer));
                }
            }, rate, () -> String.format(Locale.ROOT, "open %d", open.open().size()));
            long steps = history.total().getTotalCount() + list.total().getTotalCount() + send.total().getTotalCount()
                    + read.total().getTotalCount();
            if (rate > 0 && steps / seconds < 0.95 * rate) {
                bench.note(String.format(Locale.ROOT, "the users reached %.0f of the %.0f operations/s asked",
                        steps / seconds, rate));
            }
            Result.Realtime realtime = RealtimeScenario.finish(bench, live, open, pinger, ledger, rssBefore, rssConnected,
                    "WebSockets closed during the run: ");
            if (open.open().size() < users) {
                bench.note("messages to users whose WebSocket is not open are expected all the same: they count as lost");
            }
            return bench.result("mixed", seconds, bench.measuredCache(), realtime, open.connectOperation());
        }
    }
}
