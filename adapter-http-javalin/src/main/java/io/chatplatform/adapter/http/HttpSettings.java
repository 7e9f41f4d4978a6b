package io.chatplatform.adapter.http;

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
 */
public record HttpSettings(String host, int port, String serviceVersion, boolean virtualThreads, long maxRequestBytes,
                           WebSocketSettings webSocket, TrustedProxies trustedProxies) {

    /** Enough for the largest legitimate request (a 4,000-character message in 4-byte UTF-8 plus JSON). */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

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
    }

    /** With {@link WebSocketSettings#DEFAULT}. */
    public HttpSettings(String host, int port, String serviceVersion, boolean virtualThreads, long maxRequestBytes) {
        this(host, port, serviceVersion, virtualThreads, maxRequestBytes, WebSocketSettings.DEFAULT, TrustedProxies.NONE);
    }

    /** The same, with these WebSocket settings. */
    public HttpSettings withWebSocket(WebSocketSettings webSocket) {
        return new HttpSettings(host, port, serviceVersion, virtualThreads, maxRequestBytes, webSocket, trustedProxies);
    }

    /** The same, believing {@code X-Forwarded-For} from these proxies. */
    public HttpSettings withTrustedProxies(TrustedProxies trustedProxies) {
        return new HttpSettings(host, port, serviceVersion, virtualThreads, maxRequestBytes, webSocket, trustedProxies);
    }
}
