package io.chatplatform.application.service;

import io.chatplatform.domain.user.UserId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far this instance already recorded deliveries, per recipient and peer: a history page read
 * again, or an acknowledgement repeated, then needs no store round trip. A delivery marker never
 * moves back, so a remembered position is a floor of the stored one; forgetting (when the memo is
 * full, or on another instance) only costs a round trip that moves nothing. Thread-safe.
 */
final class DeliveryMemo {

    private record Pair(UserId recipient, UserId peer) {
    }

    private final int capacity;
    private final Map<Pair, Long> delivered = new ConcurrentHashMap<>();

    /** A memo of at most {@code capacity} pairs; when full it starts over. */
    DeliveryMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Whether the messages of {@code peer} up to {@code seq} are known to be delivered to {@code recipient}. */
    boolean covers(UserId recipient, UserId peer, long seq) {
        return delivered.getOrDefault(new Pair(recipient, peer), 0L) >= seq;
    }

    /** The store holds a delivery marker of at least {@code seq} for the pair. */
    void remember(UserId recipient, UserId peer, long seq) {
        if (delivered.size() >= capacity) {
            // crude but bounded; what is forgotten costs one round trip, never a wrong answer
            delivered.clear();
        }
        delivered.merge(new Pair(recipient, peer), seq, Math::max);
    }
}
