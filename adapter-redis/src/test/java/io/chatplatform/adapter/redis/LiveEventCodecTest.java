package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.LiveEventType;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.SessionsRevoked;
import io.chatplatform.domain.session.SessionId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("LiveEventCodec")
class LiveEventCodecTest {

    static List<LiveEvent> events() {
        return SampleEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    @DisplayName("every kind of event comes back equal, with its audience")
    void round_trip(LiveEvent event) {
        LiveEvent back = LiveEventCodec.decode(LiveEventCodec.encode(event)).orElseThrow();

        assertThat(back).isEqualTo(event);
        assertThat(back.audience()).isEqualTo(event.audience());
    }

    @Test
    @DisplayName("keeps a message's text byte for byte and its time to the nanosecond")
    void exact_message() {
        MessageCreated created = SampleEvents.created();

        MessageCreated back = (MessageCreated) LiveEventCodec.decode(LiveEventCodec.encode(created)).orElseThrow();

        assertThat(back.message().content().orElseThrow().value()).isEqualTo(SampleEvents.AWKWARD);
        assertThat(back.message().createdAt()).isEqualTo(created.message().createdAt());
        assertThat(back.message().clientMessageId()).isEqualTo(created.message().clientMessageId());
    }

    @Test
    @DisplayName("writes compact JSON: a kind, one-letter fields, the cache's message shape")
    void compact_json() {
        assertThat(LiveEventCodec.encode(SampleEvents.read()))
                .isEqualTo("{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12,\"p\":37}");
        assertThat(LiveEventCodec.encode(SampleEvents.delivered()))
                .isEqualTo("{\"k\":\"delivered\",\"c\":\"7:42\",\"r\":7,\"q\":17,\"p\":38}");
        assertThat(LiveEventCodec.encode(SampleEvents.typing()))
                .isEqualTo("{\"k\":\"typing\",\"f\":7,\"t\":42,\"u\":\"2026-11-27T12:34:56.789123456Z\"}");
        assertThat(LiveEventCodec.encode(new PresenceChanged(SampleEvents.ALICE, false, Set.of(SampleEvents.CAROL, SampleEvents.BOB))))
                .isEqualTo("{\"k\":\"presence\",\"u\":7,\"o\":false,\"w\":[42,9007199254740991]}");
        assertThat(LiveEventCodec.encode(SampleEvents.noteToSelf())).isEqualTo(
                "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":1,\"f\":9007199254740991,\"t\":9007199254740991,\"b\":\"notes\","
                        + "\"at\":1795782896790123456},\"p\":1}");
        assertThat(LiveEventCodec.encode(SampleEvents.hidden())).isEqualTo(
                "{\"k\":\"deleted\",\"m\":{\"i\":905,\"q\":15,\"f\":7,\"t\":42,\"b\":\"hide me\",\"at\":1795782896804123456},"
                        + "\"o\":42,\"p\":34}");
        assertThat(LiveEventCodec.encode(SampleEvents.deletedForEveryone())).isEqualTo(
                "{\"k\":\"deleted\",\"m\":{\"i\":901,\"q\":12,\"f\":7,\"t\":42,\"at\":1795782896801123456,\"k\":\"c-1 ✓\","
                        + "\"r\":900,\"d\":1795783016789123463},\"p\":33}");
        assertThat(LiveEventCodec.encode(SampleEvents.reactionTakenBack())).isEqualTo(
                "{\"k\":\"reaction\",\"m\":{\"i\":907,\"q\":17,\"f\":42,\"t\":7,\"b\":\"no more\",\"at\":1795782896806123456},"
                        + "\"u\":7,\"p\":36}");
        assertThat(LiveEventCodec.encode(SampleEvents.revoked()))
                .isEqualTo("{\"k\":\"revoked\",\"u\":7,\"s\":[3,9007199254740991]}");
    }

    @Test
    @DisplayName("a revocation comes back with its user as the only audience and every session")
    void revoked_sessions() {
        SessionsRevoked back = (SessionsRevoked) LiveEventCodec.decode(LiveEventCodec.encode(SampleEvents.revoked())).orElseThrow();

        assertThat(back.type()).isEqualTo(LiveEventType.SESSION_REVOKED);
        assertThat(back.audience()).containsExactly(SampleEvents.ALICE);
        assertThat(back.sessions()).containsExactlyInAnyOrder(SessionId.of(3), SessionId.of((1L << 53) - 1));
        assertThat(LiveEventCodec.decode("{\"k\":\"revoked\",\"u\":42,\"s\":[8,8]}")).contains(SampleEvents.oneRevoked());
    }

    @Test
    @DisplayName("keeps every emoji of a reaction code point for code point: ZWJ family, skin tone, flags, keycap, text-style heart")
    void exact_emoji() {
        ReactionUpdated reaction = SampleEvents.reaction();
        String json = LiveEventCodec.encode(reaction);

        ReactionUpdated back = (ReactionUpdated) LiveEventCodec.decode(json).orElseThrow();

        assertThat(back.message().reactions()).isEqualTo(SampleEvents.trickyReactions());
        assertThat(back.message().reactions().entries()).extracting(entry -> entry.emoji().value()).containsExactly(
                SampleEvents.FAMILY.value(), SampleEvents.THUMBS_UP_MEDIUM.value(), SampleEvents.FLAG.value(),
                SampleEvents.KEYCAP_ONE.value(), SampleEvents.SCOTLAND.value(), "\u2764\uFE0F");
        assertThat(back.message().reactions().of(SampleEvents.THUMBS_UP_MEDIUM).orElseThrow().userIds())
                .containsExactly(SampleEvents.ALICE, SampleEvents.BOB);
        assertThat(back.reactor()).isEqualTo(SampleEvents.BOB);
        assertThat(json).contains("{\"e\":\"" + SampleEvents.FAMILY.value() + "\",\"u\":[42]}");
    }

    @Test
    @DisplayName("a tombstone comes back without content, edit time or reactions, with its deletion time and reply")
    void tombstone() {
        MessageDeleted deleted = SampleEvents.deletedForEveryone();

        MessageDeleted back = (MessageDeleted) LiveEventCodec.decode(LiveEventCodec.encode(deleted)).orElseThrow();

        assertThat(back.forEveryone()).isTrue();
        assertThat(back.message().content()).isEmpty();
        assertThat(back.message().editedAt()).isEmpty();
        assertThat(back.message().reactions().isEmpty()).isTrue();
        assertThat(back.message().deletedAt()).contains(SampleEvents.AT.plusSeconds(120).plusNanos(7));
        assertThat(back.message().replyTo()).contains(MessageId.of(900));
        assertThat(back.position()).isEqualTo(33);
        assertThat(back.audience()).containsExactlyInAnyOrder(SampleEvents.ALICE, SampleEvents.BOB);
    }

    @Test
    @DisplayName("a deletion for me stays for the hider only")
    void hidden_for_one() {
        MessageDeleted back = (MessageDeleted) LiveEventCodec.decode(LiveEventCodec.encode(SampleEvents.hidden())).orElseThrow();

        assertThat(back.onlyFor()).contains(SampleEvents.BOB);
        assertThat(back.audience()).containsExactly(SampleEvents.BOB);
        assertThat(back.message().content()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    @DisplayName("every change keeps its position in the conversation's stream")
    void keeps_positions(LiveEvent event) {
        LiveEvent back = LiveEventCodec.decode(LiveEventCodec.encode(event)).orElseThrow();

        if (event instanceof ConversationChange change) {
            assertThat(((ConversationChange) back).position()).isEqualTo(change.position());
            assertThat(((ConversationChange) back).conversation()).isEqualTo(change.conversation());
        } else {
            assertThat(back).isNotInstanceOf(ConversationChange.class);
        }
    }

    @Test
    @DisplayName("ignores fields it does not know, so a newer version may add some")
    void unknown_fields() {
        assertThat(LiveEventCodec.decode("{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12,\"p\":37,\"x\":[1]}"))
                .contains(SampleEvents.read());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"k\":\"pinned\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000},\"p\":3}",
            "{\"k\":\"reaction\",\"u\":7}",
            "{\"c\":\"7:42\",\"r\":42,\"q\":12,\"p\":37}",
            "{\"k\":\"read\",\"c\":\"42:7\",\"r\":42,\"q\":12,\"p\":37}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":99,\"q\":12,\"p\":37}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":-1,\"p\":37}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"p\":37}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12,\"p\":0}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12,\"p\":\"37\"}",
            "{\"k\":\"delivered\",\"c\":\"7:42\",\"r\":7,\"q\":0,\"p\":38}",
            "{\"k\":\"delivered\",\"c\":\"7:42\",\"r\":99,\"q\":17,\"p\":38}",
            "{\"k\":\"delivered\",\"c\":\"7:42\",\"r\":7,\"q\":17}",
            "{\"k\":\"typing\",\"f\":7,\"t\":42,\"u\":\"soon\"}",
            "{\"k\":\"typing\",\"f\":0,\"t\":42,\"u\":\"2026-11-27T12:34:56Z\"}",
            "{\"k\":\"presence\",\"u\":7,\"o\":\"false\",\"w\":[]}",
            "{\"k\":\"presence\",\"u\":7,\"o\":false,\"w\":[null]}",
            "{\"k\":\"presence\",\"u\":7,\"o\":false}",
            "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":0,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000},\"p\":3}",
            "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\" \",\"at\":1795782896000000000},\"p\":3}",
            "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"at\":1795782896000000000},\"p\":3}",
            "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000,\"r\":903},\"p\":3}",
            "{\"k\":\"message\",\"p\":3}",
            "{\"k\":\"edited\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000}}",
            "{\"k\":\"deleted\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000},\"p\":3}",
            "{\"k\":\"deleted\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000,\"d\":1},\"p\":3}",
            "{\"k\":\"deleted\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"at\":1795782896000000000,\"d\":1,\"e\":1},\"p\":3}",
            "{\"k\":\"deleted\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000},\"o\":3,\"p\":3}",
            "{\"k\":\"reaction\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000},\"u\":3,\"p\":3}",
            "{\"k\":\"reaction\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000,"
                    + "\"x\":[{\"e\":\"a\",\"u\":[1]}]},\"u\":1,\"p\":3}",
            "{\"k\":\"reaction\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000,"
                    + "\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[2,1]}]},\"u\":1,\"p\":3}",
            "{\"k\":\"reaction\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000,"
                    + "\"x\":[{\"e\":\"\uD83D\uDC4D\",\"u\":[]}]},\"u\":1,\"p\":3}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12,\"p\":37} {}",
            "{\"k\":\"revoked\",\"u\":7}",
            "{\"k\":\"revoked\",\"s\":[3]}",
            "{\"k\":\"revoked\",\"u\":0,\"s\":[3]}",
            "{\"k\":\"revoked\",\"u\":7,\"s\":[0]}",
            "{\"k\":\"revoked\",\"u\":7,\"s\":[null]}",
            "{\"k\":\"revoked\",\"u\":7,\"s\":[\"3\"]}",
            "{\"k\":\"revoked\",\"u\":7,\"s\":3}",
            "{\"k\":\"revoked\",\"u\":7,\"s\":null}",
            "[]",
            "null",
            "not json"})
    @DisplayName("refuses a payload that is malformed, incomplete, invalid for the domain or of an unknown kind")
    void refuses_bad_payloads(String json) {
        assertThat(LiveEventCodec.decode(json)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"k\":\"message\",\"m\":{\"i\":901,\"q\":12,\"f\":7,\"t\":42,\"b\":\"hi\",\"at\":1795780800123000000,\"k\":\"c-1\"}}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12}"})
    @DisplayName("refuses a change from the previous version, which carried no position, rather than place it in the stream by guess")
    void refuses_changes_without_position(String previousVersion) {
        assertThat(LiveEventCodec.decode(previousVersion)).isEmpty();
    }
}
