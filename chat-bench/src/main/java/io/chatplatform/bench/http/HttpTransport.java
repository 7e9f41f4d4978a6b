package io.chatplatform.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * How virtual users speak HTTP/1.1 to the service. Two implementations:
 * {@code jdk} ({@link java.net.http.HttpClient}, one shared client with a pool of keep-alive
 * connections) and {@code raw} (one blocking keep-alive socket per virtual user, no pool, the
 * request written by hand), chosen with {@code --client}; see docs/benchmarks.md for which costs
 * less CPU.
 */
public interface HttpTransport extends AutoCloseable {

    /** A channel for one virtual user. Channels are not shared between threads. */
    Channel channel();

    /** {@code jdk} or {@code raw}. */
    String name();

    @Override
    void close();

    static HttpTransport create(String kind, URI base, int connections, Duration timeout) {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "jdk":
                return new JdkTransport(base, connections, timeout);
            case "raw":
                return new RawTransport(base, timeout);
            default:
                throw new IllegalArgumentException("--client is jdk or raw, not " + kind);
        }
    }

    /** One virtual user's way to the server. */
    interface Channel extends AutoCloseable {

        Response get(String pathAndQuery, String bearerToken) throws IOException;

        Response post(String path, String bearerToken, String contentType, byte[] body) throws IOException;

        @Override
        void close();
    }

    /** A response: its status and its whole body. */
    record Response(int status, byte[] body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The error kind an exception counts as: {@code timeout}, or {@code io} (connection refused, reset, ...). */
    static String errorKind(Throwable e) {
        if (e instanceof HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof java.net.ConnectException) {
            return "connect";
        }
        return "io";
    }
}
