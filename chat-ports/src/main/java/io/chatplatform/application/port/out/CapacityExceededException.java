package io.chatplatform.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * The service has no room for this work now: the bounded pool that runs CPU-heavy work (password
 * hashing) has a full queue. The request is refused at once, rather than queued without bound,
 * so that one kind of request cannot starve the others; the caller may retry after
 * {@link #retryAfter()}.
 */
public final class CapacityExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param work       what had no room, e.g. "password hashing"
     * @param retryAfter a fair time to wait before trying again
     */
    public CapacityExceededException(String work, Duration retryAfter) {
        super(Objects.requireNonNull(work, "work") + " is at capacity", null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When trying again is reasonable. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
