package io.chatplatform.domain.message.change;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer of the {@link MessageChangePolicy} to a change someone asks for. Each change has its
 * own sealed type listing exactly the answers it can get; the cases are shared records, so an
 * adapter answers {@link NotFound} the same way for every change.
 *
 * <p>Refusals are expected outcomes, not faults, hence values and not exceptions. What an HTTP
 * adapter makes of them is its business; the Javadoc of each case suggests what it means.
 */
public sealed interface Decision {

    /** Go ahead. */
    Allowed ALLOWED = new Allowed();
    /** Hidden or absent for the one asking. */
    NotFound NOT_FOUND = new NotFound();
    /** The message was deleted for everyone. */
    Gone GONE = new Gone();
    /** Already so: nothing to write and nothing to announce. */
    Unchanged UNCHANGED = new Unchanged();

    /** Whether the change may be made. */
    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** Answers to {@code PATCH /messages/{id}}. */
    sealed interface Edit extends Decision permits Allowed, NotFound, Gone, Unchanged, WindowClosed, TooManyEdits {
    }

    /** Answers to {@code DELETE /messages/{id}}. */
    sealed interface DeleteForEveryone extends Decision permits Allowed, NotFound, Unchanged {
    }

    /** Answers to {@code DELETE /messages/{id}?for=me}. */
    sealed interface DeleteForMe extends Decision permits Allowed, NotFound, Unchanged {
    }

    /** Answers to {@code PUT /messages/{id}/reactions/{emoji}}. */
    sealed interface React extends Decision permits Allowed, NotFound, Gone, Unchanged, TooManyEmoji {
    }

    /** Answers to {@code DELETE /messages/{id}/reactions/{emoji}}. */
    sealed interface Unreact extends Decision permits Allowed, NotFound, Gone, Unchanged {
    }

    /** Answers to {@code reply_to_message_id} on a send. */
    sealed interface Reply extends Decision permits Allowed, NotFound {
    }

    /** The change may be made. */
    record Allowed() implements Edit, DeleteForEveryone, DeleteForMe, React, Unreact, Reply {
    }

    /**
     * The one asking may not see the message (they are not in its conversation), or the change is
     * one only its sender may make and they are not its sender. The same answer as for a message
     * that does not exist, so that ids do not tell who wrote to whom (HTTP 404; for a reply, the
     * 422 of an invalid {@code reply_to_message_id}).
     */
    record NotFound() implements Edit, DeleteForEveryone, DeleteForMe, React, Unreact, Reply {
    }

    /**
     * The message was deleted for everyone: its tombstone stays visible to both participants but
     * can no longer change. Not {@code NotFound}: the participants see the tombstone in their
     * history, so denying it exists would contradict that (HTTP 409: the request conflicts with the
     * message's state).
     */
    record Gone() implements Edit, React, Unreact {
    }

    /**
     * The message is already as asked (the same content; already deleted; already hidden; already
     * reacted; no such reaction to remove): a retry or a double click. Nothing is stored or
     * announced; the request succeeds (HTTP 200 or 204 as for the change itself).
     */
    record Unchanged() implements Edit, DeleteForEveryone, DeleteForMe, React, Unreact {
    }

    /**
     * The edit window closed at {@code closedAt} (HTTP 409: the message can no longer be edited).
     */
    record WindowClosed(Instant closedAt) implements Edit {
        public WindowClosed {
            Objects.requireNonNull(closedAt, "closedAt");
        }
    }

    /**
     * The message has as many earlier versions as it may keep: a further edit is refused rather
     * than an old version dropped, because the edit history lists every earlier version (HTTP 409).
     */
    record TooManyEdits(int limit) implements Edit {
    }

    /**
     * The message carries as many distinct emoji as it may; reacting with one already on it is
     * still allowed (HTTP 409).
     */
    record TooManyEmoji(int limit) implements React {
    }
}
