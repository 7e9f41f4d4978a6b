package io.chatplatform.application.port.out;

/**
 * A store cannot be reached or did not answer in time. Adapters translate their infrastructure's
 * connection failures into this, so that callers can answer "try again later" instead of
 * reporting a bug.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
