package io.chatplatform.adapter.http.internal.pipeline;

import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.request.FieldError;
import io.chatplatform.adapter.http.internal.request.ValidationFailed;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.chatplatform.adapter.http.internal.view.ServerErrorView;
import io.chatplatform.adapter.http.internal.view.ValidationErrorView;
import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.application.port.out.StoreUnavailableException;
import io.chatplatform.domain.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become answers. Every error body is {@code {"detail": ...}}:
 * a list of field errors for 422, a sentence otherwise, plus the request id for faults on our
 * side. Faults are logged with that id; the body never carries a stack trace or an exception
 * message, which could reveal internals.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String INTERNAL_SERVER_ERROR = "Internal Server Error";

    /** The detail of a 503 for work the service has no room for now. */
    public static final String BUSY = "Too busy, try again shortly";

    private ErrorMapper() {
    }

    /** Routes every exception of every request here, including Javalin's own 404, 405 and 413. */
    public static void install(RoutesConfig routes) {
        routes.exception(Exception.class, ErrorMapper::handle);
        // Javalin maps its HttpResponseException itself (as text or its own JSON) unless told otherwise
        routes.exception(HttpResponseException.class, ErrorMapper::handle);
    }

    static void handle(Exception exception, Context ctx) {
        if (exception instanceof ValidationFailed failed) {
            Json.respond(ctx, 422, new ValidationErrorView(failed.errors()));
        } else if (exception instanceof ApiError error) {
            if (error.status() == 401) {
                ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
            }
            error.retryAfterSeconds().ifPresent(seconds -> ctx.header(Header.RETRY_AFTER, Long.toString(seconds)));
            if (error.status() == 426) {
                ctx.header(Header.UPGRADE, "websocket");
                ctx.header(Header.CONNECTION, "Upgrade");
            }
            Json.respond(ctx, error.status(), new ErrorView(error.detail()));
        } else if (exception instanceof InvalidValueException invalid) {
            // a domain rule the route did not check itself; still the client's input
            FieldError error = FieldError.valueError(List.of(invalid.field()), invalid.field(), invalid.reason());
            Json.respond(ctx, 422, new ValidationErrorView(List.of(error)));
        } else if (exception instanceof HttpResponseException response) {
            answerJavalinResponse(response, ctx);
        } else if (exception instanceof CapacityExceededException busy) {
            // expected under a flood, and counted by the metrics: not worth a log line per request
            ctx.header(Header.RETRY_AFTER, Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
            Json.respond(ctx, 503, new ServerErrorView(BUSY, RequestIds.of(ctx)));
        } else if (exception instanceof StoreUnavailableException unavailable) {
            String requestId = RequestIds.of(ctx);
            LOG.warn("Store unavailable answering {} {} request_id={}: {}", ctx.method().name(), ctx.path(), requestId,
                    unavailable.getMessage());
            Json.respond(ctx, 503, new ServerErrorView("Service temporarily unavailable", requestId));
        } else {
            String requestId = RequestIds.of(ctx);
            LOG.error("Unexpected error answering {} {} request_id={}", ctx.method().name(), ctx.path(), requestId,
                    exception);
            Json.respond(ctx, 500, new ServerErrorView(INTERNAL_SERVER_ERROR, requestId));
        }
    }

    /** Javalin's 404, 405 and 413 (body too large), worded as Starlette words them: the reason phrase. */
    private static void answerJavalinResponse(HttpResponseException response, Context ctx) {
        if (response.getStatus() == 405) {
            String allowed = response.getDetails().getOrDefault("availableMethods",
                    response.getDetails().get("Available methods"));
            if (allowed != null) {
                ctx.header(Header.ALLOW, allowed);
            }
        }
        HttpStatus status = HttpStatus.forStatus(response.getStatus());
        String detail = status == HttpStatus.UNKNOWN ? response.getMessage() : status.getMessage();
        Json.respond(ctx, response.getStatus(), new ErrorView(detail));
    }

    /** The status's reason phrase as RFC 9110 (and Starlette) words it: "URI Too Long", "Content Too Large". */
    public static String reasonPhrase(int status) {
        if (status == 500) {
            return INTERNAL_SERVER_ERROR; // Javalin says "Server Error"
        }
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "Error " + status : known.getMessage();
    }
}
