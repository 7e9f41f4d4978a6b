package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code messages} as Jdbi reads it. */
record MessageRow(String conversationId, long id, long seq, long senderId, long recipientId, String content,
                  String clientMessageId, Instant createdAt) {

    Message toDomain() {
        return new Message(MessageId.of(id), new ConversationId(conversationId), seq, UserId.of(senderId),
                UserId.of(recipientId), MessageContent.of(content), createdAt,
                Optional.ofNullable(clientMessageId).map(ClientMessageId::of));
    }
}
