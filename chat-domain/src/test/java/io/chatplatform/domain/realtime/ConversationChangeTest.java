package io.chatplatform.domain.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the changes of a conversation's stream")
class ConversationChangeTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final UserId MALLORY = UserId.of(3);
    private static final ConversationId CONVERSATION = ConversationId.between(ALICE, BOB);
    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    private static final Message SENT = new Message(MessageId.of(10), CONVERSATION, 1, ALICE, BOB, MessageContent.of("hi"),
            AT, Optional.empty());
    private static final Message TOMBSTONE = SENT.deleted(AT.plusSeconds(5));
    private static final Message NOTE = new Message(MessageId.of(11), ConversationId.between(ALICE, ALICE), 1, ALICE, ALICE,
            MessageContent.of("note"), AT, Optional.empty());

    @Test
    @DisplayName("every change has a position of at least 1")
    void positions() {
        assertThat(ConversationChange.requirePosition(1)).isEqualTo(1);
        assertThatThrownBy(() -> ConversationChange.requirePosition(0)).hasMessageContaining("at least 1, was 0");
        assertThatThrownBy(() -> new MessageCreated(SENT, 0)).hasMessageContaining("position");
        assertThatThrownBy(() -> new MessageEdited(SENT, 0)).hasMessageContaining("position");
        assertThatThrownBy(() -> new MessageDeleted(TOMBSTONE, Optional.empty(), 0)).hasMessageContaining("position");
        assertThatThrownBy(() -> new ReactionUpdated(SENT, BOB, -1)).hasMessageContaining("position");
        assertThatThrownBy(() -> new ReadMarkerMoved(CONVERSATION, BOB, 1, 0)).hasMessageContaining("position");
        assertThatThrownBy(() -> new DeliveryMarkerMoved(CONVERSATION, BOB, 1, 0)).hasMessageContaining("position");
        assertThat(new MessageEdited(SENT, 7).position()).isEqualTo(7);
    }

    @Test
    @DisplayName("a new message and an edit go to both participants, a note to self to its writer")
    void created_and_edited() {
        Message edited = SENT.edited(MessageContent.of("hi!"), AT.plusSeconds(1));
        assertThat(new MessageEdited(edited, 2).audience()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(new MessageEdited(edited, 2).conversation()).isEqualTo(CONVERSATION);
        assertThat(new MessageEdited(edited, 2).type()).isEqualTo(LiveEventType.MESSAGE_UPDATED);
        assertThat(new MessageEdited(NOTE, 2).audience()).containsExactly(ALICE);
        assertThat(new MessageCreated(SENT, 1).type()).isEqualTo(LiveEventType.MESSAGE_CREATED);
        assertThatThrownBy(() -> new MessageEdited(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a deletion for everyone carries the tombstone and goes to both participants")
    void deleted_for_everyone() {
        MessageDeleted deleted = new MessageDeleted(TOMBSTONE, Optional.empty(), 3);
        assertThat(deleted.forEveryone()).isTrue();
        assertThat(deleted.audience()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(deleted.conversation()).isEqualTo(CONVERSATION);
        assertThat(deleted.type()).isEqualTo(LiveEventType.MESSAGE_DELETED);
        assertThatThrownBy(() -> new MessageDeleted(SENT, Optional.empty(), 3))
                .hasMessageContaining("a deletion for everyone carries the tombstone");
        assertThatThrownBy(() -> new MessageDeleted(TOMBSTONE, null, 3)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageDeleted(null, Optional.empty(), 3)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a deletion for me goes to the hider only, never to the other participant")
    void deleted_for_me() {
        MessageDeleted byBob = new MessageDeleted(SENT, Optional.of(BOB), 4);
        assertThat(byBob.forEveryone()).isFalse();
        assertThat(byBob.audience()).containsExactly(BOB);
        MessageDeleted byAlice = new MessageDeleted(SENT, Optional.of(ALICE), 5);
        assertThat(byAlice.audience()).containsExactly(ALICE);
        // a tombstone can be hidden too, still only for the hider
        assertThat(new MessageDeleted(TOMBSTONE, Optional.of(BOB), 6).audience()).containsExactly(BOB);
        assertThatThrownBy(() -> new MessageDeleted(SENT, Optional.of(MALLORY), 4))
                .hasMessageContaining("cannot hide message 10 of another conversation");
    }

    @Test
    @DisplayName("a reaction is by a participant and goes to both")
    void reaction() {
        Message reacted = SENT.withReactions(Reactions.none().with(BOB, Emoji.of("👍")));
        ReactionUpdated updated = new ReactionUpdated(reacted, BOB, 5);
        assertThat(updated.audience()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(updated.conversation()).isEqualTo(CONVERSATION);
        assertThat(updated.type()).isEqualTo(LiveEventType.REACTION_UPDATED);
        assertThat(new ReactionUpdated(NOTE, ALICE, 2).audience()).containsExactly(ALICE);
        assertThatThrownBy(() -> new ReactionUpdated(SENT, MALLORY, 5)).hasMessageContaining("cannot react to message 10");
        assertThatThrownBy(() -> new ReactionUpdated(SENT, null, 5)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a delivery marker is the recipient's, up to a message, and goes to both")
    void delivered() {
        DeliveryMarkerMoved delivered = new DeliveryMarkerMoved(CONVERSATION, BOB, 3, 9);
        assertThat(delivered.peer()).isEqualTo(ALICE);
        assertThat(delivered.audience()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(delivered.type()).isEqualTo(LiveEventType.MESSAGE_DELIVERED);
        assertThat(delivered.conversation()).isEqualTo(CONVERSATION);
        assertThatThrownBy(() -> new DeliveryMarkerMoved(CONVERSATION, MALLORY, 3, 9)).hasMessageContaining("not in conversation");
        assertThatThrownBy(() -> new DeliveryMarkerMoved(CONVERSATION, BOB, 0, 9)).hasMessageContaining("upToSeq must be at least 1");
        assertThatThrownBy(() -> new DeliveryMarkerMoved(null, BOB, 1, 9)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DeliveryMarkerMoved(CONVERSATION, null, 1, 9)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("the wire names of the live events are the protocol's, one per type")
    void wire_names() {
        assertThat(Arrays.stream(LiveEventType.values()).map(LiveEventType::wireName)).containsExactly(
                "message.created", "message.updated", "message.deleted", "reaction.updated", "message.read",
                "message.delivered", "typing", "presence", "session.revoked");
        assertThat(new MessageDeleted(SENT, Optional.of(BOB), 1).type().wireName()).isEqualTo("message.deleted");
        assertThat(new ReactionUpdated(SENT, BOB, 1).type().wireName()).isEqualTo("reaction.updated");
        assertThat(new MessageEdited(SENT, 1).type().wireName()).isEqualTo("message.updated");
        assertThat(new DeliveryMarkerMoved(CONVERSATION, BOB, 1, 1).type().wireName()).isEqualTo("message.delivered");
    }
}
