package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.auth.BearerAuth;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.pipeline.AccessLog;
import io.chatplatform.adapter.http.internal.pipeline.ClientAddresses;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.domain.user.UserId;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * Turns a {@link Route} into a Javalin handler: authenticate when the route says so, read the
 * inputs, run the action, and write its answer after checking that it is one the route declared.
 */
public final class Dispatcher {

    private final BearerAuth auth;
    private final ClientAddresses addresses;

    public Dispatcher(BearerAuth auth, ClientAddresses addresses) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    public Handler handlerFor(Route route) {
        return ctx -> {
            AccessLog.route(ctx, route.path());
            // FastAPI resolves the credentials before validating inputs: a bad token wins over a bad body
            UserId caller = route.authenticated() ? auth.authenticate(ctx, route.tokenInQuery()) : null;
            Object result = route.action().handle(new Call(new RequestReader(ctx, route.inputs()), caller, () -> addresses.of(ctx)));
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
