package io.chatplatform.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's HTTP client against the JDK's own small HTTP server: fixed-length and chunked bodies, statuses, headers. */
class HttpChannelTest {

    private HttpServer server;
    private URI base;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // length unknown: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write("0123456789".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/missing", exchange -> {
            byte[] body = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void getsAndPostsOnOneKeptAliveChannel() throws IOException {
        try (HttpChannel ch = new HttpChannel(base, Duration.ofSeconds(5))) {
            HttpChannel.Response get = ch.get("/fixed?x=1", "tok");
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.text()).isEqualTo("{\"ok\":true}");
            HttpChannel.Response post = ch.post("/fixed", null, "application/json",
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(post.ok()).isTrue();
            HttpChannel.Response chunked = ch.get("/chunked", null);
            assertThat(chunked.body()).hasSize(1000);
            HttpChannel.Response missing = ch.get("/missing", null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.ok()).isFalse();
            assertThat(missing.text()).contains("Not Found");
            assertThat(ch.get("/fixed", null).status()).isEqualTo(200);
        }
        assertThat(seen).contains("GET /fixed?x=1 auth=Bearer tok body=", "POST /fixed auth=null body={\"a\":1}");
    }

    @Test
    void aRefusedConnectionIsAnIoError() {
        server.stop(0);
        try (HttpChannel ch = new HttpChannel(base, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> ch.get("/fixed", null)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(HttpChannel.errorKind(e)).isIn("connect", "io"));
        }
    }

    @Test
    void onlyPlainHttpIsSpoken() {
        assertThatThrownBy(() -> new HttpChannel(URI.create("https://example.com/"), Duration.ofSeconds(1)))
                .hasMessageContaining("plain http only");
    }
}
