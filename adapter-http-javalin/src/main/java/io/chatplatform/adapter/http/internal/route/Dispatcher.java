package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.auth.BearerAuth;
import io.chatplatform.adapter.http.internal.pipeline.AccessLog;
import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.adapter.http.internal.pipeline.ClientAddresses;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.application.port.out.AccessTokens.Grant;
import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.domain.session.UserAgent;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@link Route} into a Javalin handler: authenticate when the route says so, read the
 * inputs, run the action, and write the reply its {@link Outcomes} give for the result (or let
 * the error mapper answer a refusal). The reply is made from a declared response and a body of
 * its type, so nothing here looks at the body's type.
 */
public final class Dispatcher {

    private final BearerAuth auth;
    private final ClientAddresses addresses;
    private final Duration throttledPause;

    /** @param throttledPause how long a 429 waits before it is sent (see {@code HttpSettings}) */
    public Dispatcher(BearerAuth auth, ClientAddresses addresses, Duration throttledPause) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.throttledPause = Objects.requireNonNull(throttledPause, "throttledPause");
    }

    /** A refusal that tells the client to come back later: 429 (a rate limit) or 503 for lack of room. */
    private static boolean backOff(RuntimeException refusal) {
        return refusal instanceof ApiError error && error.status() == 429 || refusal instanceof CapacityExceededException;
    }

    public <R> Handler handlerFor(Route<R> route) {
        return ctx -> {
            AccessLog.route(ctx, route.path());
            // FastAPI resolves the credentials before validating inputs: a bad token wins over a bad body
            Grant caller = route.authenticated() ? auth.authenticate(ctx, route.tokenInQuery()) : null;
            Reply reply;
            try {
                R result = route.action().handle(new Call(new RequestReader(ctx, route.inputs()), caller,
                        () -> addresses.of(ctx), () -> UserAgent.fromHeader(ctx.header(Header.USER_AGENT))));
                reply = route.outcomes().answer(result);
            } catch (RuntimeException refused) {
                if (!backOff(refused) || throttledPause.isZero()) {
                    throw refused;
                }
                // answered later, by the error mapper, from a timer: the request holds no thread while it waits
                ctx.future(() -> CompletableFuture.runAsync(() -> {
                    throw refused;
                }, CompletableFuture.delayedExecutor(throttledPause.toMillis(), TimeUnit.MILLISECONDS)));
                return;
            }
            reply.writeTo(ctx);
        };
    }
}
