package io.chatplatform.adapter.http.internal.request;

import java.util.List;

/** A request broke one or more input rules; answered with 422 and every {@link FieldError}. */
public final class ValidationFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(errors.size() + " invalid input(s)", null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
