package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageState;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Edits, deletions and reactions in PostgreSQL ({@link ChangeMessages}), for {@link PostgresMessageStore}.
 *
 * <p>Each change is one transaction in this order: the message's conversation (by its id
 * alone), the message locked ({@link Sql#MESSAGE_FOR_CHANGE}) with what the rule needs (its
 * reactions, who hid it), the rule, and only when it allows: the conversation row's lock and the
 * next position ({@link Sql#ADVANCE_CHANGE}), the writes, the change. A refused or repeated change
 * writes nothing and takes no position. Two changes of one message queue on the message's lock,
 * so the second decides on what the first left; changes of different messages queue only on the
 * conversation row, after their rules. Locks are always taken in that order (message, then
 * conversation, then conversation-list rows) and never the other way round: a send or a marker
 * takes the conversation row but no message's lock, so they cannot deadlock with a change.
 */
final class PostgresMessageChanges {

    private final Jdbi jdbi;

    PostgresMessageChanges(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A message locked for a change, as the rules and the writes need it. */
    private record Locked(String conversation, MessageRow row, Message message, List<ReactionRow> reactions,
                          Set<UserId> hiddenBy) {

        MessageState state() {
            return MessageState.of(message, row.editCount());
        }

        boolean hiddenBy(UserId user) {
            return hiddenBy.contains(user);
        }
    }

    ChangeMessages.Result<Decision.Edit> edit(MessageId id, UserId editor, MessageContent content, Instant at,
                                              ChangeMessages.Rule<Decision.Edit> rule) {
        Objects.requireNonNull(editor, "editor");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        return change(id, true, locked -> rule.decide(locked.map(Locked::state)), (handle, locked) -> {
            Message before = locked.message();
            StoredMessages.Position next = StoredMessages.nextPosition(handle, before.conversationId());
            long position = next.value();
            handle.createUpdate(Sql.INSERT_EARLIER_VERSION)
                    .bind("cid", locked.conversation())
                    .bind("messageId", id.value())
                    .bind("version", locked.row().editCount() + 1)
                    .bind("content", before.content().orElseThrow().value())
                    .bindByType("editedAt", before.editedAt().orElse(null), Instant.class)
                    .execute();
            MessageRow edited = handle.createQuery(Sql.EDIT_MESSAGE)
                    .bind("content", content.value())
                    .bind("editedAt", at)
                    .bind("cid", locked.conversation())
                    .bind("messageId", id.value())
                    .mapTo(MessageRow.class)
                    .one();
            Message after = edited.toDomain(before.reactions());
            String preview = content.preview(InboxEntry.PREVIEW_LENGTH);
            forEachLine(before, (owner, peer) -> handle.createUpdate(Sql.CHANGE_IN_LINE)
                    .bind("changeSeq", position)
                    // a line whose owner hid the message keeps showing no preview of it
                    .bindByType("preview", locked.hiddenBy(owner) ? null : preview, String.class)
                    .bind("messageId", id.value())
                    .bind("userId", owner.value())
                    .bind("peerId", peer.value())
                    .execute());
            record(handle, locked, next, "edited", editor, at);
            return new Written<>(after, new MessageEdited(after, position));
        });
    }

    ChangeMessages.Result<Decision.DeleteForEveryone> deleteForEveryone(MessageId id, UserId user, Instant at,
            ChangeMessages.Rule<Decision.DeleteForEveryone> rule) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        return change(id, true, locked -> rule.decide(locked.map(Locked::state)), (handle, locked) -> {
            Message before = locked.message();
            StoredMessages.Position next = StoredMessages.nextPosition(handle, before.conversationId());
            long position = next.value();
            // the content and everything made of it goes: earlier versions, reactions, then the text (the
            // row's counters, read under the lock, say which of those there are)
            if (locked.row().editCount() > 0) {
                handle.createUpdate(Sql.DELETE_EARLIER_VERSIONS)
                        .bind("cid", locked.conversation())
                        .bind("messageId", id.value())
                        .execute();
            }
            if (locked.row().hasReactions()) {
                handle.createUpdate(Sql.DELETE_REACTIONS)
                        .bind("cid", locked.conversation())
                        .bind("messageId", id.value())
                        .execute();
            }
            Message tombstone = handle.createQuery(Sql.DELETE_MESSAGE)
                    .bind("deletedAt", at)
                    .bind("cid", locked.conversation())
                    .bind("messageId", id.value())
                    .mapTo(MessageRow.class)
                    .one()
                    .toDomain(Reactions.none());
            // a message its owner hid was removed for them before: it does not count twice
            forEachLine(before, (owner, peer) -> removedFromLine(handle, tombstone, owner, peer, locked.hiddenBy(owner), position));
            record(handle, locked, next, "deleted", user, at);
            return new Written<>(tombstone, new MessageDeleted(tombstone, Optional.empty(), position));
        });
    }

    ChangeMessages.Result<Decision.DeleteForMe> hide(MessageId id, UserId user, Instant at, ChangeMessages.HideRule rule) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        return change(id, true, locked -> rule.decide(locked.map(Locked::state),
                locked.map(found -> found.hiddenBy(user)).orElse(false)), (handle, locked) -> {
            Message message = locked.message();
            StoredMessages.Position next = StoredMessages.nextPosition(handle, message.conversationId());
            long position = next.value();
            handle.createUpdate(Sql.INSERT_HIDE)
                    .bind("cid", locked.conversation())
                    .bind("messageId", id.value())
                    .bind("userId", user.value())
                    .bind("hiddenAt", at)
                    .execute();
            // only the hider's line: the peer is not told
            removedFromLine(handle, message, user, message.conversationId().peerOf(user), message.isDeleted(), position);
            record(handle, locked, next, "hidden", user, at);
            return new Written<>(message, new MessageDeleted(message, Optional.of(user), position));
        });
    }

    ChangeMessages.Result<Decision.React> react(MessageId id, UserId user, Emoji emoji, Instant at,
                                                ChangeMessages.Rule<Decision.React> rule) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(emoji, "emoji");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        return change(id, false, locked -> rule.decide(locked.map(Locked::state)), (handle, locked) -> {
            Message before = locked.message();
            StoredMessages.Position next = StoredMessages.nextPosition(handle, before.conversationId());
            long position = next.value();
            // an emoji already on the message keeps its place; a new one goes last
            long emojiChangeSeq = locked.reactions().stream().filter(row -> row.emoji().equals(emoji.value()))
                    .mapToLong(ReactionRow::emojiChangeSeq).min().orElse(position);
            handle.createUpdate(Sql.INSERT_REACTION)
                    .bind("cid", locked.conversation())
                    .bind("messageId", id.value())
                    .bind("emoji", emoji.value())
                    .bind("userId", user.value())
                    .bind("reactedAt", at)
                    .bind("emojiChangeSeq", emojiChangeSeq)
                    .execute();
            return reacted(handle, locked, user, before.reactions().with(user, emoji), next, "reacted", at);
        });
    }

    ChangeMessages.Result<Decision.Unreact> unreact(MessageId id, UserId user, Emoji emoji, Instant at,
                                                    ChangeMessages.Rule<Decision.Unreact> rule) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(emoji, "emoji");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        return change(id, false, locked -> rule.decide(locked.map(Locked::state)), (handle, locked) -> {
            Message before = locked.message();
            StoredMessages.Position next = StoredMessages.nextPosition(handle, before.conversationId());
            handle.createUpdate(Sql.DELETE_REACTION)
                    .bind("cid", locked.conversation())
                    .bind("messageId", id.value())
                    .bind("emoji", emoji.value())
                    .bind("userId", user.value())
                    .execute();
            return reacted(handle, locked, user, before.reactions().without(user, emoji), next, "unreacted", at);
        });
    }

    private static Written<ReactionUpdated> reacted(Handle handle, Locked locked, UserId user, Reactions reactions,
                                                    StoredMessages.Position next, String kind, Instant at) {
        long position = next.value();
        Message after = locked.message().withReactions(reactions);
        if (reactions.isEmpty() == locked.row().hasReactions()) {
            handle.createUpdate(Sql.SET_HAS_REACTIONS)
                    .bind("hasReactions", !reactions.isEmpty())
                    .bind("cid", locked.conversation())
                    .bind("messageId", after.id().value())
                    .execute();
        }
        forEachLine(after, (owner, peer) -> touchLine(handle, owner, peer, after.id(), position));
        record(handle, locked, next, kind, user, at);
        return new Written<>(after, new ReactionUpdated(after, user, position));
    }

    /** What an allowed change wrote: the message after it, and the change with its position. */
    private record Written<C extends ConversationChange>(Message message, C change) {
    }

    @FunctionalInterface
    private interface Writes {
        Written<?> apply(Handle handle, Locked locked);
    }

    /**
     * One change in one transaction: lock the message and read what the rule needs (who hid it,
     * when {@code readHides}), ask the rule ({@code decide} gets the locked message, empty when
     * there is none), write when allowed.
     */
    private <D extends Decision> ChangeMessages.Result<D> change(MessageId id, boolean readHides,
                                                                 Function<Optional<Locked>, D> decide,
                                                                 Writes writes) {
        Objects.requireNonNull(id, "id");
        return Failures.guard(() -> jdbi.inTransaction(handle -> {
            Optional<Locked> locked = lock(handle, id, readHides);
            D decision = decide.apply(locked);
            if (!decision.allowed()) {
                return ChangeMessages.Result.refused(decision, locked.map(Locked::message));
            }
            Written<?> written = writes.apply(handle, locked.orElseThrow(() ->
                    new IllegalStateException("the rule allowed a change of message " + id + ", which does not exist")));
            return ChangeMessages.Result.written(decision, written.message(), written.change());
        }));
    }

    private static Optional<Locked> lock(Handle handle, MessageId id, boolean readHides) {
        Optional<String> conversation = StoredMessages.conversationOf(handle, id);
        if (conversation.isEmpty()) {
            return Optional.empty();
        }
        String cid = conversation.get();
        Optional<MessageRow> row = StoredMessages.row(handle, Sql.MESSAGE_FOR_CHANGE, cid, id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        // read after the lock: what the previous change of this message left
        List<ReactionRow> reactions = row.get().hasReactions()
                ? StoredMessages.reactionRows(handle, cid, List.of(id.value())) : List.of();
        Message message = row.get().toDomain(StoredMessages.reactions(reactions).getOrDefault(id.value(), Reactions.none()));
        Set<UserId> hiddenBy = new HashSet<>();
        if (readHides) {
            handle.createQuery(Sql.HIDDEN_BY)
                    .bind("cid", cid)
                    .bind("messageId", id.value())
                    .mapTo(Long.class)
                    .forEach(user -> hiddenBy.add(UserId.of(user)));
        }
        return Optional.of(new Locked(cid, row.get(), message, reactions, Set.copyOf(hiddenBy)));
    }

    /** Each participant's line of the message's conversation, as (owner, peer); one in notes to self. */
    private static void forEachLine(Message message, LineAction action) {
        action.apply(message.senderId(), message.recipientId());
        if (!message.senderId().equals(message.recipientId())) {
            action.apply(message.recipientId(), message.senderId());
        }
    }

    @FunctionalInterface
    private interface LineAction {
        void apply(UserId owner, UserId peer);
    }

    private static void touchLine(Handle handle, UserId owner, UserId peer, MessageId message, long position) {
        handle.createUpdate(Sql.CHANGE_IN_LINE)
                .bind("changeSeq", position)
                .bindByType("preview", null, String.class)
                .bind("messageId", message.value())
                .bind("userId", owner.value())
                .bind("peerId", peer.value())
                .execute();
    }

    private static void removedFromLine(Handle handle, Message message, UserId owner, UserId peer, boolean alreadyRemoved,
                                        long position) {
        handle.createUpdate(Sql.REMOVED_FROM_LINE)
                .bind("seq", message.seq())
                .bind("senderId", message.senderId().value())
                .bind("alreadyRemoved", alreadyRemoved)
                .bind("messageId", message.id().value())
                .bind("changeSeq", position)
                .bind("userId", owner.value())
                .bind("peerId", peer.value())
                .execute();
    }

    private static void record(Handle handle, Locked locked, StoredMessages.Position position, String kind, UserId actor,
                               Instant at) {
        handle.createUpdate(Sql.INSERT_CHANGE)
                .bind("cid", locked.conversation())
                .bind("changeSeq", position.value())
                .bind("lastSeq", position.lastSeq())
                .bind("kind", kind)
                .bind("messageId", locked.row().id())
                .bind("actorId", actor.value())
                .bindByType("upToSeq", null, Long.class)
                .bind("at", at)
                .execute();
    }
}
