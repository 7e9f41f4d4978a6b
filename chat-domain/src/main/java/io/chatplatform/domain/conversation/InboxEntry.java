package io.chatplatform.domain.conversation;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a user's conversation list: whom they talk to, how far the conversation has got
 * and how far the owner has read.
 *
 * <p>The unread count is arithmetic on two positions, never a count of rows: the conversation's
 * last {@code seq} minus the owner's last read {@code seq}. Sending marks everything up to the
 * sent message read for its sender, as in most chat apps: whoever replies has seen the
 * conversation.
 *
 * @param owner            whose list this line belongs to
 * @param peer             the other participant (the owner themself in notes to self)
 * @param peerUsername     the peer's username, copied here because it never changes
 * @param lastSeq          the seq of the newest message in the conversation
 * @param lastReadSeq      the seq up to which the owner has read, at most {@code lastSeq}
 * @param lastMessageId    the newest message
 * @param lastMessageAt    when the newest message was sent
 * @param lastMessagePreview the start of the newest message's text
 */
public record InboxEntry(UserId owner, UserId peer, Username peerUsername, long lastSeq, long lastReadSeq,
                         MessageId lastMessageId, Instant lastMessageAt, String lastMessagePreview) {

    /** How many characters of the newest message a conversation list shows. */
    public static final int PREVIEW_LENGTH = 100;

    public InboxEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerUsername, "peerUsername");
        Objects.requireNonNull(lastMessageId, "lastMessageId");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        Objects.requireNonNull(lastMessagePreview, "lastMessagePreview");
        if (lastSeq < 1) {
            throw new IllegalArgumentException("lastSeq must be at least 1, was " + lastSeq);
        }
        if (lastReadSeq < 0 || lastReadSeq > lastSeq) {
            throw new IllegalArgumentException("lastReadSeq must be between 0 and lastSeq (" + lastSeq + "), was " + lastReadSeq);
        }
    }

    /** The conversation this line stands for. */
    public ConversationId conversationId() {
        return ConversationId.between(owner, peer);
    }

    /** Messages the owner has not read yet. */
    public long unreadCount() {
        return ReadPosition.unread(lastSeq, lastReadSeq);
    }
}
