package io.chatplatform.bench;

import io.chatplatform.adapter.postgres.PostgresDatabase;
import io.chatplatform.adapter.postgres.PostgresSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.mindrot.jbcrypt.BCrypt;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Writes a large, consistent data set straight into the service's tables (schema of
 * {@code adapter-postgres-citus/src/main/resources/db/migration}), with {@code INSERT ... SELECT
 * generate_series}: users with their {@code usernames} and {@code emails} rows, conversations,
 * messages with their {@code message_locations}, and both {@code user_conversations} rows of every
 * conversation. About a minute for a million messages on two cores.
 *
 * <p>The layout is arithmetic, so nothing needs to be read back: user {@code i} is
 * {@code <prefix>_<i>} with id {@code baseUser + i}; conversation {@code k} is between users
 * {@code a = k mod U} and {@code (a + 1 + k div U) mod U} and holds messages with seq
 * {@code 1..P} and ids {@code baseMessage + k*P + seq - 1}. Ids are taken from the service's own
 * sequences (a block is reserved by moving the sequence past it), so the service keeps numbering
 * after them. Seed while the service has no traffic.
 *
 * <p>Seeding the same prefix again with the same sizes finds the data and reuses it.
 */
public final class Seeder {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,19}");
    static final String CONTENT_TAIL = " lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod";
    private static final int BATCH_CONVERSATIONS = 1000;

    private Seeder() {
    }

    /** The sizes of the read-cold data set, shared by {@code read-cold} and {@code seed}. */
    public static final class Sizes {
        @Option(names = "--seed-prefix", description = "usernames <prefix>_<i> (default ${DEFAULT-VALUE})")
        String prefix = "cold";
        @Option(names = "--seed-users", description = "default ${DEFAULT-VALUE}")
        int users = 1000;
        @Option(names = "--conversations", description = "default ${DEFAULT-VALUE}")
        int conversations = 5000;
        @Option(names = "--messages", description = "in all, e.g. 1M (default ${DEFAULT-VALUE})")
        long messages = 1_000_000;

        public Layout plan() {
            return Layout.plan(prefix, users, conversations, messages);
        }
    }

    /** {@code seed}: the read-cold data set without a run (ceilings.sh seeds its own database with it). */
    @CommandLine.Command(name = "seed", description = "seed the read-cold data set")
    static final class Command implements Callable<Integer> {
        @CommandLine.Mixin
        Cli.Database database;
        @CommandLine.Mixin
        Sizes sizes;
        @Option(names = "--migrate", description = "create the schema and run the service's migrations first")
        boolean migrate;
        @Option(names = "--layout-json", description = "write the layout found or seeded to this file")
        Path layoutJson;
        @Option(names = "--password", description = "the seeded users' password")
        String password = "bench-password-1";
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Layout layout = seed(database, migrate, sizes.plan(), password, out);
            if (layoutJson != null) {
                Files.writeString(layoutJson, Report.JSON.writeValueAsString(layout) + "\n");
            }
            out.printf("layout: users %d..%d, %d conversations of %d messages, message ids from %d%n", layout.baseUserId(),
                    layout.userId(layout.users() - 1), layout.conversations(), layout.perConversation(),
                    layout.baseMessageId());
            return 0;
        }
    }

    /**
     * Where the seeded rows are.
     *
     * @param prefix          usernames are {@code <prefix>_<i>}
     * @param baseUserId      id of user 0
     * @param users           U
     * @param conversations   C
     * @param perConversation P, messages in each conversation
     * @param baseMessageId   id of message seq 1 of conversation 0
     */
    public record Layout(String prefix, long baseUserId, int users, int conversations, int perConversation,
                         long baseMessageId) {

        public Layout {
            if (users < 3) {
                throw new IllegalArgumentException("at least 3 users are needed, not " + users);
            }
            if (conversations < 1 || perConversation < 1) {
                throw new IllegalArgumentException("at least one conversation of one message is needed");
            }
            // distinct pairs need distance 1 + (C-1)/U to stay below U/2
            long maxDistance = 1 + (conversations - 1L) / users;
            if (2 * maxDistance >= users) {
                throw new IllegalArgumentException(conversations + " conversations need more than " + users
                        + " users: at most " + (long) users * ((users - 1) / 2) + " fit");
            }
        }

        /** The layout for {@code messages} messages or more, spread evenly over the conversations. */
        public static Layout plan(String prefix, int users, int conversations, long messages) {
            int per = (int) Math.max(1, (messages + conversations - 1) / conversations);
            return new Layout(prefix, 0, users, conversations, per, 0);
        }

        public long userId(int i) {
            return baseUserId + i;
        }

        public String username(int i) {
            return prefix + "_" + i;
        }

        /** The two user indexes of conversation {@code k}, in any order. */
        public int[] pair(int k) {
            int a = k % users;
            int b = (a + 1 + k / users) % users;
            return new int[]{a, b};
        }

        /** {@code "<low id>:<high id>"}, the service's conversation id. */
        public String conversationId(int k) {
            int[] p = pair(k);
            long x = userId(p[0]);
            long y = userId(p[1]);
            return Math.min(x, y) + ":" + Math.max(x, y);
        }

        public long messageId(int k, int seq) {
            return baseMessageId + (long) k * perConversation + seq - 1;
        }

        public long messages() {
            return (long) conversations * perConversation;
        }

        Layout at(long baseUser, long baseMessage) {
            return new Layout(prefix, baseUser, users, conversations, perConversation, baseMessage);
        }
    }

    /**
     * Seeds (or finds) the layout in {@code schema}.
     *
     * @param database     {@code --database-url} (jdbc or postgresql:// URL) and {@code --schema}
     * @param migrate      create the schema and run the service's migrations first
     * @param password     every seeded user's password (stored as a bcrypt hash of cost 4)
     */
    public static Layout seed(Cli.Database database, boolean migrate, Layout plan, String password, PrintWriter out) {
        if (!PREFIX.matcher(plan.prefix()).matches()) {
            throw new IllegalArgumentException("--seed-prefix must be 1 to 20 lower-case letters and digits, starting"
                    + " with a letter, not " + plan.prefix());
        }
        String schema = database.schema;
        PostgresSettings settings = settings(database);
        if (migrate) {
            // the service's own migrations (Flyway), exactly as the service runs them at start-up
            PostgresDatabase.open(settings.withMaxPoolSize(1)).close();
        }
        try (Handle c = connect(settings, schema)) {
            Layout found = find(c, plan);
            if (found != null) {
                out.printf("found %,d users, %,d conversations and %,d messages seeded with prefix %s in schema %s: reusing them%n",
                        found.users(), found.conversations(), found.messages(), plan.prefix(), schema);
                return found;
            }
            return insert(c, plan, password, out);
        }
    }

    /** The service's database settings for {@code --database-url} and {@code --schema} (both required). */
    private static PostgresSettings settings(Cli.Database database) {
        if (database.url == null || database.schema == null) {
            throw new IllegalArgumentException("--database-url and --schema are required");
        }
        if (!IDENTIFIER.matcher(database.schema).matches()) {
            throw new IllegalArgumentException("--schema must be a lower-case SQL identifier, not " + database.schema);
        }
        return PostgresSettings.fromUrl(database.url).withSchema(database.schema);
    }

    /** A connection to the service's schema, with commits that do not wait for the disk. */
    static Handle connect(PostgresSettings settings, String schema) {
        Handle h = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).open();
        h.execute("SET search_path TO " + schema);
        h.execute("SET synchronous_commit TO off");
        return h;
    }

    /** The layout already seeded with this prefix and these sizes, or null; an incompatible one is an error. */
    static Layout find(Handle c, Layout plan) {
        Long base = userIdOf(c, plan.username(0));
        if (base == null) {
            return null;
        }
        Long last = userIdOf(c, plan.username(plan.users() - 1));
        Long beyond = userIdOf(c, plan.username(plan.users()));
        if (last == null || last != base + plan.users() - 1 || beyond != null) {
            throw incompatible(plan);
        }
        Layout users = plan.at(base, 0);
        Long firstMessage = single(c, "SELECT min(id) FROM messages WHERE conversation_id = ?", users.conversationId(0));
        if (firstMessage == null) {
            throw incompatible(plan);
        }
        Layout found = plan.at(base, firstMessage);
        int lastK = plan.conversations() - 1;
        Long lastSeq = single(c, "SELECT seq FROM messages WHERE conversation_id = ? AND id = ?",
                found.conversationId(lastK), found.messageId(lastK, plan.perConversation()));
        if (lastSeq == null || lastSeq != plan.perConversation()) {
            throw incompatible(plan);
        }
        return found;
    }

    private static IllegalStateException incompatible(Layout plan) {
        return new IllegalStateException("users named " + plan.prefix() + "_* exist already, seeded with other sizes"
                + " (or partly): use another --seed-prefix, or the sizes they were seeded with");
    }

    private static Long userIdOf(Handle c, String username) {
        return single(c, "SELECT user_id FROM usernames WHERE username_canonical = ?", username.toLowerCase(Locale.ROOT));
    }

    /** The first column of the first row, or null when there is no row or it is NULL. */
    private static Long single(Handle c, String sql, Object... params) {
        List<Long> rows = c.select(sql, params).mapTo(Long.class).list();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Layout insert(Handle c, Layout plan, String password, PrintWriter out) {
        long started = System.nanoTime();
        out.printf("seeding %,d users, %,d conversations and %,d messages (%d per conversation) with prefix %s...%n",
                plan.users(), plan.conversations(), plan.messages(), plan.perConversation(), plan.prefix());
        // reserve the id blocks: the service's next ids come after them
        long baseUser = reserve(c, "users_id_seq", plan.users());
        long baseMessage = reserve(c, "messages_id_seq", plan.messages());
        Layout layout = plan.at(baseUser, baseMessage);
        String hash = BCrypt.hashpw(password, BCrypt.gensalt(4));
        c.inTransaction(h -> insertUsers(h, plan.prefix(), baseUser, plan.users(), hash));
        long lastReport = System.nanoTime();
        int per = plan.perConversation();
        for (int k0 = 0; k0 < plan.conversations(); k0 += BATCH_CONVERSATIONS) {
            int k1 = Math.min(plan.conversations(), k0 + BATCH_CONVERSATIONS) - 1;
            // conversation k: users a = k mod U and b = (a + 1 + k div U) mod U; lo/hi their ids in order.
            // Every value below is a number or the validated prefix, so the text is formatted, not bound.
            String pairs = """
                    (SELECT k, least(%1$d + k %% %2$d, %1$d + (k %% %2$d + 1 + k / %2$d) %% %2$d) AS lo,
                               greatest(%1$d + k %% %2$d, %1$d + (k %% %2$d + 1 + k / %2$d) %% %2$d) AS hi
                     FROM generate_series(%3$d, %4$d) k) c""".formatted(baseUser, plan.users(), k0, k1);
            String at = "date_trunc('milliseconds', now()) - interval '30 days'";
            String messageId = baseMessage + " + c.k::bigint * " + per + " + s - 1";
            c.begin();
            // every seeded change is a message: message s is at position s of its conversation's stream
            c.execute("INSERT INTO conversations (id, user_low, user_high, last_seq, last_change_seq, created_at)"
                    + " SELECT lo || ':' || hi, lo, hi, " + per + ", " + per + ", " + at + " FROM " + pairs);
            c.execute("""
                    INSERT INTO messages (conversation_id, id, seq, sender_id, recipient_id, content, client_message_id, created_at,
                                          change_seq)
                    SELECT lo || ':' || hi, %s, s, CASE WHEN s %% 2 = 1 THEN lo ELSE hi END,
                           CASE WHEN s %% 2 = 1 THEN hi ELSE lo END, 'seeded ' || s || ' in ' || lo || ':' || hi || '%s',
                           NULL, %s + s * interval '1 minute', s
                    FROM %s CROSS JOIN generate_series(1, %d) s""".formatted(messageId, CONTENT_TAIL, at, pairs, per));
            c.execute("INSERT INTO message_locations (message_id, conversation_id) SELECT " + messageId
                    + ", lo || ':' || hi FROM " + pairs + " CROSS JOIN generate_series(1, " + per + ") s");
            // both lines of the conversation list; the last message (seq P) is from lo when P is odd. Each side
            // has read (and received) up to its own last message, and its line knows how far the peer has.
            for (String owner : new String[]{"lo", "hi"}) {
                String peer = owner.equals("lo") ? "hi" : "lo";
                c.execute("""
                        INSERT INTO user_conversations (user_id, peer_id, conversation_id, peer_username, last_seq,
                                                        last_read_seq, last_message_id, last_message_at, last_message_preview,
                                                        last_change_seq, delivered_seq, peer_read_seq, peer_delivered_seq)
                        SELECT %1$s, %2$s, lo || ':' || hi, '%3$s_' || (%2$s - %4$d), %5$d,
                               CASE WHEN (%5$d %% 2 = 1) = (%1$s = lo) THEN %5$d ELSE %5$d - 1 END,
                               %6$d + c.k::bigint * %5$d + %5$d - 1, %7$s + %5$d * interval '1 minute',
                               left('seeded ' || %5$d || ' in ' || lo || ':' || hi || '%8$s', 100), %5$d,
                               CASE WHEN (%5$d %% 2 = 1) = (%1$s = lo) THEN %5$d ELSE %5$d - 1 END,
                               CASE WHEN (%5$d %% 2 = 1) = (%2$s = lo) THEN %5$d ELSE %5$d - 1 END,
                               CASE WHEN (%5$d %% 2 = 1) = (%2$s = lo) THEN %5$d ELSE %5$d - 1 END
                        FROM %9$s""".formatted(owner, peer, plan.prefix(), baseUser, per, baseMessage, at, CONTENT_TAIL,
                        pairs));
            }
            c.commit();
            if (System.nanoTime() - lastReport > 5_000_000_000L || k1 == plan.conversations() - 1) {
                out.printf("  %,d of %,d conversations (%.0f s)%n", k1 + 1, plan.conversations(),
                        (System.nanoTime() - started) / 1e9);
                lastReport = System.nanoTime();
            }
        }
        c.execute("ANALYZE users, usernames, emails, conversations, messages, message_locations, user_conversations");
        out.printf("seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return layout;
    }

    /**
     * Inserts {@code count} users named {@code <prefix>_<i>} (no conversations), for the scenarios that
     * need many accounts fast; returns the id of user 0 (user {@code i} has id {@code base + i}).
     */
    public static long seedUsers(Cli.Database database, String prefix, int count, String password, PrintWriter out) {
        long started = System.nanoTime();
        try (Handle c = connect(settings(database), database.schema)) {
            long base = reserve(c, "users_id_seq", count);
            c.inTransaction(h -> insertUsers(h, prefix, base, count, BCrypt.hashpw(password, BCrypt.gensalt(4))));
            out.printf("inserted %,d users (%s_0 .. %s_%d) in %.1f s%n", count, prefix, prefix, count - 1,
                    (System.nanoTime() - started) / 1e9);
            return base;
        }
    }

    private static int insertUsers(Handle c, String prefix, long baseUser, int count, String hash) {
        c.execute("""
                INSERT INTO users (id, username, email, password_hash, created_at, last_seen)
                SELECT ? + g, ? || '_' || g, ? || '_' || g || '@bench.example.com', ?, date_trunc('milliseconds', now()) - interval '30 days',
                       date_trunc('milliseconds', now()) - interval '1 day'
                FROM generate_series(0, ? - 1) g""", baseUser, prefix, prefix, hash, count);
        c.execute("INSERT INTO usernames (username_canonical, user_id) SELECT ? || '_' || g, ? + g FROM generate_series(0, ? - 1) g",
                prefix, baseUser, count);
        return c.execute("""
                INSERT INTO emails (email_canonical, user_id)
                SELECT ? || '_' || g || '@bench.example.com', ? + g FROM generate_series(0, ? - 1) g""",
                prefix, baseUser, count);
    }

    /**
     * A login session for each of {@code count} users with consecutive ids from {@code baseUser}, as
     * {@code POST /login} would open it, for tokens minted with the service's secret (the service
     * refuses a token whose session does not stand). User {@code baseUser + i} gets session
     * {@code <first> + i}; the first is returned. The sessions last {@code lifetime} and a day more
     * (a refresh token outlives its access tokens); their refresh hash matches no token, so they are
     * never refreshed, only used.
     */
    public static long seedSessions(Cli.Database database, long baseUser, int count, Duration lifetime, PrintWriter out) {
        long started = System.nanoTime();
        try (Handle c = connect(settings(database), database.schema)) {
            long base = reserve(c, "sessions_id_seq", count);
            c.execute("""
                    INSERT INTO sessions (user_id, id, refresh_hash, created_at, last_used_at, user_agent, refresh_expires_at)
                    SELECT ? + g, ? + g, 'chat-bench: no refresh token', date_trunc('milliseconds', now()),
                           date_trunc('milliseconds', now()), 'chat-bench',
                           date_trunc('milliseconds', now()) + make_interval(secs => ?) + interval '1 day'
                    FROM generate_series(0, ? - 1) g""", baseUser, base, (double) lifetime.toSeconds(), count);
            out.printf("inserted %,d sessions in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
            return base;
        }
    }

    /** Takes {@code count} consecutive values of the sequence; returns the first. */
    static long reserve(Handle c, String sequence, long count) {
        return c.select("SELECT setval('" + sequence + "', nextval('" + sequence + "') + " + (count - 1) + ") - "
                + (count - 1)).mapTo(Long.class).one();
    }
}
