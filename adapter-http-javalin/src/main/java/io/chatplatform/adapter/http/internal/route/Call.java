package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.limit.ClientAddress;
import java.util.Objects;
import java.util.function.Supplier;

/** What an action sees of a request: its inputs and, on authenticated routes, who is calling. */
public final class Call {

    private final RequestReader in;
    private final UserId caller;
    private final Supplier<ClientAddress> from;

    Call(RequestReader in, UserId caller, Supplier<ClientAddress> from) {
        this.in = Objects.requireNonNull(in, "in");
        this.caller = caller;
        this.from = Objects.requireNonNull(from, "from");
    }

    /** Where the request came from (behind a trusted proxy, where the proxy says it came from). */
    public ClientAddress from() {
        return from.get();
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
