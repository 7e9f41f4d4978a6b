package io.chatplatform.adapter.http;

import io.chatplatform.adapter.http.internal.auth.BearerAuth;
import io.chatplatform.adapter.http.internal.live.LiveEndpoint;
import io.chatplatform.adapter.http.internal.pipeline.AccessLog;
import io.chatplatform.adapter.http.internal.pipeline.ClientAddresses;
import io.chatplatform.adapter.http.internal.pipeline.ErrorMapper;
import io.chatplatform.adapter.http.internal.pipeline.JettyErrors;
import io.chatplatform.adapter.http.internal.pipeline.RequestIds;
import io.chatplatform.adapter.http.internal.route.Dispatcher;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.routes.ApiRoutes;
import io.chatplatform.adapter.http.internal.routes.WebClientRoutes;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.in.ScrapeMetrics;
import io.chatplatform.application.port.out.ChatMetrics;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The chat's HTTP API, running. It keeps the paths, JSON shapes and status codes of the replaced
 * FastAPI service (the API contract in the design documents), serves an OpenAPI 3.1 document generated from its
 * routes at {@code /openapi.json}, and shows it at {@code /docs} (Swagger UI) and {@code /redoc}.
 * Live events go out over the WebSocket {@code GET /ws} ({@code docs/realtime.md}).
 *
 * <pre>{@code
 * try (ChatHttpServer server = ChatHttpServer.start(settings, chatApplication, healthCheck)) {
 *     ... // serving on server.port() until closed
 * }
 * }</pre>
 */
public final class ChatHttpServer implements AutoCloseable {

    private final Javalin javalin;
    private final LiveEndpoint live;
    private final Set<String> registeredRoutes;

    private ChatHttpServer(Javalin javalin, LiveEndpoint live, Set<String> registeredRoutes) {
        this.javalin = javalin;
        this.live = live;
        this.registeredRoutes = registeredRoutes;
    }

    /**
     * Starts serving; returns once the server accepts connections.
     *
     * @param settings where to listen and request limits
     * @param app      the use cases; the handlers call only its inbound ports
     * @param health   answers {@code GET /health}
     * @throws io.javalin.util.JavalinBindException when the port is taken
     */
    public static ChatHttpServer start(HttpSettings settings, ChatApplication app, CheckHealth health) {
        return start(settings, app, health, Clock.systemUTC());
    }

    /**
     * Starts serving; returns once the server accepts connections.
     *
     * @param clock the application's clock, which tells when the token of a live connection has
     *              expired (the connection is closed then) and dates an account's export
     * @see #start(HttpSettings, ChatApplication, CheckHealth)
     */
    public static ChatHttpServer start(HttpSettings settings, ChatApplication app, CheckHealth health, Clock clock) {
        return start(settings, app, health, clock, ChatMetrics.NONE, ScrapeMetrics.none());
    }

    /**
     * Starts serving, reporting every request to {@code metrics} and serving {@code scrape} at
     * {@code GET /metrics}.
     *
     * @see #start(HttpSettings, ChatApplication, CheckHealth, Clock)
     */
    public static ChatHttpServer start(HttpSettings settings, ChatApplication app, CheckHealth health, Clock clock,
                                       ChatMetrics metrics, ScrapeMetrics scrape) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(scrape, "scrape");
        RouteTable routes = ApiRoutes.build(app, health, scrape, settings.serviceVersion(), clock);
        AccessLog accessLog = new AccessLog(metrics);
        Dispatcher dispatcher = new Dispatcher(new BearerAuth(app.authenticate(), app.recordActivity()),
                new ClientAddresses(settings.trustedProxies()), settings.throttledPause());
        Set<String> registered = Collections.synchronizedSet(new LinkedHashSet<>());
        LiveEndpoint live = new LiveEndpoint(app.authenticate(), app.openLiveConnection(), settings.webSocket(), clock);
        Javalin javalin;
        try {
            javalin = create(settings, routes, dispatcher, live, registered, accessLog);
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        try {
            javalin.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            live.close();
            javalin.stop();
            throw e;
        }
        return new ChatHttpServer(javalin, live, Collections.unmodifiableSet(registered));
    }

    private static Javalin create(HttpSettings settings, RouteTable routes, Dispatcher dispatcher, LiveEndpoint live,
                                  Set<String> registered, AccessLog accessLog) {
        return Javalin.create(config -> {
            // first, so that it sees every route Javalin is given
            config.events.handlerAdded(added -> {
                if (added.getHttpMethod().isHttpMethod()) {
                    registered.add(added.getHttpMethod().name() + " " + added.getPath());
                }
            });
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            // on a JVM without virtual threads Javalin falls back to platform threads by itself
            config.concurrency.useVirtualThreads = settings.virtualThreads();
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            config.staticFiles.enableWebjars();
            if (WebClientRoutes.present()) {
                WebClientRoutes.installFiles(config);
            }
            config.requestLogger.http(accessLog::log);
            config.routes.before(RequestIds::assign);
            for (Route<?> route : routes.routes()) {
                config.routes.addHttpHandler(route.method(), route.path(), dispatcher.handlerFor(route));
            }
            live.install(config);
            ErrorMapper.install(config.routes);
            // what Jetty answers itself, before routing (bad request line, URI or headers too long): JSON too
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
        });
    }

    /** The port the server listens on; the one chosen when the settings said 0. */
    public int port() {
        return javalin.port();
    }

    /**
     * Closes the live connections with 1001 (clients reconnect, to another instance, and resume),
     * stops accepting requests and releases the port.
     */
    @Override
    public void close() {
        live.close();
        javalin.stop();
    }

    /** The open WebSocket connections, for tests. */
    List<LiveEndpoint.Connection> liveConnections() {
        return live.connections();
    }

    /** "METHOD /path" of every route Javalin registered, for the test that the OpenAPI document matches. */
    Set<String> registeredRoutes() {
        return registeredRoutes;
    }
}
