package io.chatplatform.application.port.in;

import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Changes a message after it was sent: edit it (its sender), delete it for everyone (its sender)
 * or for oneself (either participant), react to it and take a reaction back (either participant).
 * The rules are the domain's {@code MessageChangePolicy}; every change that is made is announced
 * on the conversation's change stream.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ChangeMessage {

    /** Replaces the content of {@code message}; only its sender may. */
    Result edit(UserId editor, MessageId message, MessageContent content);

    /** Deletes {@code message} for everyone; only its sender may. Its content is erased. */
    Result deleteForEveryone(UserId user, MessageId message);

    /** Hides {@code message} from the caller's own history; either participant may. */
    Result deleteForMe(UserId user, MessageId message);

    /** Adds the caller's reaction {@code emoji}; either participant may, once per emoji. */
    Result react(UserId user, MessageId message, Emoji emoji);

    /** Takes back the caller's reaction {@code emoji}. */
    Result unreact(UserId user, MessageId message, Emoji emoji);

    /** Every earlier version of {@code message}, oldest first; either participant may ask. */
    Edits edits(UserId reader, MessageId message);

    /** What became of a change. */
    sealed interface Result permits Changed, Unchanged, NotFound, Gone, WindowClosed, TooManyEdits, TooManyEmoji,
            Throttled {
    }

    /** The change was made and announced; {@code message} as it stands now. */
    record Changed(Message message) implements Result {
        public Changed {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The message was already so (a retry): nothing was stored or announced; {@code message} as it stands. */
    record Unchanged(Message message) implements Result {
        public Unchanged {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * No such message, or not one the caller may change so (another conversation's, or another
     * sender's for an edit or a deletion for everyone): the answer does not say which.
     */
    record NotFound() implements Result, Edits {
    }

    /** The message was deleted for everyone: its tombstone can no longer change. */
    record Gone() implements Result {
    }

    /** The edit window closed at {@code closedAt}. */
    record WindowClosed(Instant closedAt) implements Result {
        public WindowClosed {
            Objects.requireNonNull(closedAt, "closedAt");
        }
    }

    /** The message already has the {@code limit} earlier versions it may keep. */
    record TooManyEdits(int limit) implements Result {
    }

    /** The message already carries the {@code limit} distinct emoji it may. */
    record TooManyEmoji(int limit) implements Result {
    }

    /** What {@link #edits} found. */
    sealed interface Edits permits EditHistory, NotFound {
    }

    /** The earlier versions, oldest first; empty when the message was never edited (or was deleted). */
    record EditHistory(List<EarlierVersion> versions) implements Edits {
        public EditHistory {
            versions = List.copyOf(versions);
        }
    }
}
