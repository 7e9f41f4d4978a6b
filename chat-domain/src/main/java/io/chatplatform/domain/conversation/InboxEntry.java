package io.chatplatform.domain.conversation;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a user's conversation list: whom they talk to, how far the conversation has got
 * and how far the owner and the peer have read.
 *
 * <p>The unread count is arithmetic on positions, never a count of rows ({@link UnreadCount}):
 * the conversation's last {@code seq} minus the owner's last read {@code seq}, minus the messages
 * after the marker that were removed for the owner (deleted for everyone, or hidden by the owner).
 * Sending marks everything up to the sent message read for its sender, as in most chat apps:
 * whoever replies has seen the conversation.
 *
 * @param owner              whose list this line belongs to
 * @param peer               the other participant (the owner themself in notes to self)
 * @param peerUsername       the peer's username, copied here because it never changes; {@link Username#DELETED}
 *                           once the peer's account was deleted
 * @param lastSeq            the seq of the newest message in the conversation
 * @param lastReadSeq        the seq up to which the owner has read, at most {@code lastSeq}
 * @param removedUnread      how many messages after {@code lastReadSeq} were removed for the owner
 * @param lastMessageId      the newest message
 * @param lastMessageAt      when the newest message was sent
 * @param lastMessagePreview the start of the newest message's text as it stands; empty once it
 *                           was deleted for everyone or hidden by the owner
 * @param lastPosition       the newest position of the conversation's change stream the owner can see
 * @param peerReadSeq        the seq up to which the peer has read
 * @param peerDeliveredSeq   the seq up to which some session of the peer received the messages
 */
public record InboxEntry(UserId owner, UserId peer, Username peerUsername, long lastSeq, long lastReadSeq,
                         long removedUnread, MessageId lastMessageId, Instant lastMessageAt,
                         Optional<String> lastMessagePreview, long lastPosition, long peerReadSeq,
                         long peerDeliveredSeq) {

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
        if (removedUnread < 0 || removedUnread > lastSeq - lastReadSeq) {
            throw new IllegalArgumentException("removedUnread must be between 0 and the " + (lastSeq - lastReadSeq)
                    + " messages after the read marker, was " + removedUnread);
        }
        if (lastPosition < lastSeq) {
            throw new IllegalArgumentException("every message is a change: lastPosition (" + lastPosition
                    + ") cannot be below lastSeq (" + lastSeq + ")");
        }
        if (peerReadSeq < 0 || peerDeliveredSeq < 0 || peerReadSeq > lastSeq || peerDeliveredSeq > lastSeq) {
            throw new IllegalArgumentException("the peer's markers must be between 0 and lastSeq (" + lastSeq
                    + "), were read " + peerReadSeq + " and delivered " + peerDeliveredSeq);
        }
    }

    /** A line as a first message makes it: nothing removed, the peer's markers at 0, the position at the message's. */
    public InboxEntry(UserId owner, UserId peer, Username peerUsername, long lastSeq, long lastReadSeq,
                      MessageId lastMessageId, Instant lastMessageAt, String lastMessagePreview) {
        this(owner, peer, peerUsername, lastSeq, lastReadSeq, 0, lastMessageId, lastMessageAt,
                Optional.of(lastMessagePreview), lastSeq, 0, 0);
    }

    /** The conversation this line stands for. */
    public ConversationId conversationId() {
        return ConversationId.between(owner, peer);
    }

    /** Messages the owner has not read yet. */
    public long unreadCount() {
        return UnreadCount.of(lastSeq, lastReadSeq, removedUnread);
    }

    /** Whether the peer's account was deleted (the conversation and its tombstones remain). */
    public boolean peerDeleted() {
        return peerUsername.equals(Username.DELETED);
    }
}
