package io.chatplatform.adapter.redis;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One live event of every kind, with the awkward values a round trip must keep. */
final class SampleEvents {

    static final UserId ALICE = UserId.of(7);
    static final UserId BOB = UserId.of(42);
    static final UserId CAROL = UserId.of((1L << 53) - 1);
    static final Instant AT = Instant.parse("2026-11-27T12:34:56.789123456Z");
    /** Everything a text may hold: quotes, escapes, emoji, control-like characters, JSON and SQL look-alikes. */
    static final String AWKWARD = "héllo 😀 'q' \"dq\" <b>x</b> {\"k\":\"typing\"} ; DROP TABLE x; -- \\ %_ \n\ttab \u2028 end";

    private SampleEvents() {
    }

    static Message message(long id, UserId from, UserId to, long seq, String text, Optional<ClientMessageId> clientId) {
        return new Message(MessageId.of(id), ConversationId.between(from, to), seq, from, to, MessageContent.of(text),
                AT.plusMillis(seq), clientId);
    }

    static MessageCreated created() {
        return new MessageCreated(message(901, ALICE, BOB, 12, AWKWARD, Optional.of(ClientMessageId.of("c-1 ✓"))));
    }

    static MessageCreated createdWithoutClientId() {
        return new MessageCreated(message(902, BOB, ALICE, 13, "x".repeat(MessageContent.MAX_LENGTH), Optional.empty()));
    }

    static MessageCreated noteToSelf() {
        return new MessageCreated(message(903, CAROL, CAROL, 1, "notes", Optional.empty()));
    }

    static ReadMarkerMoved read() {
        return new ReadMarkerMoved(ConversationId.between(ALICE, BOB), BOB, 12);
    }

    static Typing typing() {
        return new Typing(ALICE, BOB, AT);
    }

    static PresenceChanged offline() {
        return new PresenceChanged(ALICE, false, Set.of(BOB, CAROL));
    }

    static PresenceChanged onlineToNobody() {
        return new PresenceChanged(BOB, true, Set.of());
    }

    /** One of each kind, and the edge cases. */
    static List<LiveEvent> all() {
        return List.of(created(), createdWithoutClientId(), noteToSelf(), read(), typing(), offline(), onlineToNobody());
    }
}
