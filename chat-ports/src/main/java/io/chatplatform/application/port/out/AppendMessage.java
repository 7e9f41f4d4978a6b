package io.chatplatform.application.port.out;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores a message in its conversation, creating the conversation on first contact.
 *
 * <p>One call is one transaction: the message gets the conversation's next seq and the next
 * position of its change stream, both
 * participants' conversation lists move to it, and the sender's read marker moves to it. Two
 * first messages between the same pair at the same instant yield one conversation; concurrent
 * sends into one conversation get contiguous seqs.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface AppendMessage {

    /** Stores the message, or finds the one already stored under the same client message id. */
    Outcome append(NewMessage message);

    /** One side of a conversation, with the username the other side's list shows. */
    record Participant(UserId id, Username username) {
        public Participant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
        }
    }

    /** A message to be stored; {@code replyTo} was checked to be a message of the same conversation. */
    record NewMessage(Participant sender, Participant recipient, MessageContent content,
                      Optional<ClientMessageId> clientMessageId, Instant sentAt, Optional<MessageId> replyTo) {
        public NewMessage {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(replyTo, "replyTo");
        }

        /** A message that replies to nothing. */
        public NewMessage(Participant sender, Participant recipient, MessageContent content,
                          Optional<ClientMessageId> clientMessageId, Instant sentAt) {
            this(sender, recipient, content, clientMessageId, sentAt, Optional.empty());
        }
    }

    /** What became of an append. */
    sealed interface Outcome {
        /** The stored message. */
        Message message();
    }

    /** The message is stored now, at {@code position} of its conversation's change stream. */
    record Appended(Message message, long position) implements Outcome {
        public Appended {
            Objects.requireNonNull(message, "message");
            if (position < message.seq()) {
                throw new IllegalArgumentException("every message is a change: position " + position
                        + " cannot be below seq " + message.seq());
            }
        }
    }

    /** The sender had already sent a message with this client message id; here it is, unchanged. */
    record AlreadyAppended(Message message) implements Outcome {
        public AlreadyAppended {
            Objects.requireNonNull(message, "message");
        }
    }
}
