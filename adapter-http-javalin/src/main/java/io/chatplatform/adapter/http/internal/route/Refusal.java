package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.chatplatform.application.port.in.Throttled;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An expected refusal of a route: the response the document declares for it and the
 * {@link ApiError} it answers with (through the one error mapper, which adds {@code Retry-After}
 * and {@code WWW-Authenticate}).
 *
 * @param <C> the result it refuses, when the error depends on it (a {@link Throttled}'s wait)
 */
public final class Refusal<C> {

    private final Response<ErrorView> declared;
    private final Function<? super C, ApiError> error;

    private Refusal(Response<ErrorView> declared, Function<? super C, ApiError> error) {
        this.declared = declared;
        this.error = Objects.requireNonNull(error, "error");
    }

    /** {@code status} with {@code {"detail": detail}}, declared with the detail as its description. */
    public static <C> Refusal<C> of(int status, String detail) {
        return of(status, detail, detail);
    }

    /** {@code status} with {@code {"detail": detail}}, declared as {@code description}. */
    public static <C> Refusal<C> of(int status, String description, String detail) {
        return new Refusal<>(Response.error(status, description), result -> new ApiError(status, detail));
    }

    /** 429 with {@code Retry-After}; {@code reason} says which limit, after "Too many requests: ". */
    public static Refusal<Throttled> throttled(String reason) {
        return new Refusal<>(Response.error(429, ApiError.TOO_MANY_REQUESTS + ": " + reason), ApiError::tooManyRequests);
    }

    /**
     * 401: the token outlived its account. Declared by the 401 every authenticated route has in
     * the document, so only such a route may refuse so.
     */
    public static <C> Refusal<C> invalidCredentials() {
        return new Refusal<>(null, result -> ApiError.invalidCredentials());
    }

    /** The response to declare; empty for the authenticated routes' own 401. */
    Optional<Response<ErrorView>> declared() {
        return Optional.ofNullable(declared);
    }

    ApiError error(C result) {
        return error.apply(result);
    }
}
