package io.chatplatform.domain.conversation;

/** The arithmetic of read markers. A read marker only moves forward. */
public final class ReadPosition {

    private ReadPosition() {
    }

    /** Unread messages when the conversation is at {@code lastSeq} and the reader at {@code lastReadSeq}. */
    public static long unread(long lastSeq, long lastReadSeq) {
        if (lastSeq < 0 || lastReadSeq < 0) {
            throw new IllegalArgumentException("positions must not be negative: lastSeq=" + lastSeq + ", lastReadSeq=" + lastReadSeq);
        }
        return Math.max(0, lastSeq - lastReadSeq);
    }

    /**
     * Where a read marker stands after a reader marks {@code requested} as read: it never moves
     * back (a late, older mark-read must not resurrect unread messages) and never passes the
     * newest message.
     */
    public static long advance(long current, long requested, long lastSeq) {
        if (current < 0 || requested < 0 || lastSeq < 0) {
            throw new IllegalArgumentException("positions must not be negative: current=" + current
                    + ", requested=" + requested + ", lastSeq=" + lastSeq);
        }
        return Math.min(lastSeq, Math.max(current, requested));
    }
}
