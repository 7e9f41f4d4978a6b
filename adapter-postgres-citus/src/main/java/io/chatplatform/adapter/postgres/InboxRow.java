package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;

/** A row of {@code user_conversations} as the conversation list reads it. */
record InboxRow(long userId, long peerId, String peerUsername, long lastSeq, long lastReadSeq, long lastMessageId,
                Instant lastMessageAt, String lastMessagePreview) {

    InboxEntry toDomain() {
        return new InboxEntry(UserId.of(userId), UserId.of(peerId), Username.of(peerUsername), lastSeq, lastReadSeq,
                MessageId.of(lastMessageId), lastMessageAt, lastMessagePreview);
    }
}
