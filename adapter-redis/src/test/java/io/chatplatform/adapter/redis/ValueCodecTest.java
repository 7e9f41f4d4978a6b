package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ValueCodec")
class ValueCodecTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final Instant AT = Instant.parse("2026-11-27T12:34:56.123456789Z");
    private static final Message MESSAGE = new Message(MessageId.of(7), ConversationId.between(ALICE, BOB), 3, ALICE, BOB,
            MessageContent.of("hi"), AT, Optional.empty());
    private static final CacheKey<Message> MESSAGE_KEY = CacheKey.message(MessageId.of(7));
    private static final CacheKey<List<Message>> PAGE_KEY = CacheKey.historyPage(ConversationId.between(ALICE, BOB), BOB,
            HistoryPage.newest());
    private static final CacheKey<List<InboxEntry>> LIST_KEY = CacheKey.conversationList(ALICE, 20);

    /** Message 7 with a client id, replying to 5, edited once (to the nanosecond), with one reaction by both. */
    private static final Message EDITED = new Message(MessageId.of(7), ConversationId.between(ALICE, BOB), 3, ALICE, BOB,
            MessageContent.of("hi"), AT, Optional.of(ClientMessageId.of("c-7")))
            .replyingTo(Optional.of(MessageId.of(5)))
            .edited(MessageContent.of("hi!"), AT.plusSeconds(30).plusNanos(1))
            .withReactions(Reactions.none().with(BOB, SampleEvents.THUMBS_UP_MEDIUM).with(ALICE, SampleEvents.THUMBS_UP_MEDIUM));
    /** {@link #EDITED} deleted for everyone: its reply and client id stay. */
    private static final Message TOMBSTONE = EDITED.deleted(AT.plusSeconds(60));
    private static final Message REACTED = new Message(MessageId.of(8), ConversationId.between(ALICE, BOB), 4, BOB, ALICE,
            MessageContent.of("react 😀"), AT.plusMillis(1), Optional.empty())
            .withReactions(Reactions.none()
                    .with(ALICE, SampleEvents.FAMILY)
                    .with(ALICE, SampleEvents.THUMBS_UP_MEDIUM)
                    .with(BOB, SampleEvents.THUMBS_UP_MEDIUM)
                    .with(BOB, SampleEvents.FLAG)
                    .with(BOB, SampleEvents.KEYCAP_ONE)
                    .with(ALICE, SampleEvents.SCOTLAND)
                    .with(BOB, SampleEvents.HEART));
    private static final Message NOT_REACTED_ANY_MORE = REACTED.withReactions(Reactions.none().with(ALICE, SampleEvents.FLAG)
            .without(ALICE, SampleEvents.FLAG));

    /** Alice's line with Bob: three messages, read to 1, nothing removed, Bob read and received all, nine changes. */
    private static final InboxEntry LINE = new InboxEntry(ALICE, BOB, Username.of("bob"), 3, 1, 0, MessageId.of(7), AT,
            Optional.of("hi"), 9, 3, 3);
    /** The same after Bob deleted his two newest messages for everyone: no preview, two removed of the two unread. */
    private static final InboxEntry LINE_AFTER_DELETION = new InboxEntry(ALICE, BOB, Username.of("bob"), 3, 1, 2,
            MessageId.of(7), AT, Optional.empty(), 12, 2, 3);
    private static final InboxEntry NOTE_TO_SELF_LINE = new InboxEntry(BOB, BOB, Username.of("bob"), 1, 1, 0, MessageId.of(9),
            AT.plusNanos(1), Optional.of(""), Long.MAX_VALUE, 0, 1);

    @Test
    @DisplayName("writes compact JSON with short names, leaving out empty optional fields")
    void compact_json() {
        assertThat(ValueCodec.encode(MESSAGE_KEY, MESSAGE))
                .isEqualTo("{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896123456789}");
        assertThat(ValueCodec.encode(CacheKey.unreadCount(ALICE), 42L)).isEqualTo("42");
        assertThat(ValueCodec.encode(CacheKey.username(Username.of("alice")), ALICE)).isEqualTo("1");
    }

    @Test
    @DisplayName("keeps instants to the nanosecond")
    void exact_instants() {
        Account account = new Account(ALICE, Username.of("alice"), Email.of("a@example.com"), Profile.EMPTY, AT, AT.plusNanos(1));
        CacheKey<Account> key = CacheKey.account(ALICE);

        assertThat(ValueCodec.decode(key, ValueCodec.encode(key, account))).contains(account);
    }

    @Test
    @DisplayName("ignores fields it does not know, so a newer version may add some")
    void unknown_fields() {
        String newer = "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896123456789,\"zz\":true}";

        assertThat(ValueCodec.decode(MESSAGE_KEY, newer)).contains(MESSAGE);
        assertThat(ValueCodec.decode(LIST_KEY, ValueCodec.encode(LIST_KEY, List.of(LINE)).replace("}]", ",\"zz\":[1]}]")))
                .contains(List.of(LINE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":null}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":\"yesterday\"}",
            "{\"i\":7,\"q\":0,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"  \",\"at\":1795782896000000000}",
            "{\"i\":7,\"q\":null,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000}",
            "[1,2]",
            "42",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000} {}",
            "not json"})
    @DisplayName("refuses a stored message that is incomplete, malformed or invalid for the domain")
    void refuses_bad_messages(String json) {
        assertThat(ValueCodec.decode(MESSAGE_KEY, json)).isEmpty();
    }

    @Test
    @DisplayName("refuses a value of another type and a null count")
    void refuses_other_shapes() {
        assertThat(ValueCodec.decode(CacheKey.unreadCount(ALICE), "null")).isEmpty();
        assertThat(ValueCodec.decode(CacheKey.unreadCount(ALICE), "\"7\"")).isEmpty();
        assertThat(ValueCodec.decode(CacheKey.username(Username.of("alice")), "0")).isEmpty();
        assertThat(ValueCodec.decode(PAGE_KEY, ValueCodec.encode(MESSAGE_KEY, MESSAGE))).isEmpty();
        assertThat(ValueCodec.decode(PAGE_KEY, "[" + ValueCodec.encode(MESSAGE_KEY, MESSAGE) + "]")).contains(List.of(MESSAGE));
        assertThat(ValueCodec.decode(LIST_KEY, "[" + ValueCodec.encode(MESSAGE_KEY, MESSAGE) + "]")).isEmpty();
    }

    @Test
    @DisplayName("a page of changed messages comes back equal: a tombstone, an edited reply, tricky emoji reactions")
    void changed_messages_round_trip() {
        List<Message> page = List.of(MESSAGE, EDITED, TOMBSTONE, REACTED, NOT_REACTED_ANY_MORE);

        assertThat(ValueCodec.decode(PAGE_KEY, ValueCodec.encode(PAGE_KEY, page))).contains(page);
        for (Message message : page) {
            CacheKey<Message> key = CacheKey.message(message.id());
            assertThat(ValueCodec.decode(key, ValueCodec.encode(key, message))).contains(message);
        }
    }

    @Test
    @DisplayName("keeps each emoji of a reaction code point for code point, in the order of first use, users ascending")
    void exact_reactions() {
        Message back = ValueCodec.decode(MESSAGE_KEY, ValueCodec.encode(MESSAGE_KEY, REACTED)).orElseThrow();

        assertThat(back.reactions().entries()).extracting(entry -> entry.emoji().value()).containsExactly(
                SampleEvents.FAMILY.value(), SampleEvents.THUMBS_UP_MEDIUM.value(), SampleEvents.FLAG.value(),
                SampleEvents.KEYCAP_ONE.value(), SampleEvents.SCOTLAND.value(), "\u2764\uFE0F");
        assertThat(back.reactions().entries()).extracting(entry -> entry.userIds().size()).containsExactly(1, 2, 1, 1, 1, 1);
    }

    @Test
    @DisplayName("writes a tombstone without body, edit time or reactions, and an edited reply with all its fields")
    void compact_changed_messages() {
        assertThat(ValueCodec.encode(MESSAGE_KEY, TOMBSTONE))
                .isEqualTo("{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"at\":1795782896123456789,\"k\":\"c-7\",\"r\":5,"
                        + "\"d\":1795782956123456789}");
        assertThat(ValueCodec.encode(MESSAGE_KEY, EDITED))
                .isEqualTo("{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi!\",\"at\":1795782896123456789,\"k\":\"c-7\",\"r\":5,"
                        + "\"e\":1795782926123456790,\"x\":[{\"e\":\"\uD83D\uDC4D\uD83C\uDFFD\",\"u\":[1,2]}]}");
    }

    @Test
    @DisplayName("reads a message the previous version cached as not edited, not deleted, replying to nothing, without reactions")
    void previous_versions_message() {
        String previous = "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896123456789}";

        assertThat(ValueCodec.decode(MESSAGE_KEY, previous)).contains(MESSAGE);
        assertThat(ValueCodec.decode(PAGE_KEY, "[" + previous + "]")).contains(List.of(MESSAGE));
    }

    @Test
    @DisplayName("a conversation list comes back equal with every field: removed unread, no preview, position, the peer's markers")
    void inbox_round_trip() {
        List<InboxEntry> list = List.of(LINE, LINE_AFTER_DELETION, NOTE_TO_SELF_LINE);

        assertThat(ValueCodec.decode(LIST_KEY, ValueCodec.encode(LIST_KEY, list))).contains(list);
        assertThat(ValueCodec.decode(LIST_KEY, ValueCodec.encode(LIST_KEY, List.of()))).contains(List.of());
    }

    @Test
    @DisplayName("writes a conversation line compactly: removed unread and the preview only when there are some")
    void compact_inbox() {
        assertThat(ValueCodec.encode(LIST_KEY, List.of(LINE, LINE_AFTER_DELETION))).isEqualTo("["
                + "{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1795782896123456789,\"v\":\"hi\",\"w\":9,"
                + "\"pr\":3,\"pd\":3},"
                + "{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"n\":2,\"m\":7,\"at\":1795782896123456789,\"w\":12,"
                + "\"pr\":2,\"pd\":3}]");
    }

    @Test
    @DisplayName("refuses a conversation list the previous version cached (same key, no position or peer markers): a miss, read again")
    void previous_versions_inbox_is_a_miss() {
        String previous = "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1795782896123456789,\"v\":\"hi\"}]";

        assertThat(ValueCodec.decode(LIST_KEY, previous)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // a body and a deletion, or neither
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"d\":1795782896000000001}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"at\":1795782896000000000}",
            // a tombstone that kept its edit time or reactions
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"at\":1795782896000000000,\"e\":1,\"d\":2}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"at\":1795782896000000000,\"d\":2,\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[1]}]}",
            // a reply to itself
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"r\":7}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"r\":\"5\"}",
            // reactions: text, two emoji, no users, users descending or repeated, an emoji twice, a null
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"ok\",\"u\":[1]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"\uD83D\uDC4D\uD83D\uDC4D\",\"u\":[1]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[2,1]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[1,1]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[1]},"
                    + "{\"e\":\"\uD83D\uDC4D\",\"u\":[2]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[null]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[null]}]}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000,\"x\":[{\"u\":[1]}]}"})
    @DisplayName("refuses a changed message that the domain would not make")
    void refuses_impossible_changed_messages(String json) {
        assertThat(ValueCodec.decode(MESSAGE_KEY, json)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the peer's markers beyond the last seq; more removed than unread; a position below the last seq
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"w\":9,\"pr\":4,\"pd\":3}]",
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"w\":9,\"pr\":3,\"pd\":-1}]",
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"n\":3,\"m\":7,\"at\":1,\"w\":9,\"pr\":3,\"pd\":3}]",
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"w\":2,\"pr\":3,\"pd\":3}]",
            // one of the new required fields missing
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"pr\":3,\"pd\":3}]",
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"w\":9,\"pd\":3}]",
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"w\":9,\"pr\":3}]",
            "[{\"o\":1,\"p\":2,\"u\":\"bob\",\"q\":3,\"r\":1,\"m\":7,\"at\":1,\"v\":\"hi\",\"w\":null,\"pr\":3,\"pd\":3}]",
            "[null]"})
    @DisplayName("refuses a conversation line that is incomplete or impossible")
    void refuses_impossible_inbox_lines(String json) {
        assertThat(ValueCodec.decode(LIST_KEY, json)).isEmpty();
    }

    private static final CacheKey<Boolean> SESSION_KEY = CacheKey.sessionActive(ALICE, SessionId.of(5));
    private static final CacheKey<BlockList> BLOCKS_KEY = CacheKey.blocks(ALICE);
    private static final UserId LAST_ID = UserId.of((1L << 53) - 1);

    @Test
    @DisplayName("a session's state is a JSON boolean, both ways")
    void session_state() {
        assertThat(ValueCodec.encode(SESSION_KEY, true)).isEqualTo("true");
        assertThat(ValueCodec.encode(SESSION_KEY, false)).isEqualTo("false");
        assertThat(ValueCodec.decode(SESSION_KEY, "true")).contains(true);
        assertThat(ValueCodec.decode(SESSION_KEY, "false")).contains(false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "\"true\"", "1", "0", "[true]", "{}", "true false", "yes", ""})
    @DisplayName("refuses a session state that is not exactly a boolean: a miss, read again, never an active session by guess")
    void refuses_bad_session_states(String json) {
        assertThat(ValueCodec.decode(SESSION_KEY, json)).isEmpty();
    }

    @Test
    @DisplayName("a block list comes back equal, both directions, the largest id too; an empty one as well")
    void blocks_round_trip() {
        BlockList list = new BlockList(ALICE, Set.of(BOB, LAST_ID, UserId.of(3)), Set.of(UserId.of(4), BOB));

        assertThat(ValueCodec.decode(BLOCKS_KEY, ValueCodec.encode(BLOCKS_KEY, list))).contains(list);
        assertThat(ValueCodec.decode(BLOCKS_KEY, ValueCodec.encode(BLOCKS_KEY, BlockList.empty(ALICE))))
                .contains(BlockList.empty(ALICE));
    }

    @Test
    @DisplayName("writes a block list compactly, ids ascending, empty sets kept")
    void compact_blocks() {
        assertThat(ValueCodec.encode(BLOCKS_KEY, new BlockList(ALICE, Set.of(LAST_ID, BOB, UserId.of(3)), Set.of())))
                .isEqualTo("{\"o\":1,\"b\":[2,3,9007199254740991],\"y\":[]}");
        assertThat(ValueCodec.encode(BLOCKS_KEY, BlockList.empty(ALICE))).isEqualTo("{\"o\":1,\"b\":[],\"y\":[]}");
    }

    @Test
    @DisplayName("ignores fields of a block list it does not know")
    void blocks_unknown_fields() {
        assertThat(ValueCodec.decode(BLOCKS_KEY, "{\"o\":1,\"b\":[2],\"y\":[],\"zz\":{}}"))
                .contains(new BlockList(ALICE, Set.of(BOB), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the owner blocking themself, or blocked by themself
            "{\"o\":1,\"b\":[1],\"y\":[]}",
            "{\"o\":1,\"b\":[],\"y\":[1]}",
            // a set missing or null, an id that is not one, repeated, null, or text
            "{\"o\":1,\"b\":[2]}",
            "{\"o\":1,\"y\":[2]}",
            "{\"b\":[2],\"y\":[]}",
            "{\"o\":1,\"b\":null,\"y\":[]}",
            "{\"o\":0,\"b\":[],\"y\":[]}",
            "{\"o\":1,\"b\":[0],\"y\":[]}",
            "{\"o\":1,\"b\":[-2],\"y\":[]}",
            "{\"o\":1,\"b\":[2,2],\"y\":[]}",
            "{\"o\":1,\"b\":[null],\"y\":[]}",
            "{\"o\":1,\"b\":[\"2\"],\"y\":[]}",
            "{\"o\":1,\"b\":2,\"y\":[]}",
            // another value's shape, trailing text, not JSON
            "[2]",
            "true",
            "{\"o\":1,\"b\":[],\"y\":[]} {}",
            "not json"})
    @DisplayName("refuses a block list that is incomplete, malformed or impossible: a miss, read again")
    void refuses_bad_block_lists(String json) {
        assertThat(ValueCodec.decode(BLOCKS_KEY, json)).isEmpty();
    }
}
