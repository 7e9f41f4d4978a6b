package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/** What an action sees of a request: its inputs and, on authenticated routes, who is calling. */
public final class Call {

    private final RequestReader in;
    private final UserId caller;

    Call(RequestReader in, UserId caller) {
        this.in = Objects.requireNonNull(in, "in");
        this.caller = caller;
    }

    /** The request's declared inputs. */
    public RequestReader in() {
        return in;
    }

    /** The authenticated caller. */
    public UserId caller() {
        if (caller == null) {
            throw new IllegalStateException("caller() called on a route that is not authenticated");
        }
        return caller;
    }
}
