package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.Message;
import java.time.Instant;

/** A message as sent and as listed; {@code content} is exactly what was sent. */
public record MessageView(long id, long senderId, long recipientId, String content, Instant createdAt, long seq,
                          @Nullable String clientMessageId) {

    public static MessageView of(Message message) {
        return new MessageView(message.id().value(), message.senderId().value(), message.recipientId().value(),
                message.content().value(), message.createdAt(), message.seq(),
                message.clientMessageId().map(ClientMessageId::value).orElse(null));
    }

    @Override
    public String toString() {
        return "MessageView[id=" + id + ", seq=" + seq + "]";
    }
}
