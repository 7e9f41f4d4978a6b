package io.chatplatform.domain.message.change;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the change rules need to know of a message as it is now.
 *
 * <p>A message deleted for everyone is a tombstone: its content, earlier versions and reactions
 * are erased, only who sent it to whom and when remain (so seqs stay contiguous). Whether one
 * participant hid the message for themself is not part of it: that is the participant's, not the
 * message's.
 *
 * @param senderId        who sent it
 * @param recipientId     to whom (the sender in notes to self)
 * @param createdAt       when it was sent; the edit window counts from here
 * @param content         its current text; empty exactly when deleted
 * @param deletedAt       when its sender deleted it for everyone
 * @param earlierVersions how many edits it has had, each one earlier version kept
 * @param reactions       who reacted with what
 */
public record MessageState(UserId senderId, UserId recipientId, Instant createdAt, Optional<MessageContent> content,
                           Optional<Instant> deletedAt, int earlierVersions, Reactions reactions) {

    public MessageState {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Objects.requireNonNull(reactions, "reactions");
        if (earlierVersions < 0) {
            throw new IllegalArgumentException("earlierVersions must not be negative, was " + earlierVersions);
        }
        if (content.isPresent() == deletedAt.isPresent()) {
            throw new IllegalArgumentException("a message has content exactly until it is deleted; content present: "
                    + content.isPresent() + ", deleted: " + deletedAt.isPresent());
        }
        if (deletedAt.isPresent() && (earlierVersions > 0 || !reactions.isEmpty())) {
            throw new IllegalArgumentException("a deleted message keeps no earlier versions and no reactions");
        }
    }

    /** A message as sent: not edited, not deleted, no reactions. */
    public static MessageState sent(Message message) {
        return new MessageState(message.senderId(), message.recipientId(), message.createdAt(),
                message.content(), Optional.empty(), 0, Reactions.none());
    }

    /** {@code message} as it stands, with {@code earlierVersions} kept from its edits. */
    public static MessageState of(Message message, int earlierVersions) {
        return new MessageState(message.senderId(), message.recipientId(), message.createdAt(), message.content(),
                message.deletedAt(), earlierVersions, message.reactions());
    }

    /** The tombstone of a message deleted for everyone at {@code deletedAt}. */
    public MessageState deleted(Instant deletedAt) {
        return new MessageState(senderId, recipientId, createdAt, Optional.empty(), Optional.of(deletedAt), 0,
                Reactions.none());
    }

    /** Whether its sender deleted it for everyone. */
    public boolean isDeleted() {
        return deletedAt.isPresent();
    }

    /** Whether {@code user} takes part in its conversation: its sender or its recipient. */
    public boolean involves(UserId user) {
        return senderId.equals(user) || recipientId.equals(user);
    }

    /** The conversation it belongs to. */
    public ConversationId conversationId() {
        return ConversationId.between(senderId, recipientId);
    }
}
