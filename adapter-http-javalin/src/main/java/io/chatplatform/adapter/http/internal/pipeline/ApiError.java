package io.chatplatform.adapter.http.internal.pipeline;

import java.util.Objects;

/**
 * An expected refusal with a human-readable reason, answered as {@code {"detail": "..."}} with
 * its status by {@link ErrorMapper}. Handlers throw it instead of writing error bodies themselves,
 * so that every error has the same shape.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;

    public ApiError(int status, String detail) {
        super(status + " " + detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error needs a 4xx or 5xx status, was " + status);
        }
        this.status = status;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, detail);
    }

    /** No credentials were presented. */
    public static ApiError notAuthenticated() {
        return new ApiError(401, "Not authenticated");
    }

    /** Credentials were presented but are not (or no longer) good. */
    public static ApiError invalidCredentials() {
        return new ApiError(401, "Could not validate credentials");
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
