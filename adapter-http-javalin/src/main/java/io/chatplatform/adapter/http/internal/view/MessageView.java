package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import java.time.Instant;
import java.util.List;

/**
 * A message as sent and as listed; {@code content} is exactly what was sent (or last edited to),
 * and null once its sender deleted it for everyone: the tombstone keeps its id, seq, sender,
 * recipient, time and what it replied to. The members after {@code client_message_id} came with
 * messages that can change; old clients ignore them.
 */
public record MessageView(long id, long senderId, long recipientId, @Nullable String content, Instant createdAt,
                          long seq, @Nullable String clientMessageId, @Nullable Long replyToMessageId,
                          @Nullable Instant editedAt, @Nullable Instant deletedAt, List<ReactionView> reactions) {

    public static MessageView of(Message message) {
        return new MessageView(message.id().value(), message.senderId().value(), message.recipientId().value(),
                message.content().map(MessageContent::value).orElse(null), message.createdAt(), message.seq(),
                message.clientMessageId().map(ClientMessageId::value).orElse(null),
                message.replyTo().map(MessageId::value).orElse(null),
                message.editedAt().orElse(null), message.deletedAt().orElse(null),
                ReactionView.of(message.reactions()));
    }

    @Override
    public String toString() {
        return "MessageView[id=" + id + ", seq=" + seq + "]";
    }
}
