package io.chatplatform.adapter.http.internal.pipeline;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per request: method, path, status, time and request id. The path is logged
 * without its query string, because {@code GET /messages} may carry a token there.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private AccessLog() {
    }

    public static void log(Context ctx, Float millis) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms request_id={}", ctx.method().name(), ctx.path(), ctx.statusCode(),
                    String.format("%.1f", millis), RequestIds.of(ctx));
        }
    }
}
