package io.chatplatform.domain.block;

import io.chatplatform.domain.user.UserId;
import java.util.Optional;

/**
 * Whether one user may message another, given the recipient's {@link BlockList}, and how many
 * users one person may block.
 */
public final class BlockPolicy {

    /**
     * The most users one person may block: enough for anyone, and it bounds the block list the send
     * path reads (and caches) for every message to them.
     */
    public static final int MAX_BLOCKED = 1_000;

    private BlockPolicy() {
    }

    /** Why {@code sender} may not message the owner of {@code recipientBlocks}, if a block stands between them. */
    public static Optional<SendRefusal> refusal(UserId sender, BlockList recipientBlocks) {
        if (recipientBlocks.hasBlocked(sender)) {
            return Optional.of(SendRefusal.BLOCKED_BY_RECIPIENT);
        }
        if (recipientBlocks.isBlockedBy(sender)) {
            return Optional.of(SendRefusal.RECIPIENT_BLOCKED_BY_SENDER);
        }
        return Optional.empty();
    }

    /** Why a send was refused. */
    public enum SendRefusal {
        /** The recipient blocked the sender. */
        BLOCKED_BY_RECIPIENT,
        /** The sender blocked the recipient: they must unblock before writing. */
        RECIPIENT_BLOCKED_BY_SENDER
    }
}
