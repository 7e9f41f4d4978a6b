package io.chatplatform.application.port.out;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.user.UserId;
import java.util.List;

/**
 * Reads a conversation's change stream, for a resume and to fill a gap in live delivery. Every
 * call names its conversation.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface LoadChanges {

    /**
     * Up to {@code limit} changes of the conversation after position {@code afterPosition} that
     * {@code viewer} may see (not the peer's deletions for themself), oldest first. A change about
     * a message carries the message as it stands now, as {@code viewer} may see it.
     */
    List<ConversationChange> after(ConversationId conversation, UserId viewer, long afterPosition, int limit);

    /**
     * The position of the change that created message {@code seq} (0 for seq 0): where a client
     * that counts messages only (before decision 0023) stands in the stream. A seq past the newest
     * message gives the newest message's position.
     */
    long positionOfMessage(ConversationId conversation, long seq);

    /** The seq of the newest message created at or before {@code position} (0 when none was). */
    long messageSeqAt(ConversationId conversation, long position);
}
