package io.chatplatform.application.inmemory;

import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Account erasure over the in-memory stores, with the rules of the PostgreSQL one: {@link #begin}
 * removes the account from the user store (its handles stay taken until they are free), its
 * sessions and its blocks on both sides, and records a job; {@link #next} walks the user's
 * conversations lowest peer first, a batch of messages after the job's cursor at a time.
 *
 * <p>Safe for concurrent use: one lock guards the jobs, so two workers stepping one erasure take
 * turns; each store guards itself, and is never the one to call back here.
 */
public final class InMemoryAccountErasure implements EraseAccounts {

    private final InMemoryUserStore users;
    private final InMemoryMessageStore messages;
    private final InMemorySessionStore sessions;
    private final InMemoryBlockStore blocks;
    /** The erasures under way, with the id of the last message examined in the current conversation (0: none yet). */
    private final Map<UserId, Long> cursors = new HashMap<>();

    /** Erasure over these stores: the ones the application reads. */
    public InMemoryAccountErasure(InMemoryUserStore users, InMemoryMessageStore messages,
                                  InMemorySessionStore sessions, InMemoryBlockStore blocks) {
        this.users = Objects.requireNonNull(users, "users");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    @Override
    public synchronized Optional<Begun> begin(UserId user, Instant at, Instant handlesFreeAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        if (users.scrub(user, handlesFreeAt).isEmpty()) {
            return Optional.empty();
        }
        Set<SessionId> ended = sessions.endAll(user, Optional.empty());
        Set<UserId> peers = blocks.forget(user);
        cursors.put(user, 0L);
        return Optional.of(new Begun(ended, peers));
    }

    @Override
    public synchronized Step next(UserId user, int batchSize, Instant at) {
        Objects.requireNonNull(at, "at");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Long cursor = cursors.get(user);
        if (cursor == null) {
            return new NotErasing();
        }
        Optional<UserId> peer = messages.firstPeerOf(user);
        if (peer.isEmpty()) {
            cursors.remove(user);
            return new Finished();
        }
        InMemoryMessageStore.ErasedBatch batch = messages.erase(user, peer.get(), cursor, batchSize, at);
        cursors.put(user, batch.cursor());
        List<MessageId> erased = batch.erased();
        return new Erased(ConversationId.between(user, peer.get()), erased, batch.conversationDone());
    }

    @Override
    public synchronized List<UserId> unfinished() {
        return cursors.keySet().stream().sorted().toList();
    }
}
