package io.chatplatform.application.port.in;

import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.LimitedAction;
import java.time.Duration;
import java.util.Objects;

/**
 * The caller has used up a rate limit; nothing was done. One outcome shared by every use case
 * that is limited, so that an adapter answers it the same way everywhere (HTTP: 429 with
 * {@code Retry-After}).
 *
 * @param action     which limit was reached
 * @param retryAfter when the caller may try again
 */
public record Throttled(LimitedAction action, Duration retryAfter)
        implements ChangeMessage.Result, LogIn.Result, RegisterUser.Result, SendMessage.Result, SearchUsers.Result,
        RefreshSession.Result, ManageSessions.ListResult, ManageSessions.EndResult {

    public Throttled {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The outcome for a refusal of {@code action}'s limiter. */
    public static Throttled by(LimitedAction action, Admission.Refused refused) {
        return new Throttled(action, refused.retryAfter());
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return new Admission.Refused(retryAfter).retryAfterSeconds();
    }
}
