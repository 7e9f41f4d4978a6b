package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.adapter.http.internal.request.FieldError;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.request.ValidationFailed;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.chatplatform.adapter.http.internal.view.ValidationErrorView;
import io.chatplatform.application.port.in.Throttled;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An expected refusal of a route: the response the document declares for it and the
 * {@link ApiError} it answers with (through the one error mapper, which adds {@code Retry-After}
 * and {@code WWW-Authenticate}), or, for an input the use case found wrong, the
 * {@link ValidationFailed} every 422 is made from.
 *
 * @param <C> the result it refuses, when the error depends on it (a {@link Throttled}'s wait)
 */
public final class Refusal<C> {

    private final Response<?> declared;
    private final Function<? super C, ? extends RuntimeException> error;

    private Refusal(Response<?> declared, Function<? super C, ? extends RuntimeException> error) {
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

    /**
     * {@code declared}'s status with {@code {"detail": ...}} made from the refused result. Several
     * refusals of one route share one declared response this way: one 409 whose detail says which
     * conflict it was (a deleted message, a closed edit window).
     */
    public static <C> Refusal<C> of(Response<ErrorView> declared, Function<? super C, String> detail) {
        Objects.requireNonNull(detail, "detail");
        int status = declared.status();
        return new Refusal<>(declared, result -> new ApiError(status, detail.apply(result)));
    }

    /**
     * 422 naming {@code input}, in the shape of every validation error: the value was well formed,
     * but the use case found it does not fit (a reply to a message of another conversation).
     * {@code description} is the document's description of the route's 422, which this refusal
     * declares in place of the one every route with inputs has.
     */
    public static <C> Refusal<C> invalid(Input<?> input, String reason, String description) {
        Objects.requireNonNull(reason, "reason");
        List<Object> loc = RequestReader.loc(input);
        return new Refusal<>(Response.json(422, description, ValidationErrorView.class),
                result -> new ValidationFailed(List.of(FieldError.valueError(loc, input.locName(), reason))));
    }

    /**
     * As {@link #invalid}, with {@code msg} as the whole message rather than "{@code <input>
     * <reason>}": for a refusal that reads best as a sentence to the user ("You cannot block
     * yourself").
     */
    public static <C> Refusal<C> invalidSaying(Input<?> input, String msg, String description) {
        Objects.requireNonNull(msg, "msg");
        List<Object> loc = RequestReader.loc(input);
        return new Refusal<>(Response.json(422, description, ValidationErrorView.class),
                result -> new ValidationFailed(List.of(new FieldError(loc, msg, "value_error"))));
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
    Optional<Response<?>> declared() {
        return Optional.ofNullable(declared);
    }

    RuntimeException error(C result) {
        return error.apply(result);
    }
}
