package io.chatplatform.adapter.http.internal.route;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One declared response with its body, ready to be written. Made only by {@link Response#reply}
 * from a body of the response's type, so the dispatcher writes it without looking at the body.
 */
final class Reply {

    private final Response<?> response;
    private final Consumer<Context> write;

    Reply(Response<?> response, Consumer<Context> write) {
        this.response = Objects.requireNonNull(response, "response");
        this.write = Objects.requireNonNull(write, "write");
    }

    Response<?> response() {
        return response;
    }

    void writeTo(Context ctx) {
        write.accept(ctx);
    }
}
