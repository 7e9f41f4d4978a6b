package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.conversation.InboxEntry;
import java.time.Instant;

/**
 * One line of the caller's conversation list. {@code last_message_preview} is null when the last
 * message was deleted for everyone (or hidden by the caller); the two peer markers are the seqs up
 * to which the peer's devices received and read the conversation (the sender's ticks);
 * {@code peer_deleted} says that the peer's account was deleted ({@code username} is then
 * {@code deleted_user}); {@code last_change_seq} is the position in the conversation's change
 * stream this line reflects, from which a client that loaded the list resumes its WebSocket
 * ({@code change_positions}) and so misses nothing that happened since.
 */
public record ConversationView(long userId, String username, long unreadCount, long lastMessageId,
                               Instant lastMessageAt, @Nullable String lastMessagePreview,
                               long peerDeliveredUpToSeq, long peerReadUpToSeq, boolean peerDeleted,
                               long lastChangeSeq) {

    public static ConversationView of(InboxEntry entry) {
        return new ConversationView(entry.peer().value(), entry.peerUsername().value(), entry.unreadCount(),
                entry.lastMessageId().value(), entry.lastMessageAt(), entry.lastMessagePreview().orElse(null),
                entry.peerDeliveredSeq(), entry.peerReadSeq(), entry.peerDeleted(), entry.lastPosition());
    }

    @Override
    public String toString() {
        return "ConversationView[userId=" + userId + ", unreadCount=" + unreadCount + "]";
    }
}
