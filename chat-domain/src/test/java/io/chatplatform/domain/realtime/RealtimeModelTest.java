package io.chatplatform.domain.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.event.AccountErased;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.event.ContentErased;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.SessionsEnded;
import io.chatplatform.domain.session.SessionId;
import java.util.List;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RealtimeModelTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final ConversationId CONVERSATION = ConversationId.between(ALICE, BOB);
    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    private static Message message(long seq) {
        return new Message(MessageId.of(100 + seq), CONVERSATION, seq, ALICE, BOB, MessageContent.of("m" + seq), AT,
                Optional.empty());
    }

    @Test
    @DisplayName("each live event names who receives it")
    void audiences() {
        assertThat(new MessageCreated(message(1), 1).audience()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(new ReadMarkerMoved(CONVERSATION, BOB, 3, 4).audience()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(new ReadMarkerMoved(CONVERSATION, BOB, 3, 4).peer()).isEqualTo(ALICE);
        assertThat(new Typing(ALICE, BOB, AT).audience()).containsExactly(BOB);
        assertThat(new PresenceChanged(ALICE, true, Set.of(BOB)).audience()).containsExactly(BOB);
        Message note = new Message(MessageId.of(9), ConversationId.between(ALICE, ALICE), 1, ALICE, ALICE,
                MessageContent.of("note"), AT, Optional.empty());
        assertThat(new MessageCreated(note, 1).audience()).containsExactly(ALICE);
    }

    @Test
    @DisplayName("live events check what they are built from")
    void invariants() {
        assertThatThrownBy(() -> new ReadMarkerMoved(CONVERSATION, UserId.of(3), 1, 2)).hasMessageContaining("not in conversation");
        assertThatThrownBy(() -> new ReadMarkerMoved(CONVERSATION, BOB, -1, 2)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new ReadMarkerMoved(CONVERSATION, BOB, 1, 0)).hasMessageContaining("position");
        assertThatThrownBy(() -> new MessageCreated(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageCreated(message(1), 0)).hasMessageContaining("position must be at least 1");
        assertThatThrownBy(() -> new Typing(ALICE, null, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PresenceChanged(null, true, Set.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("sent messages, moved read markers and the other conversation changes go live, at their positions; other events do not")
    void from_domain_events() {
        assertThat(LiveEvents.of(new MessageSent(message(1), 3))).contains(new MessageCreated(message(1), 3));
        assertThat(LiveEvents.of(new MessagesRead(CONVERSATION, BOB, 4, 0, 6))).contains(new ReadMarkerMoved(CONVERSATION, BOB, 4, 6));
        var delivered = new DeliveryMarkerMoved(CONVERSATION, BOB, 4, 7);
        assertThat(LiveEvents.of(new ConversationChanged(delivered))).contains(delivered);
        var edited = new MessageEdited(message(1).edited(MessageContent.of("again"), AT), 8);
        assertThat(LiveEvents.of(new ConversationChanged(edited))).contains(edited);
        assertThat(LiveEvents.of(new ProfileChanged(ALICE))).isEmpty();
    }

    @Test
    @DisplayName("ended sessions go live as a revocation for their user's connections; blocks and erasures do not go live")
    void sessions_revoked() {
        Set<SessionId> ended = Set.of(SessionId.of(7), SessionId.of(8));
        SessionsRevoked revoked = new SessionsRevoked(ALICE, ended);

        assertThat(LiveEvents.of(new SessionsEnded(ALICE, ended))).contains(revoked);
        assertThat(revoked.audience()).containsExactly(ALICE);
        assertThat(revoked.type()).isEqualTo(LiveEventType.SESSION_REVOKED);
        assertThat(revoked.type().wireName()).isEqualTo("session.revoked");
        assertThatThrownBy(() -> new SessionsRevoked(null, ended)).isInstanceOf(NullPointerException.class);
        assertThat(LiveEvents.of(new BlockChanged(ALICE, BOB, true))).isEmpty();
        assertThat(LiveEvents.of(new AccountErased(ALICE))).isEmpty();
        assertThat(LiveEvents.of(new ContentErased(ALICE, CONVERSATION, List.of(MessageId.of(5))))).isEmpty();
    }

    @Test
    @DisplayName("a connection is given each message once, in order, and sees a gap when one is missing")
    void delivery_cursor() {
        DeliveryCursor cursor = new DeliveryCursor();
        assertThat(cursor.position(CONVERSATION)).isEmpty();
        assertThat(cursor.decide(CONVERSATION, 7)).isEqualTo(new DeliveryCursor.Deliver());
        cursor.delivered(CONVERSATION, 7);
        assertThat(cursor.decide(CONVERSATION, 8)).isEqualTo(new DeliveryCursor.Deliver());
        assertThat(cursor.decide(CONVERSATION, 7)).isEqualTo(new DeliveryCursor.AlreadyDelivered());
        assertThat(cursor.decide(CONVERSATION, 11)).isEqualTo(new DeliveryCursor.FillGap(8, 10));
        cursor.delivered(CONVERSATION, 11);
        cursor.delivered(CONVERSATION, 9);
        assertThat(cursor.position(CONVERSATION)).hasValue(11);
        assertThatThrownBy(() -> cursor.decide(CONVERSATION, 0)).hasMessageContaining("seq");
    }

    @Test
    @DisplayName("a message whose event overtook an older one's still lets the older one through, once")
    void late_events_below_a_blind_start() {
        DeliveryCursor cursor = new DeliveryCursor();
        // 7 and 6 were sent at the same moment; 7's event came first and started the run
        cursor.delivered(CONVERSATION, 7);
        assertThat(cursor.decide(CONVERSATION, 6)).isEqualTo(new DeliveryCursor.DeliverLate());
        cursor.delivered(CONVERSATION, 6);
        assertThat(cursor.decide(CONVERSATION, 6)).isEqualTo(new DeliveryCursor.AlreadyDelivered());
        assertThat(cursor.decide(CONVERSATION, 5)).isEqualTo(new DeliveryCursor.DeliverLate());
        assertThat(cursor.position(CONVERSATION)).hasValue(7);
        assertThat(cursor.missing(CONVERSATION, 2, 7)).containsExactly(new DeliveryCursor.Span(2, 5));

        // after a resume the client has said what it holds: nothing below is late any more
        cursor.replayed(CONVERSATION, 4, 7);
        assertThat(cursor.decide(CONVERSATION, 3)).isEqualTo(new DeliveryCursor.AlreadyDelivered());
        DeliveryCursor skipped = new DeliveryCursor();
        skipped.skipTo(CONVERSATION, 9);
        assertThat(skipped.decide(CONVERSATION, 8)).isEqualTo(new DeliveryCursor.AlreadyDelivered());
    }

    @Test
    @DisplayName("a resume replays what lies before and after what this connection delivered, never what it delivered")
    void resume_spans() {
        DeliveryCursor cursor = new DeliveryCursor();
        assertThat(cursor.missing(CONVERSATION, 5, 9)).containsExactly(new DeliveryCursor.Span(5, 9));
        assertThat(cursor.missing(CONVERSATION, 9, 9)).isEmpty();
        cursor.replayed(CONVERSATION, 5, 9);
        assertThat(cursor.decide(CONVERSATION, 10)).isEqualTo(new DeliveryCursor.Deliver());
        assertThat(cursor.decide(CONVERSATION, 6)).isEqualTo(new DeliveryCursor.AlreadyDelivered());
        // a second resume (after a resync) from an older position: only 3..5 and 10..12 are missing
        assertThat(cursor.missing(CONVERSATION, 2, 12)).containsExactly(new DeliveryCursor.Span(2, 5), new DeliveryCursor.Span(9, 12));
        cursor.replayed(CONVERSATION, 2, 12);
        assertThat(cursor.position(CONVERSATION)).hasValue(12);
        assertThat(cursor.missing(CONVERSATION, 2, 12)).isEmpty();
        assertThatThrownBy(() -> cursor.missing(CONVERSATION, -1, 3)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new DeliveryCursor.Span(3, 3)).hasMessageContaining("afterSeq < upToSeq");
    }

    @Test
    @DisplayName("skipping moves the start forward, never back, and the gap size is known")
    void skipping() {
        DeliveryCursor cursor = new DeliveryCursor();
        cursor.skipTo(CONVERSATION, 5);
        assertThat(cursor.decide(CONVERSATION, 6)).isEqualTo(new DeliveryCursor.Deliver());
        assertThat(cursor.decide(CONVERSATION, 5)).isEqualTo(new DeliveryCursor.AlreadyDelivered());
        cursor.delivered(CONVERSATION, 6);
        cursor.skipTo(CONVERSATION, 3);
        assertThat(cursor.position(CONVERSATION)).hasValue(6);
        assertThat(((DeliveryCursor.FillGap) cursor.decide(CONVERSATION, 10)).size()).isEqualTo(3);
        assertThatThrownBy(() -> cursor.skipTo(CONVERSATION, -1)).hasMessageContaining("negative");
    }

    @Test
    @DisplayName("typing indications are limited to a burst, refilled over time")
    void typing_throttle() {
        TypingThrottle throttle = new TypingThrottle(2, Duration.ofSeconds(1), AT);
        assertThat(throttle.tryAcquire(AT)).isTrue();
        assertThat(throttle.tryAcquire(AT)).isTrue();
        assertThat(throttle.tryAcquire(AT)).isFalse();
        assertThat(throttle.tryAcquire(AT.plusMillis(500))).isFalse();
        assertThat(throttle.tryAcquire(AT.plusMillis(1000))).isTrue();
        assertThat(throttle.tryAcquire(AT.plusSeconds(60))).isTrue();
        assertThat(throttle.tryAcquire(AT.plusSeconds(60))).isTrue();
        assertThat(throttle.tryAcquire(AT.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> new TypingThrottle(0, Duration.ofSeconds(1), AT)).hasMessageContaining("burst");
        assertThatThrownBy(() -> new TypingThrottle(1, Duration.ZERO, AT)).hasMessageContaining("interval");
    }
}
