package io.chatplatform.application.port.in;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.block.BlockPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a direct message; a user may send to themself (notes to self).
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface SendMessage {

    Result send(Command command);

    /**
     * A message to send. With a client message id, a retried command returns the message the first
     * attempt stored instead of storing it again. With {@code replyTo}, it answers that message,
     * which must be of the same conversation (also a deleted one: its tombstone stays).
     */
    record Command(UserId sender, UserId recipient, MessageContent content, Optional<ClientMessageId> clientMessageId,
                   Optional<MessageId> replyTo) {
        public Command {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            Objects.requireNonNull(replyTo, "replyTo");
        }

        /** A message that replies to nothing. */
        public Command(UserId sender, UserId recipient, MessageContent content, Optional<ClientMessageId> clientMessageId) {
            this(sender, recipient, content, clientMessageId, Optional.empty());
        }
    }

    /** What became of a send: {@link Throttled} when the sender sent too much lately (nothing was stored). */
    sealed interface Result permits Sent, AlreadySent, RecipientNotFound, ReplyNotFound, SenderUnknown, Blocked, Throttled {
    }

    /** The message is stored and announced. */
    record Sent(Message message) implements Result {
        public Sent {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A retry: the message was stored by an earlier attempt with the same client message id. */
    record AlreadySent(Message message) implements Result {
        public AlreadySent {
            Objects.requireNonNull(message, "message");
        }
    }

    /** No user has the recipient's id; nothing was stored. */
    record RecipientNotFound() implements Result {
    }

    /**
     * The message to reply to is not in the conversation of sender and recipient (or does not
     * exist: the answer does not say which); nothing was stored.
     */
    record ReplyNotFound() implements Result {
    }

    /** The sender's account no longer exists (a token outliving its user); nothing was stored. */
    record SenderUnknown() implements Result {
    }

    /**
     * A block stands between sender and recipient ({@code why} says which way); nothing was stored.
     * The block is checked first: a retry of a message stored before the block is refused too.
     */
    record Blocked(BlockPolicy.SendRefusal why) implements Result {
        public Blocked {
            Objects.requireNonNull(why, "why");
        }
    }
}
