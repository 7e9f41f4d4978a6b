package io.chatplatform.adapter.http.internal.live;

import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.Optional;

/**
 * How many more messages one connection's client may send now (bucket4j's local token bucket:
 * a connection lives on one instance, so its count needs no sharing). A client that goes on
 * sending well past its allowance is closed: it is not a client that reads its errors.
 */
final class FrameBudget {

    /** Unlimited. */
    static final FrameBudget UNLIMITED = new FrameBudget(null, Long.MAX_VALUE);

    /** What {@link #take} decided. */
    enum Verdict {
        /** Act on the message. */
        ADMITTED,
        /** Do not act on it; tell the client once per run of refusals. */
        REFUSED_FIRST,
        /** Do not act on it; already told. */
        REFUSED_AGAIN,
        /** Refused for as many messages in a row as the burst allows: close the connection. */
        FLOODING
    }

    private final Bucket bucket;
    private final long floodAfter;
    // one connection's messages arrive one at a time (Jetty), so no lock
    private long refusedInARow;

    private FrameBudget(Bucket bucket, long floodAfter) {
        this.bucket = bucket;
        this.floodAfter = floodAfter;
    }

    /** A fresh budget per connection, or {@link #UNLIMITED}. */
    static FrameBudget of(Optional<RateLimit> limit) {
        if (limit.isEmpty()) {
            return UNLIMITED;
        }
        LocalBucketBuilder builder = Bucket.builder();
        long burst = Long.MAX_VALUE;
        for (Bandwidth bandwidth : limit.get().bandwidths()) {
            builder.addLimit(spec -> spec.capacity(bandwidth.capacity()).refillGreedy(bandwidth.capacity(), bandwidth.period()));
            burst = Math.min(burst, bandwidth.capacity());
        }
        return new FrameBudget(builder.build(), burst);
    }

    /** Counts one client message. */
    Verdict take() {
        if (bucket == null || bucket.tryConsume(1)) {
            refusedInARow = 0;
            return Verdict.ADMITTED;
        }
        refusedInARow++;
        if (refusedInARow > floodAfter) {
            return Verdict.FLOODING;
        }
        return refusedInARow == 1 ? Verdict.REFUSED_FIRST : Verdict.REFUSED_AGAIN;
    }
}
