package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.auth.BearerAuth;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.pipeline.AccessLog;
import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.adapter.http.internal.pipeline.ClientAddresses;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.domain.user.UserId;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@link Route} into a Javalin handler: authenticate when the route says so, read the
 * inputs, run the action, and write its answer after checking that it is one the route declared.
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

    public Handler handlerFor(Route route) {
        return ctx -> {
            AccessLog.route(ctx, route.path());
            // FastAPI resolves the credentials before validating inputs: a bad token wins over a bad body
            UserId caller = route.authenticated() ? auth.authenticate(ctx, route.tokenInQuery()) : null;
            Object result;
            try {
                result = route.action().handle(new Call(new RequestReader(ctx, route.inputs()), caller, () -> addresses.of(ctx)));
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
            Response response = route.success();
            Object body = result;
            if (result instanceof Reply reply) {
                response = route.response(reply.status()).orElseThrow(() -> new IllegalStateException(
                        route.method() + " " + route.path() + " answered undeclared status " + reply.status()));
                body = reply.body();
            }
            if (body instanceof Reply.RenderedJson rendered && Response.JSON.equals(response.mediaType())) {
                ctx.status(response.status()).contentType(Json.MEDIA_TYPE).result(rendered.json());
                return;
            }
            if (body == null || !response.admits(body)) {
                throw new IllegalStateException(route.method() + " " + route.path() + " answered "
                        + (body == null ? "null" : body.getClass().getName())
                        + " where it declares " + response.type().getName());
            }
            if (body instanceof Reply.Raw raw) {
                ctx.status(response.status()).contentType(raw.contentType()).result(raw.content());
            } else if (body instanceof Reply.Html html) {
                ctx.status(response.status()).contentType("text/html; charset=utf-8").result(html.content());
            } else {
                Json.respond(ctx, response.status(), body);
            }
        };
    }
}
