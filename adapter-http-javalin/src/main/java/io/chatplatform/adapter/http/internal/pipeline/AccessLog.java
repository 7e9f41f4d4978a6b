package io.chatplatform.adapter.http.internal.pipeline;

import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.user.UserId;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line and one metrics report per request, with bounded labels: the route template (never
 * the raw path: ids would make every request a new series), method and status. The log line
 * carries the request id, route, status, duration and the caller's user id as structured fields;
 * never the query string (old clients put tokens there), never a body.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final String ROUTE = "chat.route";
    private static final String USER = "chat.user";

    private final ChatMetrics metrics;

    public AccessLog(ChatMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Remembers which route template answers the request; called by the handler. */
    public static void route(Context ctx, String template) {
        ctx.attribute(ROUTE, template);
    }

    /** Remembers who the caller is, once authenticated. */
    public static void user(Context ctx, UserId user) {
        ctx.attribute(USER, user.value());
        MDC.put("user_id", Long.toString(user.value()));
    }

    /** Runs after every request (Javalin's request logger). */
    public void log(Context ctx, Float millis) {
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        metrics.httpRequest(ctx.method().name(), route, status, Duration.ofNanos((long) (millis * 1_000_000)));
        try {
            if (LOG.isInfoEnabled()) {
                MDC.put("request_id", RequestIds.of(ctx));
                MDC.put("method", ctx.method().name());
                MDC.put("route", route);
                MDC.put("status", Integer.toString(status));
                MDC.put("duration_ms", String.format(java.util.Locale.ROOT, "%.1f", millis));
                Long user = ctx.attribute(USER);
                if (user != null) {
                    MDC.put("user_id", user.toString());
                }
                LOG.info("{} {} {}", ctx.method().name(), route, status);
            }
        } finally {
            // the thread serves other requests next
            MDC.clear();
        }
    }

    private static String routeOf(Context ctx) {
        String template = ctx.attribute(ROUTE);
        if (template != null) {
            return template;
        }
        if (ctx.path().startsWith("/webjars/")) {
            return "/webjars/*";
        }
        return "unmatched";
    }
}
