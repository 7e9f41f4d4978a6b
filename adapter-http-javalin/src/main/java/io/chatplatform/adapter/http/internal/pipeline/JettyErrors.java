package io.chatplatform.adapter.http.internal.pipeline;

import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.chatplatform.adapter.http.internal.view.ServerErrorView;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler, for the answers Jetty gives before a request reaches Javalin's routes: a
 * request line it cannot parse (400), a URI with a bad or ambiguous encoding such as {@code %zz}
 * or {@code %00} (400), a URI or headers over its limits (414, 431), an HTTP version it does not
 * speak (505), and a fault that escaped Javalin (500). Jetty's own handler writes an HTML page;
 * this one writes the API's error shape, {@code {"detail": "<reason phrase>"}}, like
 * {@link ErrorMapper} does for the errors Javalin raises, plus the request id for faults on our
 * side. Jetty's message ("Illegal character SPACE", "No Host") is logged, not sent: the reason
 * phrase is the same for every client, and says nothing about the parser.
 */
public final class JettyErrors implements Request.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
        }
        String requestId = RequestIds.choose(request.getHeaders().get(RequestIds.HEADER));
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        Object body;
        if (status >= 500) {
            // the API's shape for faults on our side: the id that finds the log line
            body = new ServerErrorView(ErrorMapper.reasonPhrase(status), requestId);
        } else {
            body = new ErrorView(ErrorMapper.reasonPhrase(status));
        }
        if (cause != null && !(cause instanceof HttpException)) {
            // a fault that escaped Javalin's own handling: a bug, worth an ERROR with its stack trace
            LOG.error("Unexpected error answered by Jetty with {}: {} {} request_id={}", status, request.getMethod(),
                    request.getHttpURI().getPath(), requestId, cause);
        } else if (LOG.isDebugEnabled()) {
            // the client's doing (or the server stopping): not worth more than DEBUG, or a flood of them floods the log
            LOG.debug("Answered by Jetty with {}: {} request_id={}", status,
                    request.getAttribute(ErrorHandler.ERROR_MESSAGE), requestId);
        }
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
        return true;
    }
}
