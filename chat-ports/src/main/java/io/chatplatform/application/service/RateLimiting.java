package io.chatplatform.application.service;

import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured limits, applied through a {@link RateLimiter}: what the services ask before a
 * limited action. An action without a configured limit is always admitted, without asking the
 * limiter. Every refusal is reported to the metrics.
 */
public final class RateLimiting {

    /** Limits nothing. */
    public static final RateLimiting NONE = new RateLimiting(RateLimiter.UNLIMITED, RateLimits.none(), ChatMetrics.NONE);

    private final RateLimiter limiter;
    private final RateLimits limits;
    private final ChatMetrics metrics;

    public RateLimiting(RateLimiter limiter, RateLimits limits, ChatMetrics metrics) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Counts one {@code action} of {@code subject}; the refusal when its limit is used up. */
    Optional<Throttled> acquire(LimitedAction action, String subject) {
        Optional<RateLimit> limit = limits.of(action);
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        Admission admission = limiter.acquire(limit.get(), subject);
        if (admission instanceof Admission.Refused refused) {
            metrics.throttled(action);
            return Optional.of(Throttled.by(action, refused));
        }
        return Optional.empty();
    }

    /** Uncounts one {@code action} of {@code subject} that {@link #acquire} counted. */
    void release(LimitedAction action, String subject) {
        limits.of(action).ifPresent(limit -> limiter.release(limit, subject));
    }

    /** The limits applied. */
    public RateLimits limits() {
        return limits;
    }
}
