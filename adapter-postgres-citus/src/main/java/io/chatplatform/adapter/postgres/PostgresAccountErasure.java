package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Erases deleted accounts in PostgreSQL ({@link EraseAccounts}).
 *
 * <p>{@link #begin} is one transaction: the {@code users} row is scrubbed and marked deleted
 * (kept until the end, because the user's conversation-list rows reference it), the handles'
 * lookup rows get their {@code free_at}, the sessions and both sides of every block go, and the
 * job is recorded in {@code account_erasures}.
 *
 * <p>Each {@link #next} step is one transaction over one batch of one conversation: the job row
 * locked (two workers on one erasure take turns), the conversation of the lowest peer the user
 * still has a line with, its messages after the stored cursor along the primary key, and for the
 * user's among them what a deletion for everyone does (text, earlier versions, reactions, plus the
 * client message id), the user's own reactions and hides there, the peer's line (unread messages
 * removed, no preview of an erased newest message) and the cursor. Locks are taken as the changes
 * of messages take them: the messages (in id order), then the conversation row, then the lines.
 * A conversation exhausted leaves the user's list, and the peer's line names
 * {@link Username#DELETED}; when none is left, the sessions and blocks created since the beginning
 * (a race with a login) go too, then the job and the {@code users} row.
 *
 * <p>A step writes on the user's shard (the job, the lines) and on the conversation's (the
 * messages), so on Citus it commits with two-phase commit when those lie on different workers:
 * accepted for a background job, whose every statement is still a single-shard query.
 *
 * <p>Obtained from {@link PostgresDatabase#erasure()}. Thread-safe. Connection failures surface as
 * {@link io.chatplatform.application.port.out.StoreUnavailableException}.
 */
public final class PostgresAccountErasure implements EraseAccounts {

    private final Jdbi jdbi;

    PostgresAccountErasure(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Begun> begin(UserId user, Instant at, Instant handlesFreeAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(handlesFreeAt, "handlesFreeAt");
        return Failures.guard(() -> jdbi.inTransaction(handle -> {
            Optional<String[]> handles = handle.createQuery(Sql.LIVING_USER_FOR_ERASURE)
                    .bind("userId", user.value())
                    .map((rs, ctx) -> new String[] {rs.getString("username"), rs.getString("email")})
                    .findOne();
            if (handles.isEmpty()) {
                return Optional.<Begun>empty();
            }
            handle.createUpdate(Sql.SCRUB_USER)
                    .bind("at", at)
                    .bind("deletedUsername", Username.DELETED.value())
                    .bind("userId", user.value())
                    .execute();
            freeAt(handle, Sql.FREE_USERNAME_AT, Username.of(handles.get()[0]).canonical(), user, handlesFreeAt);
            freeAt(handle, Sql.FREE_EMAIL_AT, Email.of(handles.get()[1]).canonical(), user, handlesFreeAt);
            Set<SessionId> sessions = PostgresSessionStore.endAll(handle, user, Optional.empty());
            Set<UserId> blockPeers = PostgresBlockStore.forgetAll(handle, user);
            handle.createUpdate(Sql.INSERT_ERASURE)
                    .bind("userId", user.value())
                    .bind("at", at)
                    .execute();
            return Optional.of(new Begun(sessions, blockPeers));
        }));
    }

    private static void freeAt(Handle handle, String sql, String canonical, UserId user, Instant freeAt) {
        handle.createUpdate(sql)
                .bind("freeAt", freeAt)
                .bind("canonical", canonical)
                .bind("userId", user.value())
                .execute();
    }

    @Override
    public Step next(UserId user, int batchSize, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        if (batchSize < 1) {
            throw new IllegalArgumentException("a step examines at least one message, was " + batchSize);
        }
        return Failures.guard(() -> jdbi.inTransaction(handle -> step(handle, user, batchSize, at)));
    }

    @Override
    public List<UserId> unfinished() {
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.UNFINISHED_ERASURES)
                .mapTo(Long.class)
                .map(UserId::of)
                .list()));
    }

    /** Where a job stands: the conversation it walks and the last message id examined there (both null between conversations). */
    private record Cursor(Long peer, Long afterId) {
    }

    /** A message of the batch as the step found it under its lock. */
    private record Locked(long id, long seq, long sender, boolean deleted) {
    }

    private static Step step(Handle handle, UserId user, int batchSize, Instant at) {
        Optional<Cursor> job = handle.createQuery(Sql.ERASURE_FOR_STEP)
                .bind("userId", user.value())
                .map((rs, ctx) -> new Cursor(rs.getObject("conversation_peer", Long.class),
                        rs.getObject("message_cursor", Long.class)))
                .findOne();
        if (job.isEmpty()) {
            return new NotErasing();
        }
        Optional<Long> remaining = handle.createQuery(Sql.FIRST_REMAINING_PEER)
                .bind("userId", user.value())
                .mapTo(Long.class)
                .findOne();
        if (remaining.isEmpty()) {
            finish(handle, user);
            return new Finished();
        }
        UserId peer = UserId.of(remaining.get());
        // a conversation other than the stored one (a line that came back in a race) starts from its beginning
        long afterId = remaining.get().equals(job.get().peer()) ? job.get().afterId() : 0;
        ConversationId conversation = ConversationId.between(user, peer);
        String cid = conversation.value();

        List<long[]> batch = handle.createQuery(Sql.MESSAGES_AFTER_ID)
                .bind("cid", cid)
                .bind("afterId", afterId)
                .bind("limit", batchSize)
                .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("sender_id")})
                .list();
        List<Long> batchIds = batch.stream().map(row -> row[0]).toList();
        List<Long> mine = batch.stream().filter(row -> row[1] == user.value()).map(row -> row[0]).toList();
        List<Locked> erased = batchIds.isEmpty() ? List.of() : eraseBatch(handle, cid, user, batchIds, mine, at);

        boolean done = batch.size() < batchSize;
        boolean peerHasLine = !peer.equals(user);
        if (done || (peerHasLine && !erased.isEmpty())) {
            // every writer of a conversation-list line holds its conversation's lock (the markers rely on it)
            handle.createQuery(Sql.LOCK_CONVERSATION).bind("cid", cid).mapTo(Long.class).findOne();
        }
        if (peerHasLine && !erased.isEmpty()) {
            erasedInPeerLine(handle, cid, user, peer, erased);
        }
        if (done) {
            if (peerHasLine) {
                handle.createUpdate(Sql.PEER_DELETED_IN_LINE)
                        .bind("deletedUsername", Username.DELETED.value())
                        .bind("userId", peer.value())
                        .bind("peerId", user.value())
                        .execute();
            }
            handle.createUpdate(Sql.DELETE_LINE)
                    .bind("userId", user.value())
                    .bind("peerId", peer.value())
                    .execute();
        }
        handle.createUpdate(Sql.MOVE_ERASURE_CURSOR)
                .bindByType("peerId", done ? null : peer.value(), Long.class)
                .bindByType("cursor", done ? null : batchIds.get(batchIds.size() - 1), Long.class)
                .bind("userId", user.value())
                .execute();
        return new Erased(conversation, erased.stream().map(message -> MessageId.of(message.id())).toList(), done);
    }

    /**
     * Erases the user's messages of a batch and the user's reactions and hides on the others; the
     * user's messages that had text until now, in id order.
     */
    private static List<Locked> eraseBatch(Handle handle, String cid, UserId user, List<Long> batchIds, List<Long> mine,
                                           Instant at) {
        List<Long> reacted = handle.createQuery(Sql.REACTED_BY)
                .bind("cid", cid)
                .bindArray("messageIds", Long.class, batchIds)
                .bind("userId", user.value())
                .mapTo(Long.class)
                .list();
        TreeSet<Long> written = new TreeSet<>(mine);
        written.addAll(reacted);
        List<Locked> erased = new ArrayList<>();
        if (!written.isEmpty()) {
            // under these locks no change of these messages can slip in between the statements below
            List<Locked> locked = handle.createQuery(Sql.LOCK_MESSAGES)
                    .bind("cid", cid)
                    .bindArray("messageIds", Long.class, written)
                    .map((rs, ctx) -> new Locked(rs.getLong("id"), rs.getLong("seq"), rs.getLong("sender_id"),
                            rs.getObject("deleted_at") != null))
                    .list();
            locked.stream().filter(message -> message.sender() == user.value() && !message.deleted()).forEach(erased::add);
            if (!mine.isEmpty()) {
                handle.createUpdate(Sql.ERASE_EARLIER_VERSIONS)
                        .bind("cid", cid)
                        .bindArray("messageIds", Long.class, mine)
                        .execute();
            }
            TreeSet<Long> lostReactions = new TreeSet<>(handle.createQuery(Sql.ERASE_REACTIONS)
                    .bind("cid", cid)
                    .bindArray("messageIds", Long.class, written)
                    .bind("userId", user.value())
                    .bindArray("erasedIds", Long.class, mine)
                    .mapTo(Long.class)
                    .list());
            if (!mine.isEmpty()) {
                handle.createUpdate(Sql.ERASE_MESSAGES)
                        .bind("at", at)
                        .bind("cid", cid)
                        .bindArray("messageIds", Long.class, mine)
                        .execute();
            }
            lostReactions.removeAll(mine);
            if (!lostReactions.isEmpty()) {
                handle.createUpdate(Sql.CLEAR_HAS_REACTIONS)
                        .bind("cid", cid)
                        .bindArray("messageIds", Long.class, lostReactions)
                        .execute();
            }
        }
        handle.createUpdate(Sql.ERASE_HIDES)
                .bind("cid", cid)
                .bind("userId", user.value())
                .bindArray("messageIds", Long.class, batchIds)
                .execute();
        return erased;
    }

    /**
     * The peer's line after some of the user's messages lost their text: those after the peer's read
     * marker that the peer had not hidden (hidden ones were removed for them before) no longer
     * count as unread, and a preview of one of them goes. Read and written under the conversation's
     * lock, which every writer of the line holds.
     */
    private static void erasedInPeerLine(Handle handle, String cid, UserId user, UserId peer, List<Locked> erased) {
        List<Long> erasedIds = erased.stream().map(Locked::id).toList();
        Optional<MarkersRow> line = handle.createQuery(Sql.INBOX_MARKERS)
                .bind("userId", peer.value())
                .bind("peerId", user.value())
                .mapTo(MarkersRow.class)
                .findOne();
        if (line.isEmpty()) {
            return;
        }
        Set<Long> hiddenByPeer = new TreeSet<>(handle.createQuery(Sql.HIDDEN_AMONG)
                .bind("cid", cid)
                .bind("userId", peer.value())
                .bindArray("messageIds", Long.class, erasedIds)
                .mapTo(Long.class)
                .list());
        long removed = erased.stream()
                .filter(message -> message.seq() > line.get().lastReadSeq() && !hiddenByPeer.contains(message.id()))
                .count();
        handle.createUpdate(Sql.ERASED_IN_LINE)
                .bind("removed", removed)
                .bindArray("erasedIds", Long.class, erasedIds)
                .bind("userId", peer.value())
                .bind("peerId", user.value())
                .execute();
    }

    /**
     * The account's last rows: sessions and blocks written since {@link #begin} (a login or a block
     * that raced with it; none otherwise), the job, and the users row, which nothing references now.
     */
    private static void finish(Handle handle, UserId user) {
        PostgresSessionStore.endAll(handle, user, Optional.empty());
        PostgresBlockStore.forgetAll(handle, user);
        handle.createUpdate(Sql.DELETE_ERASURE).bind("userId", user.value()).execute();
        handle.createUpdate(Sql.DELETE_USER).bind("userId", user.value()).execute();
    }
}
