package io.chatplatform.domain.message.change;

import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may change a message, and how, under the configured {@link MessageChangeLimits}:
 * <ul>
 *   <li>edit: its sender, while it is not deleted, within the edit window, up to the number of
 *       earlier versions it may keep; the same content again changes nothing;</li>
 *   <li>delete for everyone: its sender, also after hiding it for themself;</li>
 *   <li>delete for me (hide): either participant, also a tombstone;</li>
 *   <li>react and remove a reaction: either participant, while it is not deleted;</li>
 *   <li>reply to it: either participant, also to a tombstone (so that a reply and a deletion
 *       racing each other end the same in either order).</li>
 * </ul>
 * A user outside the conversation is told {@link Decision.NotFound} whatever they ask, before any
 * other rule, so the answer reveals nothing about the message. When a request is both a repeat
 * and now out of bounds (the same content after the window closed), the repeat wins: a retried
 * request gets the answer its first attempt got.
 */
public record MessageChangePolicy(MessageChangeLimits limits) {

    public MessageChangePolicy {
        Objects.requireNonNull(limits, "limits");
    }

    /** May {@code editor} replace the content of {@code message} with {@code content} at {@code now}? */
    public Decision.Edit edit(UserId editor, MessageState message, MessageContent content, Instant now) {
        Objects.requireNonNull(editor, "editor");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(now, "now");
        if (!message.senderId().equals(editor)) {
            return Decision.NOT_FOUND;
        }
        if (message.isDeleted()) {
            return Decision.GONE;
        }
        if (message.content().orElseThrow().equals(content)) {
            return Decision.UNCHANGED;
        }
        Optional<Instant> closesAt = editWindowClosesAt(message);
        if (closesAt.isPresent() && now.isAfter(closesAt.get())) {
            return new Decision.WindowClosed(closesAt.get());
        }
        if (message.earlierVersions() >= limits.maxEditVersions()) {
            return new Decision.TooManyEdits(limits.maxEditVersions());
        }
        return Decision.ALLOWED;
    }

    /**
     * The last instant at which {@code message} may be edited (the window includes it); empty when
     * editing is not limited in time.
     */
    public Optional<Instant> editWindowClosesAt(MessageState message) {
        return limits.editWindow().map(window -> message.createdAt().plus(window));
    }

    /** May {@code user} delete {@code message} for everyone? */
    public Decision.DeleteForEveryone deleteForEveryone(UserId user, MessageState message) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        if (!message.senderId().equals(user)) {
            return Decision.NOT_FOUND;
        }
        return message.isDeleted() ? Decision.UNCHANGED : Decision.ALLOWED;
    }

    /**
     * May {@code user} hide {@code message} from their own history? {@code alreadyHidden}: whether
     * they did so before.
     */
    public Decision.DeleteForMe deleteForMe(UserId user, MessageState message, boolean alreadyHidden) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        if (!message.involves(user)) {
            return Decision.NOT_FOUND;
        }
        return alreadyHidden ? Decision.UNCHANGED : Decision.ALLOWED;
    }

    /** May {@code user} react to {@code message} with {@code emoji}? */
    public Decision.React react(UserId user, MessageState message, Emoji emoji) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(emoji, "emoji");
        if (!message.involves(user)) {
            return Decision.NOT_FOUND;
        }
        if (message.isDeleted()) {
            return Decision.GONE;
        }
        if (message.reactions().includes(user, emoji)) {
            return Decision.UNCHANGED;
        }
        if (!message.reactions().canAdd(emoji, limits.maxEmojiPerMessage())) {
            return new Decision.TooManyEmoji(limits.maxEmojiPerMessage());
        }
        return Decision.ALLOWED;
    }

    /** May {@code user} take back their reaction {@code emoji} on {@code message}? */
    public Decision.Unreact unreact(UserId user, MessageState message, Emoji emoji) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(emoji, "emoji");
        if (!message.involves(user)) {
            return Decision.NOT_FOUND;
        }
        if (message.isDeleted()) {
            return Decision.GONE;
        }
        return message.reactions().includes(user, emoji) ? Decision.ALLOWED : Decision.UNCHANGED;
    }

    /** May {@code sender}'s new message to {@code recipient} reply to {@code target}? */
    public Decision.Reply reply(UserId sender, UserId recipient, MessageState target) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(target, "target");
        return target.conversationId().isBetween(sender, recipient) ? Decision.ALLOWED : Decision.NOT_FOUND;
    }
}
