package io.chatplatform.bench.http;

import io.chatplatform.bench.Threads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** {@link HttpClient} over HTTP/1.1; its keep-alive pool holds at most one connection per virtual user. */
final class JdkTransport implements HttpTransport {

    private final URI base;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    JdkTransport(URI base, int connections, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        // read once, when the client's connection pool class initialises: set before the first client
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(Math.max(1, connections)));
        System.setProperty("jdk.httpclient.keepalive.timeout", "600");
        this.executor = Threads.perTask("http");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout);
        // -Dbench.jdkExecutor=default keeps the client's own (platform) thread pool, for comparison
        if (!"default".equals(System.getProperty("bench.jdkExecutor"))) {
            builder.executor(executor);
        }
        this.client = builder.build();
    }

    @Override
    public Channel channel() {
        return new Channel() {
            @Override
            public Response get(String pathAndQuery, String bearerToken) throws IOException {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET();
                return send(request, bearerToken);
            }

            @Override
            public Response post(String path, String bearerToken, String contentType, byte[] body) throws IOException {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                return send(request, bearerToken);
            }

            @Override
            public void close() {
                // the pool is shared
            }
        };
    }

    private Response send(HttpRequest.Builder request, String bearerToken) throws IOException {
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The client itself, for WebSockets. */
    HttpClient client() {
        return client;
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
