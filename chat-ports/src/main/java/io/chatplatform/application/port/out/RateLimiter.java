package io.chatplatform.application.port.out;

import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.RateLimit;

/**
 * Counts actions in token buckets, one per {@link RateLimit#action() limited action} and subject
 * (a user id, a lower-cased username, a client address). With several instances the buckets are
 * shared, so a limit holds across them.
 *
 * <p>Never throws for a store that is down: an implementation backed by a shared store keeps
 * counting per instance while the store is away, so the limits keep working, only less
 * precisely. Thread-safe: called concurrently by every request.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface RateLimiter {

    /** Admits everything and counts nothing. */
    RateLimiter UNLIMITED = new RateLimiter() {
        @Override
        public Admission acquire(RateLimit limit, String subject) {
            return Admission.ADMITTED;
        }

        @Override
        public void release(RateLimit limit, String subject) {
        }
    };

    /**
     * Takes one token from every bandwidth of the subject's bucket, or none when one of them is
     * empty.
     *
     * @param subject who is limited; at most a few hundred characters (adapters use it in keys)
     * @return admitted (and counted), or refused with the time until a token is back
     */
    Admission acquire(RateLimit limit, String subject);

    /**
     * Gives back one token that {@link #acquire} took, because the action turned out not to count
     * (a login that succeeded is not a failed login). Never above the bucket's capacity.
     */
    void release(RateLimit limit, String subject);
}
