package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.User;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Citus layout: how the migrations distributed the tables, and that every hot-path statement,
 * with realistic parameters, is planned as a single-shard router query. Runs only with the
 * {@code citus} Maven profile, against a Citus coordinator.
 */
@EnabledIfSystemProperty(named = "chat.test.citus", matches = "true")
@DisplayName("on Citus")
class CitusLayoutTest {

    private static final Pattern TASK_COUNT = Pattern.compile("Task Count: (\\d+)");

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private static User alice;
    private static User bob;
    private static Message message;

    @BeforeAll
    static void conversation() {
        alice = register(db.users(), "alice");
        bob = register(db.users(), "bob");
        send(db.messages(), alice, bob, "first", T0);
        message = send(db.messages(), bob, alice, "second", T0.plusSeconds(1));
    }

    private record Distribution(String column, String method, int colocationId) {
    }

    private static Map<String, Distribution> distribution() {
        Map<String, Distribution> tables = new HashMap<>();
        db.database().jdbi().useHandle(handle -> handle.createQuery("""
                        SELECT c.relname AS table_name, column_to_column_name(p.logicalrelid, p.partkey) AS column_name,
                               p.partmethod AS method, p.colocationid AS colocation_id
                        FROM pg_dist_partition p
                        JOIN pg_class c ON c.oid = p.logicalrelid
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = :schema""")
                .bind("schema", db.schema())
                .map((rs, ctx) -> tables.put(rs.getString("table_name"),
                        new Distribution(rs.getString("column_name"), rs.getString("method"), rs.getInt("colocation_id"))))
                .list());
        return tables;
    }

    @Test
    @DisplayName("every table is hash-distributed by the column its queries pin")
    void distribution_columns() {
        Map<String, Distribution> tables = distribution();

        assertThat(tables).hasSize(7);
        assertThat(tables.values()).extracting(Distribution::method).containsOnly("h");
        assertThat(tables).extractingFromEntries(entry -> entry.getKey() + "." + entry.getValue().column())
                .containsExactlyInAnyOrder("users.id", "usernames.username_canonical", "emails.email_canonical",
                        "conversations.id", "messages.conversation_id", "message_locations.message_id",
                        "user_conversations.user_id");
    }

    @Test
    @DisplayName("two colocation groups: the tables keyed by a bigint, and the tables keyed by text")
    void colocation() {
        Map<String, Distribution> tables = distribution();
        int bigint = tables.get("users").colocationId();
        int text = tables.get("conversations").colocationId();

        assertThat(Stream.of("users", "user_conversations", "message_locations").map(table -> tables.get(table).colocationId()))
                .containsOnly(bigint);
        assertThat(Stream.of("conversations", "messages", "usernames", "emails").map(table -> tables.get(table).colocationId()))
                .containsOnly(text);
        assertThat(tables.values().stream().map(Distribution::colocationId).distinct()).hasSize(2);
        long groups = db.count("SELECT count(*) FROM pg_dist_colocation WHERE colocationid IN (?, ?)", bigint, text);
        assertThat(groups).isEqualTo(2);
    }

    /** Statements of Sql that are not hot-path router queries, and why. */
    private static final Set<String> NOT_ROUTER_QUERIES = Set.of(
            "PROBE", "CITUS_INSTALLED", // no table
            "NEXT_USER_ID", // a coordinator sequence
            "USER_COLUMNS", "MESSAGE_COLUMNS", // fragments
            "SEARCH_USERS", // fans out by design (search_fans_out)
            "USERS_BY_IDS", // the shards of the given ids (online_list_touches_only_their_shards)
            "ACTIVE_WORKERS", "WORKER_CHECK_TIMEOUTS", "CHECK_WORKER"); // coordinator metadata, the worker check

    @Test
    @DisplayName("every statement the stores run is either EXPLAINed here as a router query or known not to be one")
    void every_statement_classified() throws IllegalAccessException {
        Map<String, String> statements = new HashMap<>();
        for (Field field : Sql.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                statements.put((String) field.get(null), field.getName());
            }
        }
        Set<String> explained = hotPaths().map(arguments -> statements.get((String) arguments.get()[1]))
                .collect(Collectors.toSet());

        assertThat(explained).doesNotContainNull().doesNotContainAnyElementsOf(NOT_ROUTER_QUERIES);
        assertThat(Stream.concat(explained.stream(), NOT_ROUTER_QUERIES.stream()))
                .containsExactlyInAnyOrderElementsOf(statements.values());
    }

    /** Every statement a hot path runs, with the parameters it would run with. */
    static Stream<Arguments> hotPaths() {
        ConversationId conversation = message.conversationId();
        Map<String, Object> inbox = Map.of("userId", bob.id().value(), "peerId", alice.id().value(),
                "cid", conversation.value(), "peerUsername", alice.username().value(), "seq", 3L,
                "messageId", message.id().value() + 1, "at", T0.plusSeconds(2), "preview", "third");
        return Stream.of(
                Arguments.of("append 1: duplicate check", Sql.MESSAGE_BY_CLIENT_MESSAGE_ID, Map.of(
                        "cid", conversation.value(), "senderId", bob.id().value(), "clientMessageId", "3f1c2a9e")),
                Arguments.of("append 2: conversation and seq", Sql.ADVANCE_CONVERSATION, Map.of(
                        "cid", conversation.value(), "userLow", conversation.low().value(),
                        "userHigh", conversation.high().value(), "now", T0.plusSeconds(2))),
                Arguments.of("append 3: message", Sql.INSERT_MESSAGE, Map.of(
                        "cid", conversation.value(), "seq", 3L, "senderId", bob.id().value(),
                        "recipientId", alice.id().value(), "content", "third", "clientMessageId", "3f1c2a9e",
                        "createdAt", T0.plusSeconds(2))),
                Arguments.of("append 4: message location", Sql.INSERT_MESSAGE_LOCATION, Map.of(
                        "messageId", message.id().value() + 1, "cid", conversation.value())),
                Arguments.of("append 5: sender's conversation list", Sql.UPSERT_SENDER_INBOX, inbox),
                Arguments.of("append 6: recipient's conversation list", Sql.UPSERT_RECIPIENT_INBOX, inbox),
                Arguments.of("history page", Sql.PAGE_NEWEST, Map.of("cid", conversation.value(), "limit", 50, "offset", 0)),
                Arguments.of("history page before a cursor", Sql.PAGE_BEFORE, Map.of(
                        "cid", conversation.value(), "beforeId", message.id().value(), "limit", 50, "offset", 0)),
                Arguments.of("replay after a seq", Sql.MESSAGES_AFTER, Map.of(
                        "cid", conversation.value(), "afterSeq", 1L, "limit", 500)),
                Arguments.of("message in its conversation", Sql.MESSAGE_BY_ID, Map.of(
                        "cid", conversation.value(), "messageId", message.id().value())),
                Arguments.of("message location", Sql.MESSAGE_LOCATION, Map.of("messageId", message.id().value())),
                Arguments.of("conversation list", Sql.LIST_INBOX, Map.of("userId", alice.id().value(), "limit", 20)),
                Arguments.of("conversation list line", Sql.INBOX_ENTRY, Map.of(
                        "userId", alice.id().value(), "peerId", bob.id().value())),
                Arguments.of("total unread", Sql.TOTAL_UNREAD, Map.of("userId", alice.id().value())),
                Arguments.of("mark read", Sql.MARK_READ, Map.of(
                        "userId", alice.id().value(), "peerId", bob.id().value(), "upTo", Long.MAX_VALUE)),
                Arguments.of("user by id", Sql.USER_BY_ID, Map.of("id", alice.id().value())),
                Arguments.of("username lookup", Sql.USER_ID_BY_USERNAME, Map.of("canonical", alice.username().canonical())),
                Arguments.of("register: username", Sql.INSERT_USERNAME, Map.of("canonical", "carol", "id", 99L)),
                Arguments.of("register: email", Sql.INSERT_EMAIL, Map.of("canonical", "carol@example.com", "id", 99L)),
                Arguments.of("register: user", Sql.INSERT_USER, Map.of("id", 99L, "username", "Carol",
                        "email", "Carol@example.com", "passwordHash", "$2a$10$x", "createdAt", T0)),
                Arguments.of("profile update", Sql.UPDATE_PROFILE, Map.of("id", alice.id().value(),
                        "keepDisplayName", false, "displayName", "Alice", "keepAvatarUrl", true, "avatarUrl", "",
                        "keepTimezone", true, "timezone", "")),
                Arguments.of("password change", Sql.REPLACE_PASSWORD_HASH, Map.of("id", alice.id().value(),
                        "expected", "$2a$10$old", "replacement", "$2a$10$new")),
                Arguments.of("last seen", Sql.RECORD_LAST_SEEN, Map.of("id", alice.id().value(), "at", T0.plusSeconds(60))));
    }

    private static List<String> explain(String sql, Map<String, Object> parameters) {
        return db.database().jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + sql)
                .bindMap(parameters)
                .mapTo(String.class)
                .list());
    }

    private static List<Integer> taskCounts(List<String> plan) {
        return plan.stream().map(TASK_COUNT::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hotPaths")
    @DisplayName("each hot-path statement is a router query: one task, on one shard")
    void router_queries(String name, String sql, Map<String, Object> parameters) {
        List<String> plan = explain(sql, parameters);

        assertThat(plan).as("plan of %s", name).anyMatch(line -> line.contains("Custom Scan (Citus Adaptive)"));
        assertThat(taskCounts(plan)).as("plan of %s:%n%s", name, String.join("\n", plan)).containsExactly(1);
    }

    @Test
    @DisplayName("the online list touches only the shards of the users in it")
    void online_list_touches_only_their_shards() {
        List<String> one = db.database().jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + Sql.USERS_BY_IDS)
                .bindArray("ids", Long.class, alice.id().value()).mapTo(String.class).list());
        List<String> two = db.database().jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + Sql.USERS_BY_IDS)
                .bindArray("ids", Long.class, alice.id().value(), bob.id().value()).mapTo(String.class).list());
        long shardsOfBoth = db.count("SELECT count(DISTINCT get_shard_id_for_distribution_column('users', id)) FROM users "
                + "WHERE id IN (?, ?)", alice.id().value(), bob.id().value());

        assertThat(taskCounts(one)).containsExactly(1);
        assertThat(taskCounts(two)).containsExactly((int) shardsOfBoth);
    }

    @Test
    @DisplayName("searching users fans out to every shard, as designed (and the task count check can tell)")
    void search_fans_out() {
        List<String> plan = explain(Sql.SEARCH_USERS, Map.of("excluded", alice.id().value(), "term", "ali",
                "contains", "%ali%", "prefix", "ali%", "limit", 20));
        long shards = db.count("SELECT count(*) FROM pg_dist_shard s JOIN pg_class c ON c.oid = s.logicalrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'users'", db.schema());

        assertThat(taskCounts(plan)).containsExactly((int) shards);
        assertThat(shards).isGreaterThan(1);
    }
}
