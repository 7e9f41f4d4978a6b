package io.chatplatform.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import org.junit.jupiter.api.Test;

class DomainEventTest {

    @Test
    void only_a_participant_can_read_a_conversation() {
        ConversationId conversation = ConversationId.between(UserId.of(1), UserId.of(2));
        assertThat(new MessagesRead(conversation, UserId.of(2), 5, 0).reader()).isEqualTo(UserId.of(2));
        assertThatThrownBy(() -> new MessagesRead(conversation, UserId.of(3), 5, 0)).hasMessageContaining("not in conversation");
        assertThatThrownBy(() -> new MessagesRead(conversation, UserId.of(1), -1, 0)).hasMessageContaining("negative");
    }

    @Test
    void events_name_what_they_are_about() {
        assertThat(new ProfileChanged(UserId.of(1)).userId()).isEqualTo(UserId.of(1));
        assertThat(new UserRegistered(UserId.of(1), Username.of("bob")).username()).isEqualTo(Username.of("bob"));
        assertThatThrownBy(() -> new MessageSent(null)).isInstanceOf(NullPointerException.class);
    }
}
