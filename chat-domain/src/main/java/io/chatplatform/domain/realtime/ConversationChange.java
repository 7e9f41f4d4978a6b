package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;

/**
 * A live event that is a step of one conversation's ordered change stream: a new message, an edit,
 * a deletion (for everyone, or for one participant), a reaction, a read or a delivery marker. Each
 * has its {@link #position()} in the stream, contiguous from 1 over the whole conversation, given
 * under the conversation's lock when the change commits. Connections deliver these in position
 * order, without gaps and without repeats, through a {@link DeliveryCursor} and the
 * {@link ReplayPlanner}; other live events (typing, presence) are delivered as they come.
 *
 * <p>A message's {@code seq} still numbers messages only (1, 2, 3, ... per conversation); the
 * position numbers every change, messages included (decision 0023). A change seen by one
 * participant only (a deletion for me) leaves a hole in the other's view of the stream; the
 * planner reads across it.
 *
 * <p>Changes about a message carry the message as it stood when the change was read, not a diff:
 * a replay long after the fact shows the message as it is now (a deleted message's earlier
 * versions are erased, so a replayed edit of it shows the tombstone).
 */
public sealed interface ConversationChange extends LiveEvent
        permits MessageCreated, MessageEdited, MessageDeleted, ReactionUpdated, ReadMarkerMoved, DeliveryMarkerMoved {

    /** The conversation whose stream this change extends. */
    ConversationId conversation();

    /** Its position in the conversation's change stream, from 1. */
    long position();

    /** Checks a position given to a change. */
    static long requirePosition(long position) {
        if (position < 1) {
            throw new IllegalArgumentException("a change's position must be at least 1, was " + position);
        }
        return position;
    }
}
