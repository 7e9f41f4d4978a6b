package io.chatplatform.bench;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bare ceiling: Javalin (the service's HTTP stack, same version, virtual threads on Java 21+)
 * serving a constant JSON page of a given size at {@code GET /page}, and {@code GET /ws}, a
 * WebSocket that says {@code {"type":"ready"}} and then only answers pings. Everything the service
 * adds on top of this (authentication, the use case, the cache or the database, JSON encoding) is
 * what the ratio to this ceiling shows.
 *
 * <pre>java -jar chat-bench.jar bare-server --port 8090 --bytes 9000</pre>
 */
@Command(name = "bare-server", description = "the bare Javalin ceiling: GET /page of --bytes, GET /ws")
public final class BareServer implements Callable<Integer> {

    @Option(names = "--port", description = "default ${DEFAULT-VALUE}")
    int port = 8090;
    @Option(names = "--host", description = "default ${DEFAULT-VALUE}")
    String host = "127.0.0.1";
    @Option(names = "--bytes", description = "size of the JSON page (default ${DEFAULT-VALUE})")
    int bytes = 2048;

    /** Serves until the JVM stops. */
    @Override
    public Integer call() throws InterruptedException {
        start();
        Thread.currentThread().join();
        return 0;
    }

    Javalin start() {
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
