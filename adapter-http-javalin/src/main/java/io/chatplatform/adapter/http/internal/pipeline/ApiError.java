package io.chatplatform.adapter.http.internal.pipeline;

import io.chatplatform.application.port.in.Throttled;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An expected refusal with a human-readable reason, answered as {@code {"detail": "..."}} with
 * its status by {@link ErrorMapper}, so that every error has the same shape. Routes do not throw
 * it themselves: their expected refusals are declared as
 * {@link io.chatplatform.adapter.http.internal.route.Refusal}s, which answer with it.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The detail of every 429, as the API contract words it. */
    public static final String TOO_MANY_REQUESTS = "Too many requests";

    private final int status;
    private final String detail;
    private final long retryAfterSeconds;

    public ApiError(int status, String detail) {
        this(status, detail, 0);
    }

    private ApiError(int status, String detail, long retryAfterSeconds) {
        super(status + " " + detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error needs a 4xx or 5xx status, was " + status);
        }
        this.status = status;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A rate limit was reached: 429 with {@code Retry-After}. */
    public static ApiError tooManyRequests(Throttled throttled) {
        return new ApiError(429, TOO_MANY_REQUESTS, throttled.retryAfterSeconds());
    }

    /** No credentials were presented. */
    public static ApiError notAuthenticated() {
        return new ApiError(401, "Not authenticated");
    }

    /** Credentials were presented but are not (or no longer) good. */
    public static ApiError invalidCredentials() {
        return new ApiError(401, "Could not validate credentials");
    }

    /** Seconds for {@code Retry-After}; empty when the answer has no such header. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds > 0 ? OptionalLong.of(retryAfterSeconds) : OptionalLong.empty();
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
