package io.chatplatform.domain.conversation;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * The arithmetic of unread counts once messages can be deleted: a reader's unread messages are
 * those after their read marker that are still there for them, i.e. neither deleted for everyone
 * nor hidden by the reader.
 *
 * <p>Every message after a reader's marker is from the peer: sending moves the sender's own marker
 * to the sent message ({@link InboxEntry}). So {@link ReadPosition#unread} counts the peer's
 * messages after the marker, and a removal lowers it only when the removed message is one of
 * them. Editing a message never changes an unread count: an edited message stays read or unread
 * as it was, and an edit is not a new message.
 */
public final class UnreadCount {

    private UnreadCount() {
    }

    /**
     * Unread messages when the conversation is at {@code lastSeq}, the reader at
     * {@code lastReadSeq}, and {@code removedAfterRead} of the messages in between are deleted
     * for everyone or hidden by the reader.
     */
    public static long of(long lastSeq, long lastReadSeq, long removedAfterRead) {
        if (removedAfterRead < 0) {
            throw new IllegalArgumentException("removedAfterRead must not be negative, was " + removedAfterRead);
        }
        long after = ReadPosition.unread(lastSeq, lastReadSeq);
        if (removedAfterRead > after) {
            throw new IllegalArgumentException("removedAfterRead (" + removedAfterRead + ") cannot exceed the "
                    + after + " messages after the read marker");
        }
        return after - removedAfterRead;
    }

    /**
     * Whether removing the message at {@code seq}, sent by {@code sender}, from {@code reader}'s
     * history lowers the reader's unread count: it is after the reader's marker, it is not the
     * reader's own, and it was still there for the reader (not deleted for everyone, not hidden by
     * the reader already), so that a deletion repeated, or a deletion after a hiding, counts once.
     *
     * @param alreadyRemoved whether the message was deleted for everyone or hidden by the reader before
     */
    public static boolean lowersUnread(UserId reader, long lastReadSeq, UserId sender, long seq, boolean alreadyRemoved) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sender, "sender");
        if (lastReadSeq < 0 || seq < 1) {
            throw new IllegalArgumentException("positions out of range: lastReadSeq=" + lastReadSeq + ", seq=" + seq);
        }
        return seq > lastReadSeq && !sender.equals(reader) && !alreadyRemoved;
    }

    /**
     * {@code reader}'s unread count {@code unread} after the message at {@code seq}, sent by
     * {@code sender}, was deleted for everyone or hidden by the reader: one less when
     * {@link #lowersUnread} says so, otherwise unchanged.
     */
    public static long afterRemoval(long unread, UserId reader, long lastReadSeq, UserId sender, long seq,
                                    boolean alreadyRemoved) {
        if (unread < 0) {
            throw new IllegalArgumentException("unread must not be negative, was " + unread);
        }
        if (!lowersUnread(reader, lastReadSeq, sender, seq, alreadyRemoved)) {
            return unread;
        }
        if (unread == 0) {
            throw new IllegalArgumentException("message " + seq + " after the read marker " + lastReadSeq
                    + " was unread, so the unread count cannot be 0");
        }
        return unread - 1;
    }

    /**
     * The unread count {@code unread} after the reader's marker moved from {@code from} to
     * {@code to} by a mark-read (as {@link ReadPosition#advance} moves it), over
     * {@code removedBetween} removed messages that were not counted anyway. When the marker moves
     * because the reader sent a message, everything is read: the count is 0.
     *
     * @throws IllegalArgumentException when more messages would be read than were unread: the
     *                                  inputs do not describe one conversation
     */
    public static long afterRead(long unread, long from, long to, long removedBetween) {
        if (unread < 0 || from < 0 || to < from || removedBetween < 0 || removedBetween > to - from) {
            throw new IllegalArgumentException("out of range: unread=" + unread + ", from=" + from + ", to=" + to
                    + ", removedBetween=" + removedBetween);
        }
        long read = to - from - removedBetween;
        if (read > unread) {
            throw new IllegalArgumentException(read + " messages read, but only " + unread + " were unread");
        }
        return unread - read;
    }
}
