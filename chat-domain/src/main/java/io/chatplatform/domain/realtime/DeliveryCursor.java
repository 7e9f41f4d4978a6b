package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one connection has been given of each conversation: the highest seq delivered. It decides,
 * for each message arriving live, whether to deliver it, drop it as already delivered, or first
 * fill a gap (a message committed earlier whose event has not arrived yet, or was lost). Seqs are
 * contiguous per conversation, so a gap is visible. Not thread-safe: one per connection, used
 * under that connection's lock.
 */
public final class DeliveryCursor {

    /** What to do with a message that arrived live. */
    public sealed interface Decision {
    }

    /** Deliver it. */
    public record Deliver() implements Decision {
    }

    /** Already delivered (by replay or an earlier event): drop it. */
    public record AlreadyDelivered() implements Decision {
    }

    /** Deliver the messages with seqs {@code fromSeq..toSeq} (read from the store) first, then it. */
    public record FillGap(long fromSeq, long toSeq) implements Decision {
    }

    private final Map<ConversationId, Long> delivered = new HashMap<>();

    /**
     * Decides about message {@code seq} of {@code conversation}. In a conversation this connection
     * has not seen yet, the first message is delivered as it is: there is no position to be gap-free
     * from (a client that wants history asks with a resume or through the HTTP API).
     */
    public Decision decide(ConversationId conversation, long seq) {
        Objects.requireNonNull(conversation, "conversation");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        Long last = delivered.get(conversation);
        if (last == null || seq == last + 1) {
            return new Deliver();
        }
        if (seq <= last) {
            return new AlreadyDelivered();
        }
        return new FillGap(last + 1, seq - 1);
    }

    /** Records that message {@code seq} of {@code conversation} was delivered; never moves back. */
    public void delivered(ConversationId conversation, long seq) {
        delivered.merge(Objects.requireNonNull(conversation, "conversation"), seq, Math::max);
    }

    /** Sets the position a client says it has reached (from a resume), unless further was delivered. */
    public void startAt(ConversationId conversation, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq cannot be negative, was " + seq);
        }
        delivered.merge(Objects.requireNonNull(conversation, "conversation"), seq, Math::max);
    }

    /** The highest seq delivered in the conversation, if any. */
    public OptionalLong position(ConversationId conversation) {
        Long last = delivered.get(conversation);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }
}
