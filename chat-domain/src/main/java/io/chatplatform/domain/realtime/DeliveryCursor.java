package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one connection has been given of each conversation: a contiguous run of seqs, from just
 * after a {@code baseline} up to a {@code position}. It decides, for each message arriving live,
 * whether to deliver it (also late, below where the connection started), drop it as already
 * delivered, or first fill a gap (a message committed
 * earlier whose event has not arrived yet, or was lost); and, for a resume, which seqs are
 * missing. Seqs are contiguous per conversation, so a gap is visible. The "seqs" here are
 * positions in the conversation's change stream ({@link ConversationChange#position()}), which
 * number every change, new messages included (decision 0023). Not thread-safe: one per
 * connection, used by that connection's mailbox only.
 */
public final class DeliveryCursor {

    /** What to do with a message that arrived live. */
    public sealed interface Decision {
    }

    /** Deliver it. */
    public record Deliver() implements Decision {
    }

    /** Already delivered, or older than where this connection started: drop it. */
    public record AlreadyDelivered() implements Decision {
    }

    /**
     * Deliver it, though it comes from before the first message this connection was given in the
     * conversation: its event arrived after a newer one (events of concurrent sends may arrive in
     * any order). Delivered as it comes, out of seq order; the client orders by seq.
     */
    public record DeliverLate() implements Decision {
    }

    /** Deliver the messages with seqs {@code fromSeq..toSeq} (read from the store) first, then it. */
    public record FillGap(long fromSeq, long toSeq) implements Decision {
        /** How many messages are missing. */
        public long size() {
            return toSeq - fromSeq + 1;
        }
    }

    /** Seqs {@code afterSeq + 1 .. upToSeq} (inclusive) are to be replayed. */
    public record Span(long afterSeq, long upToSeq) {
        public Span {
            if (afterSeq < 0 || upToSeq <= afterSeq) {
                throw new IllegalArgumentException("a span needs 0 <= afterSeq < upToSeq, was " + afterSeq + ".." + upToSeq);
            }
        }
    }

    /**
     * Seqs baseline+1..position were delivered. A blind run began with a live message, not with a
     * resume or a skip: nobody said what the client has below it, so a late event below it is
     * still news.
     */
    private record Run(long baseline, long position, boolean blind) {
    }

    private final Map<ConversationId, Run> runs = new HashMap<>();

    /**
     * Decides about message {@code seq} of {@code conversation}. In a conversation this connection
     * has not seen yet, the first message is delivered as it is: there is no position to be gap-free
     * from (a client that wants what came before asks with a resume or through the HTTP API).
     */
    public Decision decide(ConversationId conversation, long seq) {
        Objects.requireNonNull(conversation, "conversation");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        Run run = runs.get(conversation);
        if (run == null || seq == run.position() + 1) {
            return new Deliver();
        }
        if (seq <= run.position()) {
            return run.blind() && seq <= run.baseline() ? new DeliverLate() : new AlreadyDelivered();
        }
        return new FillGap(run.position() + 1, seq - 1);
    }

    /**
     * Records that message {@code seq} of {@code conversation} was delivered: right after the run,
     * as the first of a conversation (a blind run), or late, just below a blind run, which then
     * starts before it. (A late one further below is not recorded: a resume may repeat it.)
     */
    public void delivered(ConversationId conversation, long seq) {
        Objects.requireNonNull(conversation, "conversation");
        runs.merge(conversation, new Run(seq - 1, seq, true), (run, first) -> run.blind() && seq == run.baseline()
                ? new Run(seq - 1, run.position(), true)
                : new Run(run.baseline(), Math.max(run.position(), seq), run.blind()));
    }

    /**
     * Moves the run to start after {@code seq}, delivering nothing: the client will fetch what
     * lies before through the HTTP API (after a truncated replay or a gap too large to fill).
     */
    public void skipTo(ConversationId conversation, long seq) {
        Objects.requireNonNull(conversation, "conversation");
        if (seq < 0) {
            throw new IllegalArgumentException("seq cannot be negative, was " + seq);
        }
        Run run = runs.get(conversation);
        if (run == null || seq > run.position()) {
            runs.put(conversation, new Run(seq, seq, false));
        }
    }

    /**
     * What a resume from {@code known} (the last seq the client has) must replay when the
     * conversation stands at {@code lastSeq}: what lies before this connection's run, and what
     * comes after it, never what it already delivered. Afterwards the run covers
     * {@code known..lastSeq} once the spans are {@link #replayed replayed}.
     */
    public List<Span> missing(ConversationId conversation, long known, long lastSeq) {
        Objects.requireNonNull(conversation, "conversation");
        if (known < 0) {
            throw new IllegalArgumentException("known cannot be negative, was " + known);
        }
        List<Span> spans = new ArrayList<>(2);
        Run run = runs.get(conversation);
        if (run == null) {
            if (lastSeq > known) {
                spans.add(new Span(known, lastSeq));
            }
            return spans;
        }
        if (known < run.baseline()) {
            spans.add(new Span(known, run.baseline()));
        }
        long from = Math.max(known, run.position());
        if (lastSeq > from) {
            spans.add(new Span(from, lastSeq));
        }
        return spans;
    }

    /**
     * Records a replay from {@code known} up to {@code reached}: with the run as it was, the
     * connection now has {@code known+1..max(reached, position)}.
     */
    public void replayed(ConversationId conversation, long known, long reached) {
        Objects.requireNonNull(conversation, "conversation");
        Run run = runs.get(conversation);
        if (run == null) {
            runs.put(conversation, new Run(known, Math.max(known, reached), false));
        } else {
            runs.put(conversation, new Run(Math.min(run.baseline(), known), Math.max(run.position(), reached), false));
        }
    }

    /** The highest seq delivered in the conversation (or skipped to), if any. */
    public OptionalLong position(ConversationId conversation) {
        Run run = runs.get(conversation);
        return run == null ? OptionalLong.empty() : OptionalLong.of(run.position());
    }
}
