package io.chatplatform.adapter.http.internal.route;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.pipeline.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link JsonStream} to a response. The bytes go to Jetty's own output stream, not to
 * Javalin's result (which is held whole until the handler returns) nor to Javalin's output
 * stream (which would compress by its own rules: a download is the proxy's to compress). Jetty
 * sends what its buffer holds each time it fills, so the body goes out chunked, without a
 * {@code Content-Length}, in constant memory.
 *
 * <p>A failure before the stream started is thrown, and answered as any other. A failure after it
 * started cannot be answered any more (the status went out with the first bytes): the connection
 * is aborted, so that the client sees a broken transfer rather than a body that merely ends
 * early, and the failure is logged with the request id.
 */
final class JsonStreaming {

    private static final Logger LOG = LoggerFactory.getLogger(JsonStreaming.class);

    private JsonStreaming() {
    }

    static void write(Context ctx, int status, String filename, JsonStream body, Supplier<RuntimeException> nothing) {
        Started started = new Started(ctx, status, filename);
        boolean written;
        try {
            written = body.writeTo(started);
            if (written) {
                started.finish();
            }
        } catch (IOException | RuntimeException failure) {
            if (!started.started()) {
                throw failure instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) failure;
            }
            abort(ctx, failure);
            return;
        }
        if (!written) {
            if (started.started()) {
                throw new IllegalStateException("a JSON stream started, then said it had nothing to write");
            }
            throw nothing.get();
        }
    }

    private static void abort(Context ctx, Exception failure) {
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            // mostly a client that stopped reading (a cancelled download): not a fault of ours
            LOG.info("Writing the streamed answer to {} {} failed; aborting the connection request_id={}: {}",
                    ctx.method().name(), ctx.path(), RequestIds.of(ctx), failure.toString());
        } else {
            LOG.warn("Streaming the answer to {} {} failed after it started; aborting the connection request_id={}",
                    ctx.method().name(), ctx.path(), RequestIds.of(ctx), failure);
        }
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getServletChannel().abort(failure);
        }
    }

    /** The response, once started: its headers set and a generator on Jetty's output stream. */
    private static final class Started implements JsonStream.Start {
        private final Context ctx;
        private final int status;
        private final String filename;
        private JsonGenerator generator;

        Started(Context ctx, int status, String filename) {
            this.ctx = ctx;
            this.status = status;
            this.filename = filename;
        }

        @Override
        public JsonGenerator generator() throws IOException {
            if (generator == null) {
                ctx.status(status).contentType(Json.MEDIA_TYPE)
                        .header(Header.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
                generator = Json.generator(ctx.res().getOutputStream());
            }
            return generator;
        }

        boolean started() {
            return generator != null;
        }

        /** Writes what the generator holds and ends the body (the last chunk). */
        void finish() throws IOException {
            generator.close();
        }
    }
}
