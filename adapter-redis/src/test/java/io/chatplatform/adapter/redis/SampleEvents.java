package io.chatplatform.adapter.redis;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.SessionsRevoked;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.session.SessionId;
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

    /** A family: four people joined by ZERO WIDTH JOINERs, seven code points, eleven UTF-16 units. */
    static final Emoji FAMILY = Emoji.of("\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66");
    /** Thumbs up with a medium skin tone. */
    static final Emoji THUMBS_UP_MEDIUM = Emoji.of("\uD83D\uDC4D\uD83C\uDFFD");
    /** The flag of the United States: two regional indicators. */
    static final Emoji FLAG = Emoji.of("\uD83C\uDDFA\uD83C\uDDF8");
    /** Keycap one: an ASCII digit, U+FE0F, U+20E3. */
    static final Emoji KEYCAP_ONE = Emoji.of("1\uFE0F\u20E3");
    /** The flag of Scotland: a black flag, tag characters, a cancel tag. */
    static final Emoji SCOTLAND = Emoji.of("\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F");
    /** A heart as a keyboard that sends its text form writes it; the domain keeps it with U+FE0F. */
    static final Emoji HEART = Emoji.of("\u2764");

    private SampleEvents() {
    }

    static Message message(long id, UserId from, UserId to, long seq, String text, Optional<ClientMessageId> clientId) {
        return new Message(MessageId.of(id), ConversationId.between(from, to), seq, from, to, MessageContent.of(text),
                AT.plusMillis(seq), clientId);
    }

    /** Every emoji above on one message, by one or both users, in the order of first use. */
    static Reactions trickyReactions() {
        return Reactions.none()
                .with(BOB, FAMILY)
                .with(ALICE, THUMBS_UP_MEDIUM)
                .with(BOB, THUMBS_UP_MEDIUM)
                .with(ALICE, FLAG)
                .with(BOB, KEYCAP_ONE)
                .with(ALICE, SCOTLAND)
                .with(ALICE, HEART);
    }

    static MessageCreated created() {
        return new MessageCreated(message(901, ALICE, BOB, 12, AWKWARD, Optional.of(ClientMessageId.of("c-1 ✓"))), 30);
    }

    static MessageCreated createdWithoutClientId() {
        return new MessageCreated(message(902, BOB, ALICE, 13, "x".repeat(MessageContent.MAX_LENGTH), Optional.empty()), 31);
    }

    static MessageCreated noteToSelf() {
        return new MessageCreated(message(903, CAROL, CAROL, 1, "notes", Optional.empty()), 1);
    }

    /** A reply, at a position far beyond its seq. */
    static MessageCreated reply() {
        return new MessageCreated(message(904, BOB, ALICE, 14, "re: " + AWKWARD, Optional.empty())
                .replyingTo(Optional.of(MessageId.of(901))), Long.MAX_VALUE);
    }

    /** An edited reply with reactions. */
    static MessageEdited edited() {
        Message message = message(901, ALICE, BOB, 12, AWKWARD, Optional.of(ClientMessageId.of("c-1 ✓")))
                .replyingTo(Optional.of(MessageId.of(900)))
                .edited(MessageContent.of("edited: " + AWKWARD), AT.plusSeconds(60).plusNanos(1))
                .withReactions(Reactions.none().with(BOB, FAMILY));
        return new MessageEdited(message, 32);
    }

    /** A tombstone: no content, no edit time, no reactions, its reply kept. */
    static MessageDeleted deletedForEveryone() {
        Message tombstone = message(901, ALICE, BOB, 12, AWKWARD, Optional.of(ClientMessageId.of("c-1 ✓")))
                .replyingTo(Optional.of(MessageId.of(900)))
                .edited(MessageContent.of("edited"), AT.plusSeconds(60))
                .withReactions(trickyReactions())
                .deleted(AT.plusSeconds(120).plusNanos(7));
        return new MessageDeleted(tombstone, Optional.empty(), 33);
    }

    /** Bob hides Alice's message from his own history: only he is told, and the message itself is unchanged. */
    static MessageDeleted hidden() {
        return new MessageDeleted(message(905, ALICE, BOB, 15, "hide me", Optional.empty()), Optional.of(BOB), 34);
    }

    static ReactionUpdated reaction() {
        return new ReactionUpdated(message(906, ALICE, BOB, 16, "react to me", Optional.empty())
                .withReactions(trickyReactions()), BOB, 35);
    }

    /** The last reaction was taken back: the message carries none. */
    static ReactionUpdated reactionTakenBack() {
        return new ReactionUpdated(message(907, BOB, ALICE, 17, "no more", Optional.empty()), ALICE, 36);
    }

    static ReadMarkerMoved read() {
        return new ReadMarkerMoved(ConversationId.between(ALICE, BOB), BOB, 12, 37);
    }

    static DeliveryMarkerMoved delivered() {
        return new DeliveryMarkerMoved(ConversationId.between(ALICE, BOB), ALICE, 17, 38);
    }

    static DeliveryMarkerMoved deliveredToSelf() {
        return new DeliveryMarkerMoved(ConversationId.between(CAROL, CAROL), CAROL, 1, 2);
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

    /** Alice logged out everywhere else: two of her sessions ended, one with the largest id. */
    static SessionsRevoked revoked() {
        return new SessionsRevoked(ALICE, Set.of(SessionId.of((1L << 53) - 1), SessionId.of(3)));
    }

    /** One session of Bob's ended (he logged out of it). */
    static SessionsRevoked oneRevoked() {
        return new SessionsRevoked(BOB, Set.of(SessionId.of(8)));
    }

    /** One of each kind, and the edge cases. */
    static List<LiveEvent> all() {
        return List.of(created(), createdWithoutClientId(), noteToSelf(), reply(), edited(), deletedForEveryone(), hidden(),
                reaction(), reactionTakenBack(), read(), delivered(), deliveredToSelf(), typing(), offline(),
                onlineToNobody(), revoked(), oneRevoked());
    }
}
