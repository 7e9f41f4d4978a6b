package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import io.chatplatform.bench.http.HttpChannel;
import io.chatplatform.bench.live.LiveConnections;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mixed}: every virtual user is an account with a WebSocket open, talking with
 * {@code 2 × --peers} neighbours (as in {@code read-cached}, seeded with {@code --seed-messages}
 * each). A step is one of: read the newest page of a conversation, list conversations, send a
 * message, mark a conversation read, or change a recent message (edit-react), drawn by
 * {@code --mix} (default {@code history=70,conversations=15,send=10,read=5}, no edit-react). Sent
 * messages are tracked to their recipients' WebSockets as in {@code realtime}.
 *
 * <p>An edit-react step works on the {@link RecentMessages} of the user (the last
 * {@value RecentMessages#CAPACITY} it sent or received, seeded ones included): with probability
 * {@code --edit-fraction} it edits the newest of its own ({@code PATCH /messages/{id}}, operation
 * {@code edit}, at most {@code --max-edits} times per message), otherwise it toggles its
 * {@code --emoji} on a random one ({@code PUT}, operation {@code react}, or {@code DELETE} when its
 * reaction is on it, operation {@code unreact}), so that every request changes something.
 */
@Command(name = "mixed", description = "all users on WebSocket; reads, sends, mark-read, edits and reactions drawn by --mix")
public final class MixedScenario extends Scenario {

    @Option(names = "--peers", description = "partners on each side (default ${DEFAULT-VALUE})")
    int peers = 4;
    @Option(names = "--seed-messages", description = "messages per conversation (default ${DEFAULT-VALUE})")
    int seedMessages = 20;
    @Option(names = "--mix", description = "weights of history, conversations, send, read and edit-react"
            + " (default ${DEFAULT-VALUE})")
    String mixText = "history=70,conversations=15,send=10,read=5";
    @Option(names = "--limit", description = "page size (default ${DEFAULT-VALUE})")
    int limit = 50;
    @Mixin
    Cli.Content content;
    @Mixin
    Cli.Live live;
    @Mixin
    Cli.Accounts fast;
    @Mixin
    Cli.Changes changes;

    /**
     * The weights of {@code history=70,conversations=15,send=10,read=5,edit-react=0}, normalised;
     * names left out weigh 0; unknown names or negative weights are errors.
     */
    static Map<String, Double> parseMix(String text) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String k : List.of("history", "conversations", "send", "read", "edit-react")) {
            mix.put(k, 0.0);
        }
        double sum = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !mix.containsKey(kv[0].trim())) {
                throw new IllegalArgumentException("--mix is a list such as history=70,conversations=15,send=10,read=5"
                        + " (and edit-react=...), not " + text);
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
        String changeProblem = changes.problem();
        require(changeProblem == null, changeProblem);
        double pHistory = mix.get("history");
        double pList = pHistory + mix.get("conversations");
        double pSend = pList + mix.get("send");
        double pRead = pSend + mix.get("read");

        List<Account> accounts = setup.accounts(users, "m", fast);
        RecentMessages[] recent = new RecentMessages[users];
        Arrays.setAll(recent, i -> new RecentMessages());
        if (seedMessages > 0) {
            setup.seedConversations(accounts, peers, seedMessages, bytes, (from, to, id) -> {
                recent[from].add(id, true);
                recent[to].add(id, false);
            });
        }
        long[] ids = accounts.stream().mapToLong(Account::id).toArray();
        Metrics.Op history = bench.metrics().op("history");
        Metrics.Op list = bench.metrics().op("conversations");
        Metrics.Op send = bench.metrics().op("send");
        Metrics.Op read = bench.metrics().op("mark-read");
        Metrics.Op edit = bench.metrics().op("edit");
        Metrics.Op react = bench.metrics().op("react");
        Metrics.Op unreact = bench.metrics().op("unreact");
        LongAdder nothingToChange = new LongAdder();
        DeliveryLedger ledger = new DeliveryLedger(ids, bench.metrics().op("delivery"), bench.metrics().op("send-to-frame"));
        Long rssBefore = live.serverRss();
        try (LiveConnections open = RealtimeScenario.connect(bench, live, accounts.stream().map(Account::token).toList(),
                ledger, null)) {
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
                    sendRemembered(ch, start, send, ledger, token, i, partner, peer, padding, bytes, recent);
                } else if (pick < pRead) {
                    Bench.timed(read, start, () -> ChatApi.markConversationRead(ch, token, peer));
                } else if (!editOrReact(ch, start, edit, react, unreact, token, recent[i], random, padding, bytes)) {
                    // nothing sent or received yet (no seeded messages): send one, to change it later
                    nothingToChange.increment();
                    sendRemembered(ch, start, send, ledger, token, i, partner, peer, padding, bytes, recent);
                }
            }, rate, () -> String.format(Locale.ROOT, "open %d", open.open().size()));
            long steps = history.total().getTotalCount() + list.total().getTotalCount() + send.total().getTotalCount()
                    + read.total().getTotalCount() + edit.total().getTotalCount() + react.total().getTotalCount()
                    + unreact.total().getTotalCount();
            if (rate > 0 && steps / seconds < 0.95 * rate) {
                bench.note(String.format(Locale.ROOT, "the users reached %.0f of the %.0f operations/s asked",
                        steps / seconds, rate));
            }
            if (nothingToChange.sum() > 0) {
                bench.note(nothingToChange.sum() + " edit-react steps found no message to change and sent one instead"
                        + " (counted under send)");
            }
            Result.Realtime realtime = RealtimeScenario.finish(bench, live, open, pinger, ledger, null, rssBefore,
                    rssConnected, "WebSockets closed during the run: ");
            if (open.open().size() < users) {
                bench.note("messages to users whose WebSocket is not open are expected all the same: they count as lost");
            }
            return bench.result("mixed", seconds, bench.measuredCache(), realtime, open.connectOperation());
        }
    }

    /** A tracked send from user {@code i} to {@code partner}, remembered by both for their edit-react steps. */
    private static void sendRemembered(HttpChannel ch, long start, Metrics.Op send, DeliveryLedger ledger, String token,
                                       int i, int partner, long peer, String padding, int bytes, RecentMessages[] recent)
            throws IOException {
        long id = RealtimeScenario.sendTracked(ch, start, send, ledger, token, partner, peer, padding, bytes);
        if (id > 0) {
            recent[i].add(id, true);
            recent[partner].add(id, false);
        }
    }

    /**
     * One edit-react step on the user's recent messages (see the class comment); false when it has
     * none to change.
     */
    private boolean editOrReact(HttpChannel ch, long start, Metrics.Op edit, Metrics.Op react, Metrics.Op unreact,
                                String token, RecentMessages mine, ThreadLocalRandom random, String padding, int bytes) {
        if (random.nextDouble() < changes.editFraction) {
            Optional<RecentMessages.Entry> own = mine.editable(changes.maxEdits);
            if (own.isPresent()) {
                RecentMessages.Entry target = own.get();
                String text = Setup.text("edit " + (mine.edits(target) + 1) + " t=" + System.nanoTime(), padding, bytes);
                if (Bench.timed(edit, start, () -> ChatApi.edit(ch, token, target.id, text)) != null) {
                    mine.edited(target);
                }
                return true;
            }
        }
        Optional<RecentMessages.Entry> any = mine.any(random);
        if (any.isEmpty()) {
            return false;
        }
        RecentMessages.Entry target = any.get();
        if (mine.reacted(target)) {
            if (Bench.timed(unreact, start, () -> ChatApi.unreact(ch, token, target.id, changes.emoji)) != null) {
                mine.reacted(target, false);
            }
        } else if (Bench.timed(react, start, () -> ChatApi.react(ch, token, target.id, changes.emoji)) != null) {
            mine.reacted(target, true);
        }
        return true;
    }
}
