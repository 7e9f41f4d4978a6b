package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Messages, conversations, conversation lists and change streams in PostgreSQL: the six message
 * ports in one object, so that an application passes one store for all of them.
 *
 * <p>A conversation, its messages and everything about them (earlier versions, reactions,
 * hidings, the change stream) share a shard (all are distributed by the conversation id); a
 * user's conversation list shares the user's shard. So every read here is one or two
 * single-shard queries, and a write is a handful of them in one transaction. The
 * {@code message_locations} table maps a message id to its conversation, so that
 * {@link #find(MessageId)} and the changes, which name a message by id, need no query on every
 * shard.
 *
 * <p>Every change of a conversation (a message, an edit, a deletion, a reaction, a marker) takes
 * the conversation row's lock and the next position of its change stream in its own transaction
 * (see {@link PostgresMessageChanges}, {@link PostgresReadMarkers}, {@link PostgresChangeStream}).
 *
 * <p>Obtained from {@link PostgresDatabase#messages()}. Thread-safe. Connection failures surface
 * as {@link io.chatplatform.application.port.out.StoreUnavailableException}.
 */
public final class PostgresMessageStore
        implements AppendMessage, LoadMessages, LoadInbox, MoveReadMarker, ChangeMessages, LoadChanges {

    private final Jdbi jdbi;
    private final PostgresMessageChanges changes;
    private final PostgresReadMarkers markers;
    private final PostgresChangeStream stream;

    PostgresMessageStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.changes = new PostgresMessageChanges(jdbi);
        this.markers = new PostgresReadMarkers(jdbi);
        this.stream = new PostgresChangeStream(jdbi);
    }

    @Override
    public Outcome append(NewMessage message) {
        Objects.requireNonNull(message, "message");
        ConversationId conversation = ConversationId.between(message.sender().id(), message.recipient().id());
        return Failures.guard(() -> {
            try {
                return jdbi.inTransaction(handle -> append(handle, conversation, message));
            } catch (JdbiException e) {
                // A concurrent retry with the same client message id committed first. Our seq and
                // position increments rolled back with the transaction, so no gap is left behind.
                if (message.clientMessageId().isPresent() && Failures.isUniqueViolation(e)) {
                    Optional<Message> earlier = jdbi.withHandle(handle ->
                            byClientMessageId(handle, conversation, message.sender().id(), message.clientMessageId().get()));
                    return earlier.<Outcome>map(AlreadyAppended::new).orElseThrow(() -> e);
                }
                throw e;
            }
        });
    }

    /** The statements of {@link MessageStatements#SEND_TRANSACTION}, in its order. */
    private static Outcome append(Handle handle, ConversationId conversation, NewMessage message) {
        UserId sender = message.sender().id();
        UserId recipient = message.recipient().id();
        if (message.clientMessageId().isPresent()) {
            Optional<Message> earlier = byClientMessageId(handle, conversation, sender, message.clientMessageId().get());
            if (earlier.isPresent()) {
                return new AlreadyAppended(earlier.get());
            }
        }
        long[] advanced = handle.createQuery(Sql.ADVANCE_CONVERSATION)
                .bind("cid", conversation.value())
                .bind("userLow", conversation.low().value())
                .bind("userHigh", conversation.high().value())
                .bind("now", message.sentAt())
                .map((rs, ctx) -> new long[] {rs.getLong("last_seq"), rs.getLong("last_change_seq")})
                .one();
        long seq = advanced[0];
        long position = advanced[1];
        Message stored = handle.createQuery(Sql.INSERT_MESSAGE)
                .bind("cid", conversation.value())
                .bind("seq", seq)
                .bind("senderId", sender.value())
                .bind("recipientId", recipient.value())
                .bind("content", message.content().value())
                .bindByType("clientMessageId", message.clientMessageId().map(ClientMessageId::value).orElse(null), String.class)
                .bind("createdAt", message.sentAt())
                .bindByType("replyToId", message.replyTo().map(MessageId::value).orElse(null), Long.class)
                .bind("changeSeq", position)
                .mapTo(MessageRow.class)
                .one()
                .toDomain(Reactions.none());
        handle.createUpdate(Sql.INSERT_MESSAGE_LOCATION)
                .bind("messageId", stored.id().value())
                .bind("cid", conversation.value())
                .execute();
        String preview = message.content().preview(InboxEntry.PREVIEW_LENGTH);
        upsertInbox(handle, Sql.UPSERT_SENDER_INBOX, sender, message.recipient(), stored, preview, position);
        if (!recipient.equals(sender)) {
            upsertInbox(handle, Sql.UPSERT_RECIPIENT_INBOX, recipient, message.sender(), stored, preview, position);
        }
        return new Appended(stored, position);
    }

    private static void upsertInbox(Handle handle, String sql, UserId owner, Participant peer, Message message,
                                    String preview, long position) {
        handle.createUpdate(sql)
                .bind("userId", owner.value())
                .bind("peerId", peer.id().value())
                .bind("cid", message.conversationId().value())
                .bind("peerUsername", peer.username().value())
                .bind("seq", message.seq())
                .bind("messageId", message.id().value())
                .bind("at", message.createdAt())
                .bind("preview", preview)
                .bind("changeSeq", position)
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
                .map(row -> StoredMessages.withReactions(handle, conversation.value(), row));
    }

    @Override
    public List<Message> page(ConversationId conversation, UserId reader, HistoryPage page) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(page, "page");
        return Failures.guard(() -> jdbi.withHandle(handle -> {
            var query = page.beforeId().isPresent()
                    ? handle.createQuery(Sql.PAGE_BEFORE).bind("beforeId", page.beforeId().get().value())
                    : handle.createQuery(Sql.PAGE_NEWEST);
            List<MessageRow> rows = query.bind("cid", conversation.value())
                    .bind("reader", reader.value())
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .mapTo(MessageRow.class)
                    .list();
            return StoredMessages.withReactions(handle, conversation.value(), rows);
        }));
    }

    @Override
    public Optional<Message> find(ConversationId conversation, MessageId id) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(id, "id");
        return Failures.guard(() -> jdbi.withHandle(handle -> StoredMessages.find(handle, conversation.value(), id)));
    }

    @Override
    public Optional<Message> find(MessageId id) {
        Objects.requireNonNull(id, "id");
        // single-shard queries: where the message lives, then the message (and its reactions)
        return Failures.guard(() -> jdbi.withHandle(handle -> StoredMessages.conversationOf(handle, id)
                .flatMap(conversation -> StoredMessages.find(handle, conversation, id))));
    }

    @Override
    public List<EarlierVersion> earlierVersions(ConversationId conversation, MessageId id) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(id, "id");
        // a deletion for everyone deleted them, and another conversation's message has none here
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.EARLIER_VERSIONS)
                .bind("cid", conversation.value())
                .bind("messageId", id.value())
                .map((rs, ctx) -> new EarlierVersion(MessageContent.of(rs.getString("content")),
                        Optional.ofNullable(Rows.instant(rs, "edited_at"))))
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
    public List<InboxEntry> byPeer(UserId owner, Optional<UserId> afterPeer, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(afterPeer, "afterPeer");
        PostgresUserStore.requireLimit(limit);
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.INBOX_BY_PEER)
                .bind("userId", owner.value())
                // ids are positive: 0 is before every peer
                .bind("afterPeer", afterPeer.map(UserId::value).orElse(0L))
                .bind("limit", limit)
                .mapTo(InboxRow.class)
                .map(InboxRow::toDomain)
                .list()));
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
        return markers.markRead(owner, peer, upToSeq);
    }

    @Override
    public Optional<Delivered> markDelivered(UserId recipient, UserId peer, long upToSeq) {
        return markers.markDelivered(recipient, peer, upToSeq);
    }

    @Override
    public Result<Decision.Edit> edit(MessageId id, UserId editor, MessageContent content, Instant at,
                                      Rule<Decision.Edit> rule) {
        return changes.edit(id, editor, content, at, rule);
    }

    @Override
    public Result<Decision.DeleteForEveryone> deleteForEveryone(MessageId id, UserId user, Instant at,
                                                                Rule<Decision.DeleteForEveryone> rule) {
        return changes.deleteForEveryone(id, user, at, rule);
    }

    @Override
    public Result<Decision.DeleteForMe> hide(MessageId id, UserId user, Instant at, HideRule rule) {
        return changes.hide(id, user, at, rule);
    }

    @Override
    public Result<Decision.React> react(MessageId id, UserId user, Emoji emoji, Instant at, Rule<Decision.React> rule) {
        return changes.react(id, user, emoji, at, rule);
    }

    @Override
    public Result<Decision.Unreact> unreact(MessageId id, UserId user, Emoji emoji, Instant at,
                                            Rule<Decision.Unreact> rule) {
        return changes.unreact(id, user, emoji, at, rule);
    }

    @Override
    public List<ConversationChange> after(ConversationId conversation, UserId viewer, long afterPosition, int limit) {
        return stream.after(conversation, viewer, afterPosition, limit);
    }

    @Override
    public long positionOfMessage(ConversationId conversation, long seq) {
        return stream.positionOfMessage(conversation, seq);
    }

    @Override
    public long messageSeqAt(ConversationId conversation, long position) {
        return stream.messageSeqAt(conversation, position);
    }
}
