package io.chatplatform.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens. Read once at start-up.
 *
 * @param host            the interface to bind to, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port            0 to 65535; 0 picks any free port (tests), see {@link ChatHttpServer#port()}
 * @param serviceVersion  the version shown by {@code GET /} and in the OpenAPI document
 * @param virtualThreads  serve requests on virtual threads; pass {@code true} only on a JVM that
 *                        has them (21+). On older JVMs Javalin silently uses platform threads.
 * @param maxRequestBytes the largest request body accepted; larger bodies are answered with 413
 * @param webSocket       how {@code GET /ws} treats live connections
 * @param trustedProxies  the proxies in front of the service, whose {@code X-Forwarded-For} tells
 *                        the client's address
 * @param throttledPause  how long a 429 (a rate limit) or a 503 for lack of room waits before it is
 *                        sent, so that a client that hammers gets its refusals slowly (holding no
 *                        thread meanwhile) instead of as fast as it can ask; zero sends them at once
 */
public record HttpSettings(String host, int port, String serviceVersion, boolean virtualThreads, long maxRequestBytes,
                           WebSocketSettings webSocket, TrustedProxies trustedProxies, Duration throttledPause) {

    /** Enough for the largest legitimate request (a 4,000-character message in 4-byte UTF-8 plus JSON). */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

    /**
     * One second: a client that ignores {@code Retry-After} is held to about one refusal a second
     * per connection, while a person who hit a limit barely notices.
     */
    public static final Duration DEFAULT_THROTTLED_PAUSE = Duration.ofSeconds(1);

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 = any free port), was " + port);
        }
        if (serviceVersion.isBlank()) {
            throw new IllegalArgumentException("serviceVersion must not be blank");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1, was " + maxRequestBytes);
        }
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(throttledPause, "throttledPause");
        if (throttledPause.isNegative() || throttledPause.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("throttledPause must be between 0 and 1 minute, was " + throttledPause);
        }
    }

    /** With {@link WebSocketSettings#DEFAULT}. */
    public HttpSettings(String host, int port, String serviceVersion, boolean virtualThreads, long maxRequestBytes) {
        this(host, port, serviceVersion, virtualThreads, maxRequestBytes, WebSocketSettings.DEFAULT, TrustedProxies.NONE,
                DEFAULT_THROTTLED_PAUSE);
    }

    /** The same, with these WebSocket settings. */
    public HttpSettings withWebSocket(WebSocketSettings webSocket) {
        return new HttpSettings(host, port, serviceVersion, virtualThreads, maxRequestBytes, webSocket, trustedProxies,
                throttledPause);
    }

    /** The same, believing {@code X-Forwarded-For} from these proxies. */
    public HttpSettings withTrustedProxies(TrustedProxies trustedProxies) {
        return new HttpSettings(host, port, serviceVersion, virtualThreads, maxRequestBytes, webSocket, trustedProxies,
                throttledPause);
    }

    /** The same, pausing this long before a 429 or a 503 for lack of room. */
    public HttpSettings withThrottledPause(Duration throttledPause) {
        return new HttpSettings(host, port, serviceVersion, virtualThreads, maxRequestBytes, webSocket, trustedProxies,
                throttledPause);
    }
}
