package io.chatplatform.domain.message;

import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message as it stands now. {@link #seq()} numbers the messages of one conversation 1, 2,
 * 3, ... without gaps, in the order they were committed, so a client that sees 7 after 5 knows it
 * missed one. Edits, deletions and reactions change the message but never its seq.
 *
 * <p>A message deleted for everyone is a tombstone: its content is erased (empty here), and so
 * are its earlier versions and its reactions; who sent it to whom, when, and what it replied to
 * remain, so seqs stay contiguous.
 *
 * @param id              its id, unique across conversations
 * @param conversationId  the conversation of its sender and recipient
 * @param seq             its position among the conversation's messages
 * @param senderId        who sent it
 * @param recipientId     to whom (the sender in notes to self)
 * @param content         its current text; empty exactly when deleted for everyone
 * @param createdAt       when it was sent
 * @param clientMessageId the sender's idempotency key, if they gave one
 * @param replyTo         the message of the same conversation it answers, if any
 * @param editedAt        when its content was last replaced; empty until edited, and after deletion
 * @param deletedAt       when its sender deleted it for everyone
 * @param reactions       who reacted with what; none after deletion
 */
public record Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, UserId recipientId,
                      Optional<MessageContent> content, Instant createdAt, Optional<ClientMessageId> clientMessageId,
                      Optional<MessageId> replyTo, Optional<Instant> editedAt, Optional<Instant> deletedAt,
                      Reactions reactions) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(editedAt, "editedAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Objects.requireNonNull(reactions, "reactions");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        if (!conversationId.isBetween(senderId, recipientId)) {
            throw new IllegalArgumentException("message between " + senderId + " and " + recipientId
                    + " cannot belong to conversation " + conversationId);
        }
        if (content.isPresent() == deletedAt.isPresent()) {
            throw new IllegalArgumentException("a message has content exactly until it is deleted; content present: "
                    + content.isPresent() + ", deleted: " + deletedAt.isPresent());
        }
        if (deletedAt.isPresent() && (editedAt.isPresent() || !reactions.isEmpty())) {
            throw new IllegalArgumentException("a deleted message keeps no edit time and no reactions");
        }
        if (replyTo.isPresent() && replyTo.get().equals(id)) {
            throw new IllegalArgumentException("message " + id + " cannot reply to itself");
        }
    }

    /** A message as it was sent: not edited, not deleted, nobody reacted, replying to nothing. */
    public Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, UserId recipientId,
                   MessageContent content, Instant createdAt, Optional<ClientMessageId> clientMessageId) {
        this(id, conversationId, seq, senderId, recipientId, Optional.of(content), createdAt, clientMessageId,
                Optional.empty(), Optional.empty(), Optional.empty(), Reactions.none());
    }

    /** Whether {@code user} may see this message: its sender or its recipient. */
    public boolean isVisibleTo(UserId user) {
        return senderId.equals(user) || recipientId.equals(user);
    }

    /** Whether its sender deleted it for everyone. */
    public boolean isDeleted() {
        return deletedAt.isPresent();
    }

    /** This message answering {@code target}. */
    public Message replyingTo(Optional<MessageId> target) {
        return new Message(id, conversationId, seq, senderId, recipientId, content, createdAt, clientMessageId,
                target, editedAt, deletedAt, reactions);
    }

    /** This message with {@code replacement} as its content since {@code at}. */
    public Message edited(MessageContent replacement, Instant at) {
        Objects.requireNonNull(replacement, "replacement");
        return new Message(id, conversationId, seq, senderId, recipientId, Optional.of(replacement), createdAt,
                clientMessageId, replyTo, Optional.of(at), deletedAt, reactions);
    }

    /** The tombstone of this message, deleted for everyone at {@code at}. */
    public Message deleted(Instant at) {
        return new Message(id, conversationId, seq, senderId, recipientId, Optional.empty(), createdAt,
                clientMessageId, replyTo, Optional.empty(), Optional.of(at), Reactions.none());
    }

    /** This message with {@code replacement} as its reactions. */
    public Message withReactions(Reactions replacement) {
        return new Message(id, conversationId, seq, senderId, recipientId, content, createdAt, clientMessageId,
                replyTo, editedAt, deletedAt, replacement);
    }
}
