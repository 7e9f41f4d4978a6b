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

        assertThat(tables).hasSize(15);
        assertThat(tables.values()).extracting(Distribution::method).containsOnly("h");
        assertThat(tables).extractingFromEntries(entry -> entry.getKey() + "." + entry.getValue().column())
                .containsExactlyInAnyOrder("users.id", "usernames.username_canonical", "emails.email_canonical",
                        "conversations.id", "messages.conversation_id", "message_locations.message_id",
                        "user_conversations.user_id", "message_edits.conversation_id",
                        "message_reactions.conversation_id", "message_hides.conversation_id",
                        "conversation_changes.conversation_id", "sessions.user_id", "session_spent_tokens.user_id",
                        "user_blocks.user_id", "account_erasures.user_id");
    }

    @Test
    @DisplayName("two colocation groups: the tables keyed by a bigint, and the tables keyed by text")
    void colocation() {
        Map<String, Distribution> tables = distribution();
        int bigint = tables.get("users").colocationId();
        int text = tables.get("conversations").colocationId();

        assertThat(Stream.of("users", "user_conversations", "message_locations", "sessions", "session_spent_tokens",
                "user_blocks", "account_erasures").map(table -> tables.get(table).colocationId()))
                .containsOnly(bigint);
        assertThat(Stream.of("conversations", "messages", "usernames", "emails", "message_edits", "message_reactions",
                "message_hides", "conversation_changes").map(table -> tables.get(table).colocationId()))
                .containsOnly(text);
        assertThat(tables.values().stream().map(Distribution::colocationId).distinct()).hasSize(2);
        long groups = db.count("SELECT count(*) FROM pg_dist_colocation WHERE colocationid IN (?, ?)", bigint, text);
        assertThat(groups).isEqualTo(2);
    }

    /** Statements of Sql that are not hot-path router queries, and why. */
    private static final Set<String> NOT_ROUTER_QUERIES = Set.of(
            "PROBE", "CITUS_INSTALLED", // no table
            "NEXT_USER_ID", // a coordinator sequence
            "USER_COLUMNS", "MESSAGE_COLUMNS", "REACTION_COLUMNS", "INBOX_COLUMNS", "MESSAGE_SEQ_AT_POSITION",
            "SESSION_COLUMNS", // fragments
            "SEARCH_USERS", // fans out by design (search_fans_out)
            "USERS_BY_IDS", // the shards of the given ids (online_list_touches_only_their_shards)
            "UNFINISHED_ERASURES", // every shard of account_erasures, once at start-up (unfinished_erasures_fan_out)
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
        Set<String> explained = Stream.concat(hotPaths(), accountPaths())
                .map(arguments -> statements.get((String) arguments.get()[1]))
                .collect(Collectors.toSet());

        assertThat(explained).doesNotContainNull().doesNotContainAnyElementsOf(NOT_ROUTER_QUERIES);
        assertThat(Stream.concat(explained.stream(), NOT_ROUTER_QUERIES.stream()))
                .containsExactlyInAnyOrderElementsOf(statements.values());
    }

    /** Every statement a hot path runs, with the parameters it would run with. */
    static Stream<Arguments> hotPaths() {
        ConversationId conversation = message.conversationId();
        String cid = conversation.value();
        long messageId = message.id().value();
        Map<String, Object> inbox = Map.of("userId", bob.id().value(), "peerId", alice.id().value(),
                "cid", cid, "peerUsername", alice.username().value(), "seq", 3L,
                "messageId", messageId + 1, "at", T0.plusSeconds(2), "preview", "third", "changeSeq", 3L);
        Map<String, Object> ofMessage = Map.of("cid", cid, "messageId", messageId);
        Map<String, Object> line = Map.of("userId", alice.id().value(), "peerId", bob.id().value(), "changeSeq", 9L);
        return Stream.of(
                Arguments.of("append 1: duplicate check", Sql.MESSAGE_BY_CLIENT_MESSAGE_ID, Map.of(
                        "cid", cid, "senderId", bob.id().value(), "clientMessageId", "3f1c2a9e")),
                Arguments.of("append 2: conversation, seq and position", Sql.ADVANCE_CONVERSATION, Map.of(
                        "cid", cid, "userLow", conversation.low().value(),
                        "userHigh", conversation.high().value(), "now", T0.plusSeconds(2))),
                Arguments.of("append 3: message", Sql.INSERT_MESSAGE, Map.of(
                        "cid", cid, "seq", 3L, "senderId", bob.id().value(),
                        "recipientId", alice.id().value(), "content", "third", "clientMessageId", "3f1c2a9e",
                        "createdAt", T0.plusSeconds(2), "replyToId", messageId, "changeSeq", 3L)),
                Arguments.of("append 4: message location", Sql.INSERT_MESSAGE_LOCATION, Map.of(
                        "messageId", messageId + 1, "cid", cid)),
                Arguments.of("append 5: sender's conversation list", Sql.UPSERT_SENDER_INBOX, inbox),
                Arguments.of("append 6: recipient's conversation list", Sql.UPSERT_RECIPIENT_INBOX, inbox),
                Arguments.of("history page", Sql.PAGE_NEWEST, Map.of("cid", cid, "reader", alice.id().value(),
                        "limit", 50, "offset", 0)),
                Arguments.of("history page before a cursor", Sql.PAGE_BEFORE, Map.of(
                        "cid", cid, "reader", alice.id().value(), "beforeId", messageId, "limit", 50, "offset", 0)),
                Arguments.of("message in its conversation", Sql.MESSAGE_BY_ID, ofMessage),
                Arguments.of("message location", Sql.MESSAGE_LOCATION, Map.of("messageId", messageId)),
                Arguments.of("reactions of a page", Sql.REACTIONS_OF, Map.of(
                        "cid", cid, "messageIds", new Long[] {messageId, messageId - 1})),
                Arguments.of("edit history", Sql.EARLIER_VERSIONS, ofMessage),
                Arguments.of("change stream", Sql.CHANGES_AFTER, Map.of(
                        "cid", cid, "afterPosition", 1L, "viewer", alice.id().value(), "limit", 500)),
                Arguments.of("position of a message", Sql.POSITION_OF_MESSAGE, Map.of("cid", cid, "seq", 2L)),
                Arguments.of("message at a position", Sql.MESSAGE_SEQ_AT, Map.of("cid", cid, "position", 2L)),
                Arguments.of("change 1: the message, locked", Sql.MESSAGE_FOR_CHANGE, ofMessage),
                Arguments.of("change 2: who hid it", Sql.HIDDEN_BY, ofMessage),
                Arguments.of("change 3: conversation lock and position", Sql.ADVANCE_CHANGE, Map.of("cid", cid)),
                Arguments.of("change: the change", Sql.INSERT_CHANGE, Map.of("cid", cid, "changeSeq", 9L,
                        "kind", "edited", "messageId", messageId, "actorId", bob.id().value(), "upToSeq", 2L,
                        "at", T0.plusSeconds(9), "lastSeq", 2L)),
                Arguments.of("edit: earlier version", Sql.INSERT_EARLIER_VERSION, Map.of("cid", cid, "messageId", messageId,
                        "version", 1, "content", "second", "editedAt", T0.plusSeconds(9))),
                Arguments.of("edit: new content", Sql.EDIT_MESSAGE, Map.of("cid", cid, "messageId", messageId,
                        "content", "second, edited", "editedAt", T0.plusSeconds(9))),
                Arguments.of("delete: earlier versions", Sql.DELETE_EARLIER_VERSIONS, ofMessage),
                Arguments.of("delete: reactions", Sql.DELETE_REACTIONS, ofMessage),
                Arguments.of("delete: tombstone", Sql.DELETE_MESSAGE, Map.of("cid", cid, "messageId", messageId,
                        "deletedAt", T0.plusSeconds(9))),
                Arguments.of("hide", Sql.INSERT_HIDE, Map.of("cid", cid, "messageId", messageId,
                        "userId", alice.id().value(), "hiddenAt", T0.plusSeconds(9))),
                Arguments.of("react", Sql.INSERT_REACTION, Map.of("cid", cid, "messageId", messageId, "emoji", "👍",
                        "userId", alice.id().value(), "reactedAt", T0.plusSeconds(9), "emojiChangeSeq", 9L)),
                Arguments.of("unreact", Sql.DELETE_REACTION, Map.of("cid", cid, "messageId", messageId, "emoji", "👍",
                        "userId", alice.id().value())),
                Arguments.of("reaction flag", Sql.SET_HAS_REACTIONS, Map.of("cid", cid, "messageId", messageId,
                        "hasReactions", true)),
                Arguments.of("conversation list", Sql.LIST_INBOX, Map.of("userId", alice.id().value(), "limit", 20)),
                Arguments.of("conversation list line", Sql.INBOX_ENTRY, Map.of(
                        "userId", alice.id().value(), "peerId", bob.id().value())),
                Arguments.of("total unread", Sql.TOTAL_UNREAD, Map.of("userId", alice.id().value())),
                Arguments.of("markers", Sql.INBOX_MARKERS, Map.of(
                        "userId", alice.id().value(), "peerId", bob.id().value())),
                Arguments.of("mark read: removed unread messages passed", Sql.COUNT_REMOVED_BETWEEN, Map.of(
                        "cid", cid, "fromSeq", 0L, "toSeq", 2L, "userId", alice.id().value())),
                Arguments.of("mark read: own line", Sql.MOVE_READ_MARKER, Map.of("userId", alice.id().value(),
                        "peerId", bob.id().value(), "toSeq", 2L, "removedBetween", 0L, "changeSeq", 9L)),
                Arguments.of("mark read: peer's line", Sql.PEER_READ, Map.of("userId", bob.id().value(),
                        "peerId", alice.id().value(), "toSeq", 2L, "changeSeq", 9L)),
                Arguments.of("delivered: own line", Sql.MOVE_DELIVERY_MARKER, Map.of("userId", alice.id().value(),
                        "peerId", bob.id().value(), "toSeq", 2L, "changeSeq", 9L)),
                Arguments.of("delivered: peer's line", Sql.PEER_DELIVERED, Map.of("userId", bob.id().value(),
                        "peerId", alice.id().value(), "toSeq", 2L, "changeSeq", 9L)),
                Arguments.of("edit or reaction: a line", Sql.CHANGE_IN_LINE, Map.of("userId", alice.id().value(),
                        "peerId", bob.id().value(), "changeSeq", 9L, "messageId", messageId, "preview", "edited")),
                Arguments.of("deletion: a line", Sql.REMOVED_FROM_LINE, Map.of("userId", alice.id().value(),
                        "peerId", bob.id().value(), "changeSeq", 9L, "messageId", messageId, "seq", 2L,
                        "senderId", bob.id().value(), "alreadyRemoved", false)),
                Arguments.of("user by id", Sql.USER_BY_ID, Map.of("id", alice.id().value())),
                Arguments.of("username lookup", Sql.USER_ID_BY_USERNAME, Map.of("canonical", alice.username().canonical())),
                Arguments.of("register: username", Sql.CLAIM_USERNAME, Map.of("canonical", "carol", "id", 99L, "now", T0)),
                Arguments.of("register: email", Sql.CLAIM_EMAIL, Map.of("canonical", "carol@example.com", "id", 99L,
                        "now", T0)),
                Arguments.of("register: user", Sql.INSERT_USER, Map.of("id", 99L, "username", "Carol",
                        "email", "Carol@example.com", "passwordHash", "$2a$10$x", "createdAt", T0)),
                Arguments.of("profile update", Sql.UPDATE_PROFILE, Map.of("id", alice.id().value(),
                        "keepDisplayName", false, "displayName", "Alice", "keepAvatarUrl", true, "avatarUrl", "",
                        "keepTimezone", true, "timezone", "")),
                Arguments.of("password change", Sql.REPLACE_PASSWORD_HASH, Map.of("id", alice.id().value(),
                        "expected", "$2a$10$old", "replacement", "$2a$10$new")),
                Arguments.of("last seen", Sql.RECORD_LAST_SEEN, Map.of("id", alice.id().value(), "at", T0.plusSeconds(60))),
                Arguments.of("export: conversation list by peer", Sql.INBOX_BY_PEER, Map.of("userId", alice.id().value(),
                        "afterPeer", 0L, "limit", 100)));
    }

    /** Every statement of sessions, blocks and account erasure, with the parameters it would run with. */
    static Stream<Arguments> accountPaths() {
        String cid = message.conversationId().value();
        long messageId = message.id().value();
        long user = alice.id().value();
        long peer = bob.id().value();
        Long[] batch = {messageId - 1, messageId};
        Map<String, Object> session = Map.of("userId", user, "sessionId", 7L);
        Map<String, Object> pair = Map.of("userId", user, "otherUserId", peer);
        Map<String, Object> line = Map.of("userId", peer, "peerId", user);
        String hash = "9f".repeat(32);
        return Stream.of(
                Arguments.of("login: expired sessions", Sql.PRUNE_EXPIRED_SESSIONS, Map.of("userId", user, "now", T0)),
                Arguments.of("login: new session", Sql.INSERT_SESSION, Map.of("userId", user, "refreshHash", hash,
                        "createdAt", T0, "userAgent", "Mozilla/5.0", "refreshExpiresAt", T0.plusSeconds(2_592_000))),
                Arguments.of("refresh 1: the session, locked", Sql.SESSION_FOR_ROTATION, session),
                Arguments.of("refresh: a spent token", Sql.SPENT_AT, Map.of("userId", user, "sessionId", 7L, "tokenHash", hash)),
                Arguments.of("refresh 2: old spent hashes", Sql.PRUNE_SPENT_TOKENS, Map.of("userId", user, "sessionId", 7L,
                        "before", T0)),
                Arguments.of("refresh 3: the spent hash", Sql.INSERT_SPENT_TOKEN, Map.of("userId", user, "sessionId", 7L,
                        "tokenHash", hash, "spentAt", T0)),
                Arguments.of("refresh 4: compare and set", Sql.ROTATE_SESSION, Map.of("userId", user, "sessionId", 7L,
                        "next", hash, "presented", hash, "now", T0, "nextExpiresAt", T0.plusSeconds(2_592_000))),
                Arguments.of("every request: session active", Sql.SESSION_EXISTS, session),
                Arguments.of("session list", Sql.LIST_SESSIONS, Map.of("userId", user)),
                Arguments.of("log out", Sql.END_SESSION, session),
                Arguments.of("log out the others", Sql.END_SESSIONS_BUT, Map.of("userId", user, "keep", 7L)),
                Arguments.of("block: blocker's side", Sql.RECORD_BLOCK, Map.of("userId", user, "otherUserId", peer, "at", T0)),
                Arguments.of("block: blocked user's side", Sql.RECORD_BLOCKED_BY, Map.of("userId", peer, "otherUserId", user,
                        "at", T0)),
                Arguments.of("unblock: blocker's side", Sql.LIFT_BLOCK, pair),
                Arguments.of("unblock: blocked user's side", Sql.LIFT_BLOCKED_BY, pair),
                Arguments.of("unblock: an empty side", Sql.DELETE_EMPTY_BLOCK, pair),
                Arguments.of("send, search, presence: blocks both ways", Sql.BLOCKS_OF, Map.of("userId", user)),
                Arguments.of("delete account: block peers", Sql.BLOCK_PEERS, Map.of("userId", user)),
                Arguments.of("delete account: a block side", Sql.FORGET_BLOCK, pair),
                Arguments.of("delete account: the account, locked", Sql.LIVING_USER_FOR_ERASURE, Map.of("userId", user)),
                Arguments.of("delete account: scrub", Sql.SCRUB_USER, Map.of("userId", user, "at", T0,
                        "deletedUsername", "deleted_user")),
                Arguments.of("delete account: username kept", Sql.FREE_USERNAME_AT, Map.of("userId", user,
                        "canonical", alice.username().canonical(), "freeAt", T0)),
                Arguments.of("delete account: email kept", Sql.FREE_EMAIL_AT, Map.of("userId", user,
                        "canonical", alice.email().canonical(), "freeAt", T0)),
                Arguments.of("delete account: the job", Sql.INSERT_ERASURE, Map.of("userId", user, "at", T0)),
                Arguments.of("erasure step 1: the job, locked", Sql.ERASURE_FOR_STEP, Map.of("userId", user)),
                Arguments.of("erasure step 2: the conversation", Sql.FIRST_REMAINING_PEER, Map.of("userId", user)),
                Arguments.of("erasure step 3: the batch", Sql.MESSAGES_AFTER_ID, Map.of("cid", cid, "afterId", 0L,
                        "limit", 500)),
                Arguments.of("erasure step 4: the user's reactions", Sql.REACTED_BY, Map.of("cid", cid,
                        "messageIds", batch, "userId", user)),
                Arguments.of("erasure step 5: messages locked", Sql.LOCK_MESSAGES, Map.of("cid", cid, "messageIds", batch)),
                Arguments.of("erasure step 6: earlier versions", Sql.ERASE_EARLIER_VERSIONS, Map.of("cid", cid,
                        "messageIds", batch)),
                Arguments.of("erasure step 7: reactions", Sql.ERASE_REACTIONS, Map.of("cid", cid, "messageIds", batch,
                        "userId", user, "erasedIds", batch)),
                Arguments.of("erasure step 8: tombstones", Sql.ERASE_MESSAGES, Map.of("cid", cid, "messageIds", batch,
                        "at", T0)),
                Arguments.of("erasure step 9: reaction flags", Sql.CLEAR_HAS_REACTIONS, Map.of("cid", cid,
                        "messageIds", batch)),
                Arguments.of("erasure step 10: hides", Sql.ERASE_HIDES, Map.of("cid", cid, "messageIds", batch,
                        "userId", user)),
                Arguments.of("erasure step 11: conversation lock", Sql.LOCK_CONVERSATION, Map.of("cid", cid)),
                Arguments.of("erasure step 12: the peer's hides", Sql.HIDDEN_AMONG, Map.of("cid", cid, "messageIds", batch,
                        "userId", peer)),
                Arguments.of("erasure step 13: the peer's line", Sql.ERASED_IN_LINE, Map.of("userId", peer, "peerId", user,
                        "removed", 2L, "erasedIds", batch)),
                Arguments.of("erasure step 14: the peer's line names the deleted user", Sql.PEER_DELETED_IN_LINE,
                        Map.of("userId", peer, "peerId", user, "deletedUsername", "deleted_user")),
                Arguments.of("erasure step 15: the user's line", Sql.DELETE_LINE, line),
                Arguments.of("erasure step 16: the cursor", Sql.MOVE_ERASURE_CURSOR, Map.of("userId", user, "peerId", peer,
                        "cursor", messageId)),
                Arguments.of("erasure end: the job", Sql.DELETE_ERASURE, Map.of("userId", user)),
                Arguments.of("erasure end: the account", Sql.DELETE_USER, Map.of("userId", user)));
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
    @MethodSource({"hotPaths", "accountPaths"})
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
    @DisplayName("the erasures to resume are read from every shard of account_erasures, once at start-up")
    void unfinished_erasures_fan_out() {
        List<String> plan = explain(Sql.UNFINISHED_ERASURES, Map.of());
        long shards = db.count("SELECT count(*) FROM pg_dist_shard s JOIN pg_class c ON c.oid = s.logicalrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'account_erasures'",
                db.schema());

        assertThat(taskCounts(plan)).containsExactly((int) shards);
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
