package io.chatplatform.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which messages each WebSocket receiver should get and which it got: lost, duplicated and
 * unexpected messages, and the delivery latency of each message.
 *
 * <p>A message is <em>expected</em> by its recipient once its {@code POST /send} was answered 200
 * ({@link #accepted}); a frame {@link #received} for it counts once, any further frame for the same
 * message is a duplicate. The two events may come in either order (the frame often beats the HTTP
 * response): the delivery latency, from the response to the frame, is recorded when the second one
 * arrives, as 0 when the frame came first. After the run and a drain period, {@link #tally} counts
 * as lost every expected message that never arrived, and as unexpected every arrival that was never
 * expected (a send that timed out but was stored, for instance).
 *
 * <p>The same ledger tracks changes to messages (edits, reactions) when each change has an id of its
 * own ({@link #changeId}): a second ledger beside the one of messages. A change's frame carries no
 * time of its own, so its end-to-end latency is measured from the start the acceptance reports.
 */
public final class DeliveryLedger {

    /** A change of a message's content, for {@link #changeId}. */
    public static final int EDIT = 1;
    /** A reaction added to a message, for {@link #changeId}. */
    public static final int REACTION = 2;

    private final Receiver[] receivers;
    private final Metrics.Op delivery;
    private final Metrics.Op endToEnd;
    private final ConcurrentHashMap<Long, long[]> pending = new ConcurrentHashMap<>();
    private final LongAdder framesBeforeResponse = new LongAdder();

    /**
     * @param receiverUserIds the user id of each receiver (index = receiver number)
     * @param delivery        where the latency from the send's response to the frame goes (may be null)
     * @param endToEnd        where the latency from the send's start to the frame goes (may be null)
     */
    public DeliveryLedger(long[] receiverUserIds, Metrics.Op delivery, Metrics.Op endToEnd) {
        this.receivers = new Receiver[receiverUserIds.length];
        for (int i = 0; i < receivers.length; i++) {
            receivers[i] = new Receiver(receiverUserIds[i]);
        }
        this.delivery = delivery;
        this.endToEnd = endToEnd;
    }

    /**
     * The id under which a change of {@code kind} to message {@code messageId} is tracked: one per
     * message and kind, so a scenario that tracks changes makes at most one of each kind per message.
     */
    public static long changeId(long messageId, int kind) {
        if (kind != EDIT && kind != REACTION) {
            throw new IllegalArgumentException("no change kind " + kind);
        }
        return messageId * 4 + kind;
    }

    /** The send of {@code messageId} to {@code receiver} was answered 200 at {@code acceptedNanos}. */
    public void accepted(int receiver, long messageId, long acceptedNanos) {
        accepted(receiver, messageId, -1, acceptedNanos);
    }

    /**
     * The request for {@code id}, started at {@code startNanos} (negative: unknown), was answered 200
     * at {@code acceptedNanos}: the end-to-end latency is then measured from the start, once the frame
     * is there too, for frames that carry no time of their own.
     */
    public void accepted(int receiver, long id, long startNanos, long acceptedNanos) {
        receivers[receiver].expected.add(id);
        match(id, acceptedNanos, startNanos, true);
    }

    /**
     * A {@code message.created} frame arrived at {@code receiver} (or, in a ledger of changes, the
     * frame of the change with that {@link #changeId}).
     *
     * @param senderId  the message's sender (the change's author); a receiver's own is an echo, counted apart
     * @param sentNanos when its send started (read from the content), or a negative number if unknown
     */
    public void received(int receiver, long messageId, long senderId, long sentNanos, long arrivalNanos) {
        Receiver r = receivers[receiver];
        if (senderId == r.userId) {
            r.echoes.increment();
            return;
        }
        if (!r.received.add(messageId)) {
            r.duplicates.increment();
            return;
        }
        if (sentNanos >= 0 && endToEnd != null) {
            endToEnd.record(Math.max(0, arrivalNanos - sentNanos));
        }
        match(messageId, arrivalNanos, -1, false);
    }

    /** Pairs an acceptance (with its start, or -1) and an arrival, whichever comes second records the latencies. */
    private void match(long messageId, long nanos, long startNanos, boolean isAcceptance) {
        pending.compute(messageId, (id, times) -> {
            if (times == null) {
                return isAcceptance ? new long[]{nanos, Long.MIN_VALUE, startNanos}
                        : new long[]{Long.MIN_VALUE, nanos, -1};
            }
            long accepted = isAcceptance ? nanos : times[0];
            long arrived = isAcceptance ? times[1] : nanos;
            long started = isAcceptance ? startNanos : times[2];
            if (accepted == Long.MIN_VALUE || arrived == Long.MIN_VALUE) {
                // the same event twice (a duplicate acceptance): keep waiting for the other
                return times;
            }
            if (arrived < accepted) {
                framesBeforeResponse.increment();
            }
            if (delivery != null) {
                delivery.record(Math.max(0, arrived - accepted));
            }
            if (started >= 0 && endToEnd != null) {
                endToEnd.record(Math.max(0, arrived - started));
            }
            return null;
        });
    }

    /** Whether every expected message has arrived (to end the drain period early). */
    public boolean complete() {
        for (Receiver r : receivers) {
            if (!r.received.containsAll(r.expected)) {
                return false;
            }
        }
        return true;
    }

    public Tally tally() {
        long expected = 0;
        long delivered = 0;
        long duplicated = 0;
        long unexpected = 0;
        long echoes = 0;
        int withLoss = 0;
        int withDuplicates = 0;
        for (Receiver r : receivers) {
            Set<Long> want = Set.copyOf(r.expected);
            Set<Long> got = Set.copyOf(r.received);
            long rDelivered = want.stream().filter(got::contains).count();
            long rDuplicates = r.duplicates.sum();
            expected += want.size();
            delivered += rDelivered;
            unexpected += got.stream().filter(id -> !want.contains(id)).count();
            duplicated += rDuplicates;
            echoes += r.echoes.sum();
            withLoss += rDelivered < want.size() ? 1 : 0;
            withDuplicates += rDuplicates > 0 ? 1 : 0;
        }
        return new Tally(expected, delivered, expected - delivered, duplicated, unexpected, echoes,
                framesBeforeResponse.sum(), withLoss, withDuplicates);
    }

    public record Tally(long expected, long delivered, long lost, long duplicated, long unexpected, long ownEchoes,
                        long framesBeforeResponse, int receiversWithLoss, int receiversWithDuplicates) {
    }

    private static final class Receiver {
        final long userId;
        final Set<Long> expected = ConcurrentHashMap.newKeySet();
        final Set<Long> received = ConcurrentHashMap.newKeySet();
        final LongAdder duplicates = new LongAdder();
        final LongAdder echoes = new LongAdder();

        Receiver(long userId) {
            this.userId = userId;
        }
    }
}
