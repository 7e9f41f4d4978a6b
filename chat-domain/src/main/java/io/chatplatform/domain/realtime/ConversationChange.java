package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;

/**
 * A live event that is a step of one conversation's ordered history, with its position
 * ({@code seq}, contiguous from 1). Connections deliver these in seq order, without gaps and
 * without repeats, through a {@link DeliveryCursor} and the {@link ReplayPlanner}; other live
 * events (read markers, typing, presence) are delivered as they come.
 *
 * <p>Today a stored message is the only kind. Changes that later join a conversation's order
 * (edits, deletions, reactions, delivery receipts) become further permitted cases.
 */
public sealed interface ConversationChange extends LiveEvent permits MessageCreated {

    /** The conversation whose history this change extends. */
    ConversationId conversation();

    /** Its position in the conversation, from 1, without holes. */
    long seq();
}
