package io.chatplatform.application.port.out;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Erases deleted accounts, in two parts. {@link #begin} is one short transaction: the account can
 * no longer log in or be found, and the erasure is recorded as a job. {@link #next} then erases the
 * account's messages one bounded step at a time; the job's progress is stored with each step, so
 * an erasure that stops (a crash, a restart) continues from its last step, on any instance.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once. Two workers stepping the
 * same erasure must not corrupt it (a step may be repeated; erasing is idempotent).
 */
public interface EraseAccounts {

    /**
     * In one transaction: removes the user's profile, credentials, sessions and blocks (both sides);
     * keeps the username and email taken until {@code handlesFreeAt} (and then frees them); and
     * records the erasure job. Empty when there is no such (living) user.
     */
    java.util.Optional<Begun> begin(UserId user, Instant at, Instant handlesFreeAt);

    /**
     * Erases the next batch: up to {@code batchSize} messages of one conversation of the user,
     * after the job's stored cursor. The user's messages among them lose their text, edit history,
     * client message id and reactions, and become tombstones deleted at {@code at}; the user's own
     * reactions and hides there go too. A conversation done leaves the user's conversation list,
     * and the peer's line names {@link io.chatplatform.domain.user.Username#DELETED}. When no
     * conversation is left, the account's last row goes and the job ends.
     */
    Step next(UserId user, int batchSize, Instant at);

    /** Users whose erasure has begun and not finished: what to resume after a restart. */
    List<UserId> unfinished();

    /** What {@link #begin} removed beyond the account itself. */
    record Begun(Set<SessionId> endedSessions, Set<UserId> blockPeers) {
        public Begun {
            endedSessions = Set.copyOf(endedSessions);
            blockPeers = Set.copyOf(blockPeers);
        }
    }

    /** What one step did. */
    sealed interface Step permits Erased, Finished, NotErasing {
    }

    /** A batch of one conversation was examined; {@code erased} are the user's messages in it that lost their text. */
    record Erased(ConversationId conversation, List<MessageId> erased, boolean conversationDone) implements Step {
        public Erased {
            Objects.requireNonNull(conversation, "conversation");
            erased = List.copyOf(erased);
        }
    }

    /** Nothing was left: the erasure is complete, its job gone. */
    record Finished() implements Step {
    }

    /** No erasure of this user is under way. */
    record NotErasing() implements Step {
    }
}
