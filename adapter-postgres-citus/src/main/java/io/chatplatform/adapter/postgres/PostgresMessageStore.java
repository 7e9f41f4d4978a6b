package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Messages, conversations and conversation lists in PostgreSQL.
 *
 * <p>A conversation and its messages share a shard (both are distributed by the conversation
 * id); a user's conversation list shares the user's shard. So every read here is one
 * single-shard query, and an append is a handful of them in one transaction. The
 * {@code message_locations} table maps a message id to its conversation, so that
 * {@link #find(MessageId)} needs no query on every shard.
 *
 * <p>Obtained from {@link PostgresDatabase#messages()}. Thread-safe. Connection failures surface
 * as {@link io.chatplatform.application.port.out.StoreUnavailableException}.
 */
public final class PostgresMessageStore implements AppendMessage, LoadMessages, LoadInbox, MoveReadMarker {

    private final Jdbi jdbi;

    PostgresMessageStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Outcome append(NewMessage message) {
        Objects.requireNonNull(message, "message");
        ConversationId conversation = ConversationId.between(message.sender().id(), message.recipient().id());
        return Failures.guard(() -> {
            try {
                return jdbi.inTransaction(handle -> append(handle, conversation, message));
            } catch (JdbiException e) {
                // A concurrent retry with the same client message id committed first. Our seq
                // increment rolled back with the transaction, so no gap is left behind.
                if (message.clientMessageId().isPresent() && Failures.isUniqueViolation(e)) {
                    Optional<Message> earlier = jdbi.withHandle(handle ->
                            byClientMessageId(handle, conversation, message.sender().id(), message.clientMessageId().get()));
                    return earlier.<Outcome>map(AlreadyAppended::new).orElseThrow(() -> e);
                }
                throw e;
            }
        });
    }

    private static Outcome append(Handle handle, ConversationId conversation, NewMessage message) {
        UserId sender = message.sender().id();
        UserId recipient = message.recipient().id();
        if (message.clientMessageId().isPresent()) {
            Optional<Message> earlier = byClientMessageId(handle, conversation, sender, message.clientMessageId().get());
            if (earlier.isPresent()) {
                return new AlreadyAppended(earlier.get());
            }
        }
        long seq = handle.createQuery(Sql.ADVANCE_CONVERSATION)
                .bind("cid", conversation.value())
                .bind("userLow", conversation.low().value())
                .bind("userHigh", conversation.high().value())
                .bind("now", message.sentAt())
                .mapTo(Long.class)
                .one();
        Message stored = handle.createQuery(Sql.INSERT_MESSAGE)
                .bind("cid", conversation.value())
                .bind("seq", seq)
                .bind("senderId", sender.value())
                .bind("recipientId", recipient.value())
                .bind("content", message.content().value())
                .bindByType("clientMessageId", message.clientMessageId().map(ClientMessageId::value).orElse(null), String.class)
                .bind("createdAt", message.sentAt())
                .mapTo(MessageRow.class)
                .one()
                .toDomain();
        handle.createUpdate(Sql.INSERT_MESSAGE_LOCATION)
                .bind("messageId", stored.id().value())
                .bind("cid", conversation.value())
                .execute();
        String preview = message.content().preview(InboxEntry.PREVIEW_LENGTH);
        upsertInbox(handle, Sql.UPSERT_SENDER_INBOX, sender, message.recipient(), stored, preview);
        if (!recipient.equals(sender)) {
            upsertInbox(handle, Sql.UPSERT_RECIPIENT_INBOX, recipient, message.sender(), stored, preview);
        }
        return new Appended(stored);
    }

    private static void upsertInbox(Handle handle, String sql, UserId owner, Participant peer, Message message,
                                    String preview) {
        handle.createUpdate(sql)
                .bind("userId", owner.value())
                .bind("peerId", peer.id().value())
                .bind("cid", message.conversationId().value())
                .bind("peerUsername", peer.username().value())
                .bind("seq", message.seq())
                .bind("messageId", message.id().value())
                .bind("at", message.createdAt())
                .bind("preview", preview)
                .execute();
    }

    private static Optional<Message> byClientMessageId(Handle handle, ConversationId conversation, UserId sender,
                                                       ClientMessageId clientMessageId) {
        return handle.createQuery(Sql.MESSAGE_BY_CLIENT_MESSAGE_ID)
                .bind("cid", conversation.value())
                .bind("senderId", sender.value())
                .bind("clientMessageId", clientMessageId.value())
                .mapTo(MessageRow.class)
                .findOne()
                .map(MessageRow::toDomain);
    }

    @Override
    public List<Message> page(ConversationId conversation, HistoryPage page) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(page, "page");
        return Failures.guard(() -> jdbi.withHandle(handle -> {
            var query = page.beforeId().isPresent()
                    ? handle.createQuery(Sql.PAGE_BEFORE).bind("beforeId", page.beforeId().get().value())
                    : handle.createQuery(Sql.PAGE_NEWEST);
            return query.bind("cid", conversation.value())
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .mapTo(MessageRow.class)
                    .map(MessageRow::toDomain)
                    .list();
        }));
    }

    @Override
    public Optional<Message> find(ConversationId conversation, MessageId id) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(id, "id");
        return Failures.guard(() -> jdbi.withHandle(handle -> find(handle, conversation.value(), id)));
    }

    @Override
    public Optional<Message> find(MessageId id) {
        Objects.requireNonNull(id, "id");
        // two single-shard queries: where the message lives, then the message
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.MESSAGE_LOCATION)
                .bind("messageId", id.value())
                .mapTo(String.class)
                .findOne()
                .flatMap(conversation -> find(handle, conversation, id))));
    }

    private static Optional<Message> find(Handle handle, String conversation, MessageId id) {
        return handle.createQuery(Sql.MESSAGE_BY_ID)
                .bind("cid", conversation)
                .bind("messageId", id.value())
                .mapTo(MessageRow.class)
                .findOne()
                .map(MessageRow::toDomain);
    }

    @Override
    public List<Message> after(ConversationId conversation, long afterSeq, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq cannot be negative, was " + afterSeq);
        }
        PostgresUserStore.requireLimit(limit);
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.MESSAGES_AFTER)
                .bind("cid", conversation.value())
                .bind("afterSeq", afterSeq)
                .bind("limit", limit)
                .mapTo(MessageRow.class)
                .map(MessageRow::toDomain)
                .list()));
    }

    @Override
    public List<InboxEntry> list(UserId owner, int limit) {
        Objects.requireNonNull(owner, "owner");
        PostgresUserStore.requireLimit(limit);
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.LIST_INBOX)
                .bind("userId", owner.value())
                .bind("limit", limit)
                .mapTo(InboxRow.class)
                .map(InboxRow::toDomain)
                .list()));
    }

    @Override
    public Optional<InboxEntry> entry(UserId owner, UserId peer) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(peer, "peer");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.INBOX_ENTRY)
                .bind("userId", owner.value())
                .bind("peerId", peer.value())
                .mapTo(InboxRow.class)
                .findOne()
                .map(InboxRow::toDomain)));
    }

    @Override
    public long totalUnread(UserId owner) {
        Objects.requireNonNull(owner, "owner");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.TOTAL_UNREAD)
                .bind("userId", owner.value())
                .mapTo(Long.class)
                .one()));
    }

    @Override
    public Optional<ReadState> markRead(UserId owner, UserId peer, long upToSeq) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(peer, "peer");
        if (upToSeq < 0) {
            throw new IllegalArgumentException("upToSeq cannot be negative, was " + upToSeq);
        }
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.MARK_READ)
                .bind("userId", owner.value())
                .bind("peerId", peer.value())
                .bind("upTo", upToSeq)
                .mapTo(ReadStateRow.class)
                .findOne()
                .map(ReadStateRow::toDomain)));
    }
}
