package io.chatplatform.bench;

import io.chatplatform.adapter.postgres.MessageStatements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pgbench-scripts --out DIR}: the pgbench scripts of the ceilings, {@code send.sql} (the
 * service's send transaction) and {@code history.sql} (its newest-50 query), generated from the
 * adapter's own statements ({@link MessageStatements}) so that the ceiling runs the SQL the service
 * runs. Each Jdbi parameter becomes a pgbench variable or a constant; a parameter this class does
 * not know fails the generation (and the test), so a changed statement cannot go unnoticed.
 *
 * <p>Conversations are those of the seeded layout ({@link Seeder.Layout#pair}): pgbench is given
 * {@code ubase}, {@code users} and {@code convs} ({@code -D}) and picks {@code k} at random.
 */
@Command(name = "pgbench-scripts", description = "write send.sql and history.sql for pgbench (ceilings.sh)")
public final class PgbenchScripts implements Callable<Integer> {

    /** Conversation k of the layout: users a = k mod U and (a + 1 + k div U) mod U; lo and hi their ids in order. */
    static final String PAIR = """
            \\set k random(0, :convs - 1)
            \\set a :k % :users
            \\set b (:a + 1 + :k / :users) % :users
            \\set lo :ubase + least(:a, :b)
            \\set hi :ubase + greatest(:a, :b)
            """;
    static final String CONVERSATION = "(CAST(:lo AS text) || ':' || CAST(:hi AS text))";
    static final String CONTENT = "'pgbench message lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod'";
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+)");

    @Option(names = "--out", required = true, description = "the directory to write them to")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("send.sql"), send());
        Files.writeString(out.resolve("history.sql"), history());
        return 0;
    }

    /** The send transaction: a random sender of a random seeded conversation writes to the other participant. */
    static String send() {
        List<String> tx = MessageStatements.SEND_TRANSACTION;
        Map<String, String> common = Map.ofEntries(Map.entry("cid", CONVERSATION), Map.entry("userLow", ":lo"),
                Map.entry("userHigh", ":hi"), Map.entry("now", "now()"), Map.entry("seq", ":last_seq"),
                Map.entry("changeSeq", ":last_change_seq"), Map.entry("senderId", ":snd"), Map.entry("recipientId", ":rcp"),
                Map.entry("content", CONTENT), Map.entry("clientMessageId", "NULL"), Map.entry("createdAt", "now()"),
                Map.entry("replyToId", "NULL"));
        Map<String, String> inbox = Map.of("cid", CONVERSATION, "peerUsername", "'pgbench_peer'", "seq", ":last_seq",
                "changeSeq", ":last_change_seq", "messageId", ":id", "at", "now()", "preview", CONTENT);
        return PAIR + """
                \\set s random(0, 1)
                \\set snd :lo + :s * (:hi - :lo)
                \\set rcp :hi - :s * (:hi - :lo)
                BEGIN;
                """
                + statement(tx.get(0), common, true)
                + statement(tx.get(1), common, true)
                + statement(tx.get(2), Map.of("messageId", ":id", "cid", CONVERSATION), false)
                + statement(tx.get(3), with(inbox, ":snd", ":rcp"), false)
                + statement(tx.get(4), with(inbox, ":rcp", ":snd"), false)
                + "COMMIT;\n";
    }

    /** The newest 50 messages of a random seeded conversation, as its lower participant sees them. */
    static String history() {
        return PAIR + statement(MessageStatements.NEWEST_PAGE, Map.of("cid", CONVERSATION, "reader", ":lo", "limit", "50",
                "offset", "0"), false);
    }

    private static Map<String, String> with(Map<String, String> inbox, String owner, String peer) {
        Map<String, String> all = new java.util.HashMap<>(inbox);
        all.put("userId", owner);
        all.put("peerId", peer);
        return all;
    }

    /**
     * The statement with its parameters replaced, ended by {@code \gset} (its RETURNING columns
     * become variables: {@code last_seq}, {@code id}, ...) or by a semicolon.
     */
    static String statement(String sql, Map<String, String> values, boolean gset) {
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the adapter's statement has a parameter :" + m.group(1)
                        + " that the pgbench script does not set: " + sql);
            }
            m.appendReplacement(s, Matcher.quoteReplacement(value));
        }
        m.appendTail(s);
        return s.toString().strip() + (gset ? " \\gset\n" : ";\n");
    }
}
