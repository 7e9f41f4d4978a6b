package io.chatplatform.bench;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The bare ceiling: Javalin (the service's HTTP stack, same version, virtual threads on Java 21+)
 * serving a constant JSON page of a given size at {@code GET /page}, and {@code GET /ws}, a
 * WebSocket that says {@code {"type":"ready"}} and then only answers pings. Everything the service
 * adds on top of this (authentication, the use case, the cache or the database, JSON encoding) is
 * what the ratio to this ceiling shows.
 *
 * <pre>java -cp chat-bench.jar io.chatplatform.bench.BareServer --port 8090 --bytes 9000</pre>
 */
public final class BareServer {

    public static final List<String> OPTIONS = List.of("port", "host", "bytes");

    private BareServer() {
    }

    public static void main(String[] args) {
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "bare-server";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        Options o = Options.parse(withCommand, java.util.Set.of());
        o.requireOnly(java.util.Set.copyOf(OPTIONS));
        start(o);
    }

    /** Starts serving and returns the server (it runs until the JVM stops). */
    public static Javalin start(Options o) {
        int port = o.integer("port", 8090, 0, 65535);
        String host = o.string("host", "127.0.0.1");
        int bytes = o.integer("bytes", 2048, 2, 10_000_000);
        byte[] page = BarePage.json(bytes).getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.concurrency.useVirtualThreads = Threads.virtual();
            config.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofMinutes(10)));
            config.routes.get("/page", ctx -> ctx.contentType("application/json").result(page));
            config.routes.get("/", ctx -> ctx.contentType("application/json")
                    .result("{\"service\":\"bare-javalin\",\"page_bytes\":" + page.length + "}"));
            config.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> ctx.send("{\"type\":\"ready\",\"user_id\":0}"));
                ws.onMessage(ctx -> {
                    if (ctx.message().contains("\"ping\"")) {
                        ctx.send("{\"type\":\"pong\"}");
                    }
                });
            });
        });
        app.start(host, port);
        System.out.printf(Locale.ROOT, "bare server on http://%s:%d: GET /page (%d bytes of JSON), GET /ws; Java %s,"
                        + " virtual threads %s; pid %d%n", host, app.port(), page.length, System.getProperty("java.version"),
                Threads.virtual() ? "on" : "off", ProcessHandle.current().pid());
        return app;
    }
}
