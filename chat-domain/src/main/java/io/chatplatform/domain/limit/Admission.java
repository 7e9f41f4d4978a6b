package io.chatplatform.domain.limit;

import java.time.Duration;
import java.util.Objects;

/** The answer of a rate limiter: go ahead, or wait this long. */
public sealed interface Admission {

    /** Go ahead. */
    Admission ADMITTED = new Admitted();

    /** Whether the action may go ahead. */
    default boolean admitted() {
        return this instanceof Admitted;
    }

    /** The action may go ahead; it has been counted. */
    record Admitted() implements Admission {
    }

    /**
     * The subject has used up its limit; nothing was counted.
     *
     * @param retryAfter when a token will be there again, at least one second (HTTP's
     *                   {@code Retry-After} counts whole seconds)
     */
    record Refused(Duration retryAfter) implements Admission {
        public Refused {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
                retryAfter = Duration.ofSeconds(1);
            }
        }

        /** {@link #retryAfter()} in whole seconds, rounded up. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds();
            return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
        }
    }
}
