package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL erasure beyond the contract (PostgresAccountErasureContractTest): that nothing of
 * an erased account's text is left in any column of any table, and that a large account is erased
 * in bounded steps that a restart continues from the stored cursor.
 */
@DisplayName("PostgresAccountErasure")
class PostgresAccountErasureTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private static final Instant DELETED_AT = T0.plus(Duration.ofDays(1));
    private static final MessageChangePolicy POLICY = new MessageChangePolicy(
            new MessageChangeLimits(Optional.of(Duration.ofHours(1)), 3, 3));

    private final PostgresDatabase database = db.database();
    /** Lower-case, so that a name and its canonical form are the same text. */
    private final String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);

    private User user(String prefix) {
        String name = prefix + tag;
        var created = database.users().create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                new PasswordHash("$2a$10$hash-of-" + name), T0));
        return ((CreateUser.Created) created).user();
    }

    private static RefreshTokenHash hash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new RefreshTokenHash(HexFormat.of().formatHex(bytes));
    }

    /** Steps with a fresh store each time until the erasure finishes; the steps. */
    private static List<EraseAccounts.Erased> eraseAll(EraseAccounts erasure, User user, int batchSize) {
        List<EraseAccounts.Erased> steps = new ArrayList<>();
        while (true) {
            EraseAccounts.Step step = erasure.next(user.id(), batchSize, DELETED_AT);
            if (!(step instanceof EraseAccounts.Erased erased)) {
                assertThat(step).isEqualTo(new EraseAccounts.Finished());
                return steps;
            }
            steps.add(erased);
            assertThat(steps).as("steps so far").hasSizeLessThan(100);
        }
    }

    /** The text columns ("table.column") of this schema's tables holding {@code text} anywhere in their value. */
    private List<String> columnsContaining(String text) {
        List<String[]> columns = database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT c.table_name, c.column_name FROM information_schema.columns c
                        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = :schema AND t.table_type = 'BASE TABLE'
                          AND c.data_type IN ('text', 'character varying', 'character')
                        ORDER BY 1, 2""")
                .bind("schema", db.schema())
                .map((rs, ctx) -> new String[] {rs.getString("table_name"), rs.getString("column_name")})
                .list());
        assertThat(columns).extracting(column -> column[0] + "." + column[1])
                .as("the scan reads the columns that hold text")
                .contains("messages.content", "message_edits.content", "user_conversations.last_message_preview",
                        "users.username", "users.email", "sessions.user_agent", "usernames.username_canonical");
        List<String> found = new ArrayList<>();
        for (String[] column : columns) {
            long rows = db.count("SELECT count(*) FROM \"" + db.schema() + "\".\"" + column[0] + "\" WHERE strpos(\""
                    + column[1] + "\", ?) > 0", text);
            if (rows > 0) {
                found.add(column[0] + "." + column[1]);
            }
        }
        return found;
    }

    @Test
    @DisplayName("nothing of the erased account is left in any text column of any table, but its handles in the lookup tables")
    void no_trace_left() {
        User alice = user("erasee");
        User bob = user("peer");
        String secret = "alicesaid" + tag;
        database.users().updateProfile(alice.id(), new ProfileUpdate(
                FieldUpdate.set(io.chatplatform.domain.user.DisplayName.of("Secretname" + tag)),
                FieldUpdate.set(AvatarUrl.of("https://cdn.example.com/" + tag + ".png")),
                FieldUpdate.set(TimeZoneName.of("Europe/Berlin"))));
        database.sessions().create(new SessionStore.NewSession(alice.id(), hash(), T0,
                UserAgent.fromHeader("AliceDevice" + tag), T0.plus(Duration.ofDays(30))));
        database.blocks().block(bob.id(), alice.id(), T0);
        PostgresMessageStore messages = database.messages();
        Message first = ((AppendMessage.Appended) messages.append(new AppendMessage.NewMessage(Fixtures.participant(alice),
                Fixtures.participant(bob), MessageContent.of(secret + " first"), Optional.of(ClientMessageId.of("cid" + tag)),
                T0.plusSeconds(1)))).message();
        MessageContent edited = MessageContent.of(secret + " edited");
        messages.edit(first.id(), alice.id(), edited, T0.plusSeconds(2),
                state -> state.map(found -> POLICY.edit(alice.id(), found, edited, T0.plusSeconds(2))).orElse(Decision.NOT_FOUND));
        Message reply = send(messages, bob, alice, "bobsaid" + tag, T0.plusSeconds(3));
        messages.react(reply.id(), alice.id(), Emoji.of("👍"), T0.plusSeconds(4),
                state -> state.map(found -> POLICY.react(alice.id(), found, Emoji.of("👍"))).orElse(Decision.NOT_FOUND));
        messages.hide(reply.id(), alice.id(), T0.plusSeconds(5),
                (state, hidden) -> state.map(found -> POLICY.deleteForMe(alice.id(), found, hidden)).orElse(Decision.NOT_FOUND));
        send(messages, alice, bob, secret + " newest", T0.plusSeconds(6));
        send(messages, alice, alice, secret + " note to self", T0.plusSeconds(7));
        assertThat(columnsContaining(secret)).as("before")
                .contains("messages.content", "message_edits.content", "user_conversations.last_message_preview");
        assertThat(columnsContaining(alice.username().value())).as("before")
                .contains("users.username", "usernames.username_canonical", "user_conversations.peer_username");

        database.erasure().begin(alice.id(), DELETED_AT, DELETED_AT.plus(Duration.ofDays(30))).orElseThrow();
        eraseAll(database.erasure(), alice, 2);

        assertThat(columnsContaining(secret)).isEmpty();
        assertThat(columnsContaining(alice.username().value())).as("kept until free_at, then taken over by a registration")
                .containsExactlyInAnyOrder("usernames.username_canonical", "emails.email_canonical");
        assertThat(columnsContaining(alice.email().value())).containsExactly("emails.email_canonical");
        assertThat(columnsContaining("Secretname" + tag)).isEmpty();
        assertThat(columnsContaining(tag + ".png")).isEmpty();
        assertThat(columnsContaining("AliceDevice" + tag)).isEmpty();
        assertThat(columnsContaining("cid" + tag)).isEmpty();
        assertThat(columnsContaining("bobsaid" + tag)).as("the peer's text stays (and the scan finds text)")
                .containsExactly("messages.content");
        long id = alice.id().value();
        assertThat(db.count("SELECT count(*) FROM users WHERE id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM usernames WHERE user_id = ? AND free_at = ?", id,
                DELETED_AT.plus(Duration.ofDays(30)))).isOne();
        assertThat(db.count("SELECT count(*) FROM emails WHERE user_id = ? AND free_at IS NOT NULL", id)).isOne();
        assertThat(db.count("SELECT count(*) FROM sessions WHERE user_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM user_blocks WHERE user_id IN (?, ?)", id, bob.id().value())).isZero();
        assertThat(db.count("SELECT count(*) FROM account_erasures WHERE user_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM user_conversations WHERE user_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM message_reactions WHERE user_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM message_hides WHERE user_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM messages WHERE sender_id = ? AND (content IS NOT NULL OR "
                + "client_message_id IS NOT NULL OR deleted_at <> ?)", id, DELETED_AT)).isZero();
        assertThat(db.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND id = ? AND NOT has_reactions",
                reply.conversationId().value(), reply.id().value())).as("its last reaction went").isOne();
    }

    @Test
    @DisplayName("a step examines at least one message; asking for none changes nothing")
    void bad_batch_size() {
        User alice = user("badbatch");
        User bob = user("badbatchpeer");
        Message message = send(database.messages(), alice, bob, "kept " + tag, T0);
        database.erasure().begin(alice.id(), DELETED_AT, DELETED_AT.plus(Duration.ofDays(30))).orElseThrow();

        assertThatThrownBy(() -> database.erasure().next(alice.id(), 0, DELETED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> database.erasure().next(alice.id(), -5, DELETED_AT))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(database.messages().find(message.id()).orElseThrow().content()).isPresent();
        assertThat(database.erasure().unfinished()).contains(alice.id());
        assertThat(eraseAll(database.erasure(), alice, 1)).hasSize(2);
        assertThat(database.messages().find(message.id()).orElseThrow().content()).isEmpty();
    }

    /**
     * Writes {@code count} more messages into the conversation of two users who already have one,
     * alternately from {@code second} and {@code first}, as the store would have (seqs, positions,
     * locations, both lines); in a few statements, where 5,000 sends would take a while. Both have
     * read everything.
     */
    private void bulkSend(User first, User second, int count, String firstText, String secondText) {
        ConversationId conversation = ConversationId.between(first.id(), second.id());
        String cid = conversation.value();
        database.jdbi().useHandle(handle -> {
            long[] base = handle.createQuery("SELECT last_seq, last_change_seq FROM conversations WHERE id = ?")
                    .bind(0, cid)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .one();
            handle.execute("""
                    INSERT INTO messages (conversation_id, id, seq, sender_id, recipient_id, content, created_at, change_seq)
                    SELECT ?, nextval('messages_id_seq'), ? + g,
                           CASE WHEN g % 2 = 1 THEN ? ELSE ? END, CASE WHEN g % 2 = 1 THEN ? ELSE ? END,
                           CASE WHEN g % 2 = 1 THEN ? ELSE ? END || ' ' || g,
                           CAST(? AS timestamptz) + g * interval '1 millisecond', ? + g
                    FROM generate_series(1, ?) AS g
                    ORDER BY g""",
                    cid, base[0], second.id().value(), first.id().value(), first.id().value(), second.id().value(),
                    secondText, firstText, T0.plusSeconds(60), base[1], count);
            handle.execute("""
                    INSERT INTO message_locations (message_id, conversation_id)
                    SELECT id, conversation_id FROM messages WHERE conversation_id = ? AND seq > ?""", cid, base[0]);
            long lastSeq = base[0] + count;
            long lastPosition = base[1] + count;
            handle.execute("UPDATE conversations SET last_seq = ?, last_change_seq = ? WHERE id = ?", lastSeq, lastPosition, cid);
            long[] newest = handle.createQuery("SELECT id, seq FROM messages WHERE conversation_id = ? AND seq = ?")
                    .bind(0, cid).bind(1, lastSeq)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .one();
            for (User[] line : new User[][] {{first, second}, {second, first}}) {
                handle.execute("""
                        UPDATE user_conversations
                        SET last_seq = ?, last_read_seq = ?, delivered_seq = ?, last_change_seq = ?, last_message_id = ?,
                            last_message_at = CAST(? AS timestamptz) + ? * interval '1 millisecond', last_message_preview = 'newest',
                            peer_read_seq = ?, peer_delivered_seq = ?
                        WHERE user_id = ? AND peer_id = ?""",
                        lastSeq, lastSeq, lastSeq, lastPosition, newest[0], T0.plusSeconds(60), count, lastSeq, lastSeq,
                        line[0].id().value(), line[1].id().value());
            }
        });
    }

    @Test
    @DisplayName("5,000 messages are erased 500 at a time; an erasure that stopped resumes after its stored cursor, on another instance")
    void large_account_resumes() {
        User alice = user("large");
        User bob = user("largepeer");
        send(database.messages(), alice, bob, "large " + tag + " 0", T0);
        bulkSend(alice, bob, 4_999, "large " + tag, "largepeer " + tag);
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        String cid = conversation.value();
        assertThat(db.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND sender_id = ?", cid,
                alice.id().value())).isEqualTo(2_500);
        database.erasure().begin(alice.id(), DELETED_AT, DELETED_AT.plus(Duration.ofDays(30))).orElseThrow();

        List<MessageId> erased = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EraseAccounts.Erased step = (EraseAccounts.Erased) database.erasure().next(alice.id(), 500, DELETED_AT);
            assertThat(step.conversation()).isEqualTo(conversation);
            assertThat(step.conversationDone()).isFalse();
            assertThat(step.erased()).hasSizeBetween(1, 500);
            erased.addAll(step.erased());
        }
        // the process stops here; another instance takes over from what is stored
        long cursor = db.count("SELECT message_cursor FROM account_erasures WHERE user_id = ? AND conversation_peer = ?",
                alice.id().value(), bob.id().value());
        long fifteenHundredth = db.count("SELECT id FROM messages WHERE conversation_id = ? ORDER BY id OFFSET 1499 LIMIT 1", cid);
        assertThat(cursor).as("three batches of 500 examined").isEqualTo(fifteenHundredth);
        assertThat(erased).allSatisfy(id -> assertThat(id.value()).isLessThanOrEqualTo(cursor));
        assertThat(db.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND sender_id = ? AND content IS NULL",
                cid, alice.id().value())).isEqualTo(erased.size());

        List<EraseAccounts.Erased> rest = eraseAll(new PostgresAccountErasure(database.jdbi()), alice, 500);

        assertThat(rest).as("the 3,500 messages left in seven batches, then the empty one that ends the conversation")
                .hasSize(8);
        assertThat(rest).extracting(EraseAccounts.Erased::conversationDone).containsExactly(false, false, false, false,
                false, false, false, true);
        List<MessageId> erasedLater = rest.stream().flatMap(step -> step.erased().stream()).toList();
        assertThat(erasedLater).as("no batch examined twice").allSatisfy(id -> assertThat(id.value()).isGreaterThan(cursor));
        assertThat(erased.size() + erasedLater.size()).isEqualTo(2_500);
        assertThat(db.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND sender_id = ? AND content IS NOT NULL",
                cid, alice.id().value())).isZero();
        assertThat(db.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND sender_id = ? AND content IS NOT NULL",
                cid, bob.id().value())).isEqualTo(2_500);
        var line = database.messages().entry(bob.id(), alice.id()).orElseThrow();
        assertThat(line.peerDeleted()).isTrue();
        assertThat(line.unreadCount()).isZero();
        assertThat(db.count("SELECT count(*) FROM users WHERE id = ?", alice.id().value())).isZero();
    }
}
