package io.chatplatform.application.port.out;

import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageState;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes stored messages: edit, delete for everyone, hide for one participant, react, take a
 * reaction back.
 *
 * <p>Each call is one transaction that locks the message's conversation, reads the message as it
 * stands, asks the caller's {@link Rule} (the domain's {@code MessageChangePolicy}), and writes
 * only when the rule allows: so two changes of one message never both decide on the same old
 * state. A change that is written gets the conversation's next position in its change stream,
 * and moves what follows from it in the same transaction: both participants' conversation lists
 * (position, preview, unread counts: a deleted unread message is no longer unread, see
 * {@code UnreadCount}), the edit history, the reactions. A deletion for everyone erases the
 * content, every earlier version and the reactions from storage; the tombstone keeps the seq.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface ChangeMessages {

    /** Replaces the content of message {@code id} by {@code content}, keeping the old text as an earlier version. */
    Result<Decision.Edit> edit(MessageId id, UserId editor, MessageContent content, Instant at, Rule<Decision.Edit> rule);

    /** Deletes message {@code id} for everyone: erases its content, earlier versions and reactions. */
    Result<Decision.DeleteForEveryone> deleteForEveryone(MessageId id, UserId user, Instant at,
                                                         Rule<Decision.DeleteForEveryone> rule);

    /** Hides message {@code id} from {@code user}'s own history. */
    Result<Decision.DeleteForMe> hide(MessageId id, UserId user, Instant at, HideRule rule);

    /** Adds {@code user}'s reaction {@code emoji} to message {@code id}. */
    Result<Decision.React> react(MessageId id, UserId user, Emoji emoji, Instant at, Rule<Decision.React> rule);

    /** Takes back {@code user}'s reaction {@code emoji} on message {@code id}. */
    Result<Decision.Unreact> unreact(MessageId id, UserId user, Emoji emoji, Instant at, Rule<Decision.Unreact> rule);

    /** Decides a change on the message as it stands (empty when there is no such message). */
    @FunctionalInterface
    interface Rule<D extends Decision> {
        D decide(Optional<MessageState> message);
    }

    /** Decides a hiding on the message as it stands, and whether the user hid it before. */
    @FunctionalInterface
    interface HideRule {
        Decision.DeleteForMe decide(Optional<MessageState> message, boolean alreadyHidden);
    }

    /**
     * What a change came to.
     *
     * @param decision what the rule said
     * @param message  the message after the call (unchanged unless allowed); empty when there is no such message
     * @param change   the change written, with its position; present exactly when the decision allowed it
     * @param <D>      the kind of decision
     */
    record Result<D extends Decision>(D decision, Optional<Message> message, Optional<ConversationChange> change) {
        public Result {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(change, "change");
            if (change.isPresent() != decision.allowed()) {
                throw new IllegalArgumentException("a change is written exactly when allowed; decision " + decision
                        + ", change " + change);
            }
            if (decision.allowed() && message.isEmpty()) {
                throw new IllegalArgumentException("an allowed change has a message");
            }
        }

        /** The rule's answer when nothing was written. */
        public static <D extends Decision> Result<D> refused(D decision, Optional<Message> message) {
            return new Result<>(decision, message, Optional.empty());
        }

        /** A change written. */
        public static <D extends Decision> Result<D> written(D decision, Message message, ConversationChange change) {
            return new Result<>(decision, Optional.of(message), Optional.of(change));
        }
    }
}
