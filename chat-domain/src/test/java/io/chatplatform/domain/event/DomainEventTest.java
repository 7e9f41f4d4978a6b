package io.chatplatform.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainEventTest {

    private static final ConversationId CONVERSATION = ConversationId.between(UserId.of(1), UserId.of(2));

    private static Message message() {
        return new Message(MessageId.of(5), CONVERSATION, 1, UserId.of(1), UserId.of(2), MessageContent.of("hi"),
                Instant.parse("2026-11-27T12:00:00Z"), Optional.empty());
    }

    @Test
    void only_a_participant_can_read_a_conversation() {
        assertThat(new MessagesRead(CONVERSATION, UserId.of(2), 5, 0, 7).reader()).isEqualTo(UserId.of(2));
        assertThatThrownBy(() -> new MessagesRead(CONVERSATION, UserId.of(3), 5, 0, 7)).hasMessageContaining("not in conversation");
        assertThatThrownBy(() -> new MessagesRead(CONVERSATION, UserId.of(1), -1, 0, 7)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new MessagesRead(CONVERSATION, UserId.of(1), 5, -1, 7)).hasMessageContaining("negative");
    }

    @Test
    void a_read_and_a_sent_message_have_a_position_in_the_change_stream() {
        assertThat(new MessagesRead(CONVERSATION, UserId.of(2), 5, 0, 1).position()).isEqualTo(1);
        assertThatThrownBy(() -> new MessagesRead(CONVERSATION, UserId.of(2), 5, 0, 0)).hasMessageContaining("position");
        assertThat(new MessageSent(message(), 1).position()).isEqualTo(1);
        assertThatThrownBy(() -> new MessageSent(message(), 0)).hasMessageContaining("position must be at least 1");
    }

    @Test
    void new_messages_and_read_markers_are_announced_by_their_own_events_not_as_a_conversation_change() {
        assertThatThrownBy(() -> new ConversationChanged(new MessageCreated(message(), 1)))
                .hasMessageContaining("message.created is announced by its own event");
        assertThatThrownBy(() -> new ConversationChanged(new ReadMarkerMoved(CONVERSATION, UserId.of(2), 1, 2)))
                .hasMessageContaining("message.read is announced by its own event");
        var delivered = new DeliveryMarkerMoved(CONVERSATION, UserId.of(2), 1, 2);
        assertThat(new ConversationChanged(delivered).change()).isEqualTo(delivered);
        assertThatThrownBy(() -> new ConversationChanged(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_events_of_sessions_blocks_and_erasures_check_what_they_are_built_from() {
        Set<SessionId> sessions = new HashSet<>(Set.of(SessionId.of(7)));
        SessionsEnded ended = new SessionsEnded(UserId.of(1), sessions);
        sessions.add(SessionId.of(8));
        assertThat(ended.sessions()).containsExactly(SessionId.of(7));
        assertThatThrownBy(() -> new SessionsEnded(UserId.of(1), Set.of())).hasMessageContaining("at least one session");
        assertThatThrownBy(() -> new SessionsEnded(null, Set.of(SessionId.of(7)))).isInstanceOf(NullPointerException.class);
        assertThat(new BlockChanged(UserId.of(1), UserId.of(2), true).nowBlocked()).isTrue();
        assertThatThrownBy(() -> new BlockChanged(UserId.of(1), UserId.of(1), true)).hasMessageContaining("themself");
        assertThatThrownBy(() -> new BlockChanged(null, UserId.of(1), true)).isInstanceOf(NullPointerException.class);
        assertThat(new AccountErased(UserId.of(1)).user()).isEqualTo(UserId.of(1));
        assertThatThrownBy(() -> new AccountErased(null)).isInstanceOf(NullPointerException.class);
        assertThat(new ContentErased(UserId.of(1), CONVERSATION, List.of()).messages()).isEmpty();
        assertThatThrownBy(() -> new ContentErased(UserId.of(3), CONVERSATION, List.of(MessageId.of(5))))
                .hasMessageContaining("is not in conversation");
        assertThatThrownBy(() -> new ContentErased(UserId.of(1), null, List.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void events_name_what_they_are_about() {
        assertThat(new ProfileChanged(UserId.of(1)).userId()).isEqualTo(UserId.of(1));
        assertThat(new UserRegistered(UserId.of(1), Username.of("bob")).username()).isEqualTo(Username.of("bob"));
        assertThatThrownBy(() -> new MessageSent(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
