package io.chatplatform.adapter.http.internal.live;

import io.chatplatform.adapter.http.WebSocketSettings;
import io.chatplatform.adapter.http.internal.auth.BearerAuth;
import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.user.UserId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ws}: the WebSocket over which clients receive live events (protocol in
 * {@code docs/realtime.md}). Authenticates each connection by the same bearer token as the REST
 * API (from the {@code Authorization} header, a {@code bearer.<token>} subprotocol, or a first
 * {@code auth} message), then hands it to the application's {@link OpenLiveConnection}. One timer
 * thread serves every connection (authentication timeouts, token expiry); connections hold no
 * thread of their own. Tokens are never logged, and never read from the URL.
 */
public final class LiveEndpoint implements AutoCloseable {

    public static final String PATH = "/ws";
    /** The subprotocol the server selects; a client offers it next to {@code bearer.<token>}. */
    public static final String SUBPROTOCOL = "chat.v1";
    /** Prefix of the subprotocol that carries the token. */
    public static final String TOKEN_SUBPROTOCOL_PREFIX = "bearer.";
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    private static final Logger LOG = LoggerFactory.getLogger(LiveEndpoint.class);

    private final Authenticate authenticate;
    private final OpenLiveConnection live;
    private final WebSocketSettings settings;
    private final Clock clock;
    private final Map<Session, LiveSocket> sockets = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;

    /** @param clock tells when a connection's token has expired: the application's clock */
    public LiveEndpoint(Authenticate authenticate, OpenLiveConnection live, WebSocketSettings settings, Clock clock) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.live = Objects.requireNonNull(live, "live");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "chat-ws-timer");
            thread.setDaemon(true);
            return thread;
        });
        // an authentication timer is cancelled by nearly every connection: do not keep it until it would have fired
        timer.setRemoveOnCancelPolicy(true);
        long every = settings.expiryCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::expireTokens, every, every, TimeUnit.MILLISECONDS);
    }

    /** Registers the endpoint and sets Jetty's WebSocket limits; call inside {@code Javalin.create}. */
    public void install(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setIdleTimeout(settings.idleTimeout());
            factory.setMaxTextMessageSize(settings.maxMessageBytes());
            factory.setMaxBinaryMessageSize(settings.maxMessageBytes());
        });
        config.routes.wsBeforeUpgrade(PATH, LiveEndpoint::selectSubprotocol);
        config.routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> guarded(ctx, () -> connected(ctx)));
            ws.onMessage(ctx -> guarded(ctx, () -> socket(ctx).onText(ctx.message())));
            ws.onBinaryMessage(ctx -> guarded(ctx, () -> socket(ctx).onBinary()));
            ws.onClose(ctx -> closed(ctx, ctx.status(), ctx.reason()));
            ws.onError(ctx -> {
                // Jetty closes the connection after an error (1009 for an oversized message, a broken network)
                LOG.debug("WebSocket error: {}", ctx.error() == null ? "unknown" : ctx.error().toString());
            });
        });
    }

    /**
     * Answers the offered subprotocols with {@code chat.v1} when it is among them, and with none
     * otherwise; never with the one that carries the token (Javalin would echo the first offered).
     */
    private static void selectSubprotocol(Context ctx) {
        boolean offered = false;
        var headers = ctx.req().getHeaders(SEC_WEBSOCKET_PROTOCOL);
        while (headers != null && headers.hasMoreElements()) {
            offered |= Arrays.stream(headers.nextElement().split(",")).map(String::strip).anyMatch(SUBPROTOCOL::equals);
        }
        ctx.res().setHeader(SEC_WEBSOCKET_PROTOCOL, offered ? SUBPROTOCOL : null);
    }

    private void connected(WsContext ctx) {
        Session session = ctx.session;
        LiveSocket socket = new LiveSocket(new WebSocketChannel(session, settings.outboxCapacity()), authenticate, live,
                FrameBudget.of(settings.frameLimit()));
        sockets.put(session, socket);
        String token = handshakeToken(session);
        if (token != null) {
            socket.authenticate(token);
        } else {
            socket.awaitAuth(timer.schedule(socket::authTimedOut, settings.authTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        LOG.debug("WebSocket opened, user {}", socket.user() == null ? "not yet authenticated" : socket.user());
    }

    /** The token of the {@code Authorization} header, else of a {@code bearer.<token>} subprotocol; null without. */
    private static String handshakeToken(Session session) {
        var request = session.getUpgradeRequest();
        String fromHeader = BearerAuth.bearerToken(request.getHeader(Header.AUTHORIZATION));
        if (fromHeader != null) {
            return fromHeader;
        }
        for (String protocol : request.getSubProtocols()) {
            String offered = protocol.strip();
            if (offered.startsWith(TOKEN_SUBPROTOCOL_PREFIX) && offered.length() > TOKEN_SUBPROTOCOL_PREFIX.length()) {
                return offered.substring(TOKEN_SUBPROTOCOL_PREFIX.length());
            }
        }
        return null;
    }

    private LiveSocket socket(WsContext ctx) {
        LiveSocket socket = sockets.get(ctx.session);
        if (socket == null) {
            throw new IllegalStateException("a message arrived on a WebSocket that is not registered");
        }
        return socket;
    }

    private void closed(WsContext ctx, int code, String reason) {
        LiveSocket socket = sockets.remove(ctx.session);
        if (socket != null) {
            LOG.debug("WebSocket closed, user {}: {} {}", socket.user(), code, reason);
            socket.onClosed();
        }
    }

    /** A fault while handling a connection's event must not take anything else down: that connection closes with 1011. */
    private void guarded(WsContext ctx, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("WebSocket failed; closing it with {}", CloseCodes.SERVER_ERROR, e);
            LiveSocket socket = sockets.get(ctx.session);
            if (socket != null) {
                socket.close(CloseReason.SERVER_ERROR);
            } else {
                ctx.closeSession(CloseCodes.code(CloseReason.SERVER_ERROR), CloseCodes.text(CloseReason.SERVER_ERROR));
            }
        }
    }

    private void expireTokens() {
        try {
            var now = clock.instant();
            for (LiveSocket socket : sockets.values()) {
                socket.expireIfDue(now);
            }
        } catch (RuntimeException e) {
            // a timer task that throws is never run again; the next round tries again instead
            LOG.warn("Checking WebSocket token expiry failed", e);
        }
    }

    /** Open connections and their outboxes, for tests and diagnostics. */
    public List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        sockets.values().forEach(socket -> all.add(new Connection(socket.user(), socket.channel().queued(),
                socket.channel().closeCode())));
        return all;
    }

    /** One open connection: its user (null before authentication), frames queued, the code it is closing with (null while open). */
    public record Connection(UserId user, int queued, Integer closeCode) {
    }

    /** How long {@link #close} waits for the close handshakes before the server stops under them. */
    static final long CLOSE_HANDSHAKE_WAIT_MILLIS = 2_000;

    /**
     * Closes every connection with 1001 (clients reconnect, to another instance, and resume), stops
     * the timer, and waits up to {@link #CLOSE_HANDSHAKE_WAIT_MILLIS} for the close handshakes: a
     * server stopped at once drops connections whose close frame is still queued, and their
     * clients see 1006 instead of 1001.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        sockets.values().forEach(socket -> socket.close(CloseReason.GOING_AWAY));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_HANDSHAKE_WAIT_MILLIS);
        while (!sockets.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
