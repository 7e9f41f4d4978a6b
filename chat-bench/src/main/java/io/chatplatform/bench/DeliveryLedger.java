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
 */
public final class DeliveryLedger {

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

    /** The send of {@code messageId} to {@code receiver} was answered 200 at {@code acceptedNanos}. */
    public void accepted(int receiver, long messageId, long acceptedNanos) {
        receivers[receiver].expected.add(messageId);
        match(messageId, acceptedNanos, true);
    }

    /**
     * A {@code message.created} frame arrived at {@code receiver}.
     *
     * @param senderId  the message's sender; a receiver's own message is an echo, counted apart
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
        match(messageId, arrivalNanos, false);
    }

    private void match(long messageId, long nanos, boolean isAcceptance) {
        pending.compute(messageId, (id, times) -> {
            if (times == null) {
                return isAcceptance ? new long[]{nanos, Long.MIN_VALUE} : new long[]{Long.MIN_VALUE, nanos};
            }
            long accepted = isAcceptance ? nanos : times[0];
            long arrived = isAcceptance ? times[1] : nanos;
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
